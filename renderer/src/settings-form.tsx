import { useEffect, useState } from 'react';
import type { SettingsView } from '../../main/ipc/contract.ts';

type ProfileKind = 'production' | 'test' | 'sandbox';

const PROFILE_LABELS: Record<ProfileKind, string> = {
  production: 'Telegram',
  test: 'Telegram test servers',
  sandbox: 'Sandbox (offline demo)',
};

/**
 * The API credentials and the server profile, until the board's own settings screen replaces this form.
 * The API hash is written to main once and never read back: main only says whether one is stored.
 */
export function SettingsForm(): React.JSX.Element {
  const [view, setView] = useState<SettingsView | null>(null);
  const [apiId, setApiId] = useState('');
  const [apiHash, setApiHash] = useState('');
  const [message, setMessage] = useState('');

  useEffect(() => {
    void window.api?.invoke('settings:get', {}).then((result) => {
      if (result.ok) {
        setView(result.value);
        setApiId(result.value.apiId === null ? '' : String(result.value.apiId));
      } else setMessage(result.error.message);
    });
  }, []);

  const saveCredentials = async (event: React.SyntheticEvent): Promise<void> => {
    event.preventDefault();
    const api = window.api;
    if (!api) return;
    const result = await api.invoke('settings:setApiCredentials', {
      apiId: Number(apiId),
      apiHash: apiHash.trim(),
    });
    if (result.ok) {
      setView(result.value);
      setApiHash('');
      setMessage('API credentials saved in the system keychain.');
    } else setMessage(result.error.message);
  };

  const chooseProfile = async (kind: ProfileKind): Promise<void> => {
    const result = await window.api?.invoke('settings:setServerProfile', { profile: { kind } });
    if (!result) return;
    if (result.ok) {
      setView(result.value);
      setMessage(`Now using: ${PROFILE_LABELS[kind]}.`);
    } else setMessage(result.error.message);
  };

  const profileKind = view?.serverProfile.kind;
  return (
    <section aria-labelledby="settings-title" className="settings">
      <h2 id="settings-title">Settings</h2>
      <form onSubmit={(event) => void saveCredentials(event)}>
        <p>
          Switchboard signs in as your own Telegram app. Create one at{' '}
          <a
            href="https://my.telegram.org/apps"
            onClick={(event) => {
              event.preventDefault();
              void window.api?.invoke('app:openExternal', { url: 'https://my.telegram.org/apps' });
            }}
          >
            my.telegram.org/apps
          </a>{' '}
          and copy its API ID and API hash here.
        </p>
        <label>
          API ID
          <input
            inputMode="numeric"
            value={apiId}
            onChange={(e) => {
              setApiId(e.target.value);
            }}
            required
          />
        </label>
        <label>
          API hash {view?.hasApiHash === true ? '(one is stored; enter a new one to replace it)' : ''}
          <input
            type="password"
            autoComplete="off"
            value={apiHash}
            onChange={(e) => {
              setApiHash(e.target.value);
            }}
            required
          />
        </label>
        <button type="submit">Save credentials</button>
      </form>
      <fieldset>
        <legend>Servers</legend>
        {(Object.keys(PROFILE_LABELS) as ProfileKind[]).map((kind) => (
          <label key={kind}>
            <input
              type="radio"
              name="profile"
              checked={profileKind === kind}
              onChange={() => void chooseProfile(kind)}
            />
            {PROFILE_LABELS[kind]}
          </label>
        ))}
      </fieldset>
      {view?.keychainError ? <p role="alert">{view.keychainError.message}</p> : null}
      <p role="status">{message}</p>
    </section>
  );
}
