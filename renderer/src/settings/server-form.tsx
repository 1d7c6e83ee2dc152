import { useEffect, useId, useRef, useState } from 'react';
import type { LoginCard } from '../../../main/contract/login-state.ts';
import type { ServerProfile, ServerProfileKind } from '../../../main/contract/server-profile.ts';
import type { SettingsView } from '../../../main/contract/ipc-contract.ts';
import { useApi } from '../api/api-context.tsx';
import type { AppState } from '../store/app-store.ts';
import { useAppStore, useAppStoreApi } from '../store/store-context.tsx';
import { customServerFields, parseCustomServer, type CustomServerErrors } from './custom-server.ts';
import { PROFILE_OPTIONS, profileLabel } from './profile-labels.ts';

/** Logins still under way; switching servers drops them, so the switch is confirmed first. */
const selectActiveLogins = (state: AppState): number =>
  state.cardOrder.filter((id) => isActive(state.cards[id])).length;

function isActive(card: LoginCard | undefined): boolean {
  const step = card?.state.step;
  return step !== undefined && step !== 'signedIn' && step !== 'failed' && step !== 'cancelled';
}

/**
 * Which servers the app talks to. Telegram, its test servers and the sandbox switch when chosen; a
 * custom server switches once its form checks out. Main drops the board's logins on a switch, so when
 * logins are under way the user confirms first.
 */
export function ServerForm(props: { settings: SettingsView }): React.JSX.Element {
  const api = useApi();
  const store = useAppStoreApi();
  const activeLogins = useAppStore(selectActiveLogins);
  const current = props.settings.serverProfile;
  const [choice, setChoice] = useState<ServerProfileKind>(current.kind);
  // A new profile (chosen here or switched by main) resets the choice; the radios stay mounted so the
  // keyboard focus stays where it was.
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setChoice(current.kind);
  }
  const [confirming, setConfirming] = useState<ServerProfile | null>(null);
  const [switching, setSwitching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Main's refusal of the custom server's key: shown at the key field, not below the form. */
  const [keyRefusal, setKeyRefusal] = useState<string | null>(null);
  /** Main printed a one-time code in its terminal (the browser harness) and waits for it. */
  const [awaitingCode, setAwaitingCode] = useState<{ profile: ServerProfile; message: string } | null>(null);
  const radiosName = useId();

  const apply = async (profile: ServerProfile, confirmationCode?: string): Promise<void> => {
    setConfirming(null);
    setSwitching(true);
    setError(null);
    setKeyRefusal(null);
    setAwaitingCode(null);
    const result = await api.invoke(
      'settings:setServerProfile',
      confirmationCode === undefined ? { profile } : { profile, confirmationCode },
    );
    setSwitching(false);
    if (!result.ok && CODE_ERRORS.has(result.error.code)) {
      setAwaitingCode({ profile, message: result.error.message });
    } else if (result.ok) {
      store.getState().setSettings(result.value);
      store.getState().announce(`Now using ${profileLabel(result.value.serverProfile)}.`);
    } else if (result.error.code === 'SERVER_KEY_INVALID' || result.error.code === 'SERVER_KEY_NOT_RSA') {
      setKeyRefusal(result.error.message);
    } else {
      setError(result.error.message);
      setChoice(current.kind);
    }
  };
  const request = (profile: ServerProfile): void => {
    if (activeLogins > 0) setConfirming(profile);
    else void apply(profile);
  };
  const choose = (kind: ServerProfileKind): void => {
    if (switching) return;
    setChoice(kind);
    setError(null);
    setConfirming(null);
    if (kind !== 'custom' && kind !== current.kind) request({ kind });
  };
  const keep = (): void => {
    if (confirming?.kind !== 'custom') setChoice(current.kind);
    setConfirming(null);
  };

  return (
    <section className="settings-panel" aria-labelledby={`${radiosName}-title`}>
      <h3 id={`${radiosName}-title`}>Server profile</h3>
      <fieldset className="server-options">
        <legend>Server</legend>
        {PROFILE_OPTIONS.map((option) => (
          <div key={option.kind} className="server-option">
            <input
              type="radio"
              id={`${radiosName}-${option.kind}`}
              name={radiosName}
              value={option.kind}
              checked={choice === option.kind}
              aria-describedby={`${radiosName}-${option.kind}-about`}
              onChange={() => {
                choose(option.kind);
              }}
            />
            <label htmlFor={`${radiosName}-${option.kind}`}>{option.label}</label>
            <span id={`${radiosName}-${option.kind}-about`} className="settings-help">
              {option.description}
            </span>
          </div>
        ))}
      </fieldset>
      <p className="settings-help">
        Now using {profileLabel(current)}. Each server keeps its own accounts; switching removes the logins on
        the board.
      </p>
      {choice === 'custom' ? (
        <CustomServerForm current={current} disabled={switching} onUse={request} keyRefusal={keyRefusal} />
      ) : null}
      {awaitingCode === null ? null : (
        <TerminalCodePrompt
          message={awaitingCode.message}
          disabled={switching}
          onSubmit={(code) => {
            void apply(awaitingCode.profile, code);
          }}
          onNewCode={() => {
            void apply(awaitingCode.profile);
          }}
          onCancel={() => {
            setAwaitingCode(null);
          }}
        />
      )}
      {confirming === null ? null : (
        <SwitchConfirmation
          target={profileLabel(confirming)}
          current={profileLabel(current)}
          activeLogins={activeLogins}
          onConfirm={() => {
            void apply(confirming);
          }}
          onKeep={keep}
        />
      )}
      {switching ? <p role="status">Switching servers…</p> : null}
      {error === null ? null : (
        <p role="alert" className="settings-error">
          {error}
        </p>
      )}
    </section>
  );
}

