import { useId, useState } from 'react';
import { useApi } from '../api/api-context.tsx';

/**
 * Where the app's log file is, and "Open log folder": the file manager shows it (Electron); where nothing
 * can open a folder (the browser harness) the path is shown to copy instead. The log never holds a
 * session, a code or a password, so it can be attached to a support request as it is.
 */
export function LogPanel(props: { folder: string }): React.JSX.Element {
  const api = useApi();
  const id = useId();
  const [outcome, setOutcome] = useState<
    { kind: 'shown'; path: string } | { kind: 'error'; text: string } | null
  >(null);

  const open = async (): Promise<void> => {
    const result = await api.invoke('app:openLogFolder', {});
    if (!result.ok) setOutcome({ kind: 'error', text: result.error.message });
    else if (result.value.by === 'page') setOutcome({ kind: 'shown', path: result.value.path });
    else setOutcome(null);
  };

  return (
    <section className="settings-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Log file</h3>
      <p className="settings-help">
        Switchboard writes what it does to a log file in <code className="settings-path">{props.folder}</code>{' '}
        (5 MB per file, the last five kept). It never contains sessions, codes or passwords.
      </p>
      <button
        type="button"
        onClick={() => {
          void open();
        }}
      >
        Open log folder
      </button>
      {outcome?.kind === 'shown' ? (
        <p role="status" className="settings-help">
          This window cannot open folders: open <code className="settings-path">{outcome.path}</code> in your
          file manager.
        </p>
      ) : null}
      {outcome?.kind === 'error' ? (
        <p role="alert" className="settings-error">
          {outcome.text}
        </p>
      ) : null}
    </section>
  );
}
