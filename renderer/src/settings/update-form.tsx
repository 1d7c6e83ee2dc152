import { useId, useState } from 'react';
import type { SettingsView } from '../../../main/contract/ipc-contract.ts';
import { useApi } from '../api/api-context.tsx';
import { useAppStoreApi } from '../store/store-context.tsx';

/**
 * "Check for updates automatically": the installed app looks for a new release every few hours,
 * downloads it in the background and installs it when the user quits. Saved in main at once.
 */
export function UpdateForm(props: { settings: SettingsView }): React.JSX.Element {
  const api = useApi();
  const store = useAppStoreApi();
  const id = useId();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const change = async (enabled: boolean): Promise<void> => {
    setSaving(true);
    setError(null);
    const result = await api.invoke('settings:setAutoUpdate', { enabled });
    setSaving(false);
    if (result.ok) {
      store.getState().setSettings(result.value);
      store
        .getState()
        .announce(result.value.autoUpdate ? 'Automatic updates are on.' : 'Automatic updates are off.');
    } else {
      setError(result.error.message);
    }
  };

  return (
    <section className="settings-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Updates</h3>
      <div className="settings-check">
        <input
          type="checkbox"
          id={`${id}-auto`}
          checked={props.settings.autoUpdate}
          disabled={saving}
          aria-describedby={`${id}-about`}
          onChange={(event) => {
            void change(event.currentTarget.checked);
          }}
        />
        <label htmlFor={`${id}-auto`}>Check for updates automatically</label>
      </div>
      <p id={`${id}-about`} className="settings-help">
        Switchboard looks for a new release every six hours, downloads it in the background and installs it
        when you quit. It never checks in demo mode.
      </p>
      {error === null ? null : (
        <p role="alert" className="settings-error">
          {error}
        </p>
      )}
    </section>
  );
}