/** The errors that mean "type the code main printed in its terminal" (the browser harness's confirmation). */
const CODE_ERRORS: ReadonlySet<string> = new Set([
  'SERVER_CONFIRMATION_CODE_NEEDED',
  'SERVER_CONFIRMATION_CODE_WRONG',
]);

function TerminalCodePrompt(props: {
  message: string;
  disabled: boolean;
  onSubmit: (code: string) => void;
  onNewCode: () => void;
  onCancel: () => void;
}): React.JSX.Element {
  const [code, setCode] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => {
    inputRef.current?.focus();
  }, [props.message]);
  return (
    <form
      className="settings-confirm"
      aria-label="Confirm the server with the terminal code"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit(code.trim());
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          props.onCancel();
        }
      }}
    >
      <p id={`${id}-why`} role="alert">
        {props.message}
      </p>
      <div className="settings-field">
        <label htmlFor={`${id}-code`}>Code from the terminal</label>
        <input
          ref={inputRef}
          id={`${id}-code`}
          autoComplete="off"
          spellCheck={false}
          maxLength={32}
          value={code}
          aria-describedby={`${id}-why`}
          onChange={(event) => {
            setCode(event.target.value);
          }}
        />
      </div>
      <button type="submit" className="primary" disabled={props.disabled || code.trim() === ''}>
        Confirm server
      </button>
      <button type="button" disabled={props.disabled} onClick={props.onNewCode}>
        Print a new code
      </button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </form>
  );
}

function SwitchConfirmation(props: {
  target: string;
  current: string;
  activeLogins: number;
  onConfirm: () => void;
  onKeep: () => void;
}): React.JSX.Element {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirmRef.current?.focus();
  }, []);
  const logins = props.activeLogins === 1 ? '1 login' : `${String(props.activeLogins)} logins`;
  return (
    <div
      role="group"
      aria-label="Confirm server switch"
      className="settings-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          props.onKeep();
        }
      }}
    >
      <p>
        Switching to {props.target} removes the {logins} under way on the board. Switch anyway?
      </p>
      <button ref={confirmRef} type="button" className="primary" onClick={props.onConfirm}>
        Switch server
      </button>
      <button type="button" onClick={props.onKeep}>
        Stay on {props.current}
      </button>
    </div>
  );
}

function CustomServerForm(props: {
  current: ServerProfile;
  disabled: boolean;
  onUse: (profile: ServerProfile) => void;
  /** Main refused the key it was sent (it is no 2048-bit RSA key): the key field says why. */
  keyRefusal: string | null;
}): React.JSX.Element {
  const [fields, setFields] = useState(() => customServerFields(props.current));
  const [checked, setErrors] = useState<CustomServerErrors>({});
  const errors: CustomServerErrors =
    props.keyRefusal === null ? checked : { ...checked, publicKeyPem: props.keyRefusal };
  const refs = {
    name: useRef<HTMLInputElement>(null),
    dcs: useRef<HTMLTextAreaElement>(null),
    publicKeyPem: useRef<HTMLTextAreaElement>(null),
  };
  const id = useId();
  useEffect(() => {
    if (props.keyRefusal !== null) refs.publicKeyPem.current?.focus();
  }, [props.keyRefusal, refs.publicKeyPem]);

  const submit = (event: React.SubmitEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const parsed = parseCustomServer(fields);
    if (parsed.ok) {
      setErrors({});
      props.onUse(parsed.profile);
      return;
    }
    setErrors(parsed.errors);
    const first = (['name', 'dcs', 'publicKeyPem'] as const).find(
      (field) => parsed.errors[field] !== undefined,
    );
    if (first !== undefined) refs[first].current?.focus();
  };
  const describedBy = (field: keyof CustomServerErrors, help?: string): string | undefined => {
    const ids = [errors[field] === undefined ? null : `${id}-${field}-error`, help ?? null].filter(
      (value) => value !== null,
    );
    return ids.length === 0 ? undefined : ids.join(' ');
  };
  const fieldError = (field: keyof CustomServerErrors): React.JSX.Element | null =>
    errors[field] === undefined ? null : (
      <p id={`${id}-${field}-error`} className="settings-error">
        {errors[field]}
      </p>
    );

  return (
    <form className="custom-server" aria-label="Custom server" noValidate onSubmit={submit}>
      <div className="settings-field">
        <label htmlFor={`${id}-name`}>Profile name</label>
        <input
          ref={refs.name}
          id={`${id}-name`}
          autoComplete="off"
          value={fields.name}
          aria-invalid={errors.name !== undefined}
          aria-describedby={describedBy('name')}
          onChange={(event) => {
            setFields({ ...fields, name: event.target.value });
          }}
        />
        {fieldError('name')}
      </div>
      <div className="settings-field">
        <label htmlFor={`${id}-dcs`}>Data centers</label>
        <textarea
          ref={refs.dcs}
          id={`${id}-dcs`}
          rows={3}
          spellCheck={false}
          value={fields.dcs}
          aria-invalid={errors.dcs !== undefined}
          aria-describedby={describedBy('dcs', `${id}-dcs-help`)}
          onChange={(event) => {
            setFields({ ...fields, dcs: event.target.value });
          }}
        />
        {fieldError('dcs')}
        <p id={`${id}-dcs-help`} className="settings-help">
          One per line: the data center id, a space, then host:port, e.g. 2 149.154.167.50:443.
        </p>
      </div>
      <div className="settings-field">
        <label htmlFor={`${id}-key`}>RSA public key</label>
        <textarea
          ref={refs.publicKeyPem}
          id={`${id}-key`}
          rows={6}
          spellCheck={false}
          value={fields.publicKeyPem}
          aria-invalid={errors.publicKeyPem !== undefined}
          aria-describedby={describedBy('publicKeyPem', `${id}-key-help`)}
          onChange={(event) => {
            setFields({ ...fields, publicKeyPem: event.target.value });
          }}
        />
        {fieldError('publicKeyPem')}
        <p id={`${id}-key-help`} className="settings-help">
          The server&apos;s key in PEM form, from -----BEGIN RSA PUBLIC KEY----- to the END line.
        </p>
      </div>
      <button type="submit" className="primary" disabled={props.disabled}>
        Use this server
      </button>
    </form>
  );
}
