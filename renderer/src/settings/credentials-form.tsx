import { useId, useRef, useState } from 'react';
import type { SettingsView } from '../../../main/contract/ipc-contract.ts';
import { useApi } from '../api/api-context.tsx';
import { useOpenExternal } from '../api/use-open-external.ts';
import { useAppStoreApi } from '../store/store-context.tsx';
import { apiHashProblem, parseApiId } from './credentials-check.ts';

const APPS_URL = 'https://my.telegram.org/apps';

type Outcome = { readonly kind: 'saved' } | { readonly kind: 'failed'; readonly message: string } | null;

/**
 * The user's own API ID and hash. Both are checked here before sending, so a typo is explained at the
 * field. The hash is write-only: main keeps it in the keychain and only says whether one is stored.
 */
export function CredentialsForm(props: { settings: SettingsView }): React.JSX.Element {
  const api = useApi();
  const openExternal = useOpenExternal();
  const store = useAppStoreApi();
  const [apiId, setApiId] = useState(props.settings.apiId === null ? '' : String(props.settings.apiId));
  const [apiHash, setApiHash] = useState('');
  const [errors, setErrors] = useState<{ apiId?: string; apiHash?: string }>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [saving, setSaving] = useState(false);
  const [linkError, setLinkError] = useState<string | null>(null);
  const idRef = useRef<HTMLInputElement>(null);
  const hashRef = useRef<HTMLInputElement>(null);
  const ids = {
    title: useId(),
    apiId: useId(),
    apiIdError: useId(),
    hash: useId(),
    hashHelp: useId(),
    hashError: useId(),
  };

  const openApps = async (): Promise<void> => {
    const refusal = await openExternal(APPS_URL);
    setLinkError(refusal?.message ?? null);
  };

  const save = async (event: React.SubmitEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (saving) return;
    const id = parseApiId(apiId);
    const hashProblem = apiHashProblem(apiHash, props.settings.hasApiHash);
    const found = { apiId: id.ok ? undefined : id.message, apiHash: hashProblem ?? undefined };
    setErrors(found);
    setOutcome(null);
    if (!id.ok || hashProblem !== null) {
      (id.ok ? hashRef : idRef).current?.focus();
      return;
    }
    setSaving(true);
    const result = await api.invoke('settings:setApiCredentials', {
      apiId: id.value,
      apiHash: apiHash.trim(),
    });
    setSaving(false);
    if (result.ok) {
      store.getState().setSettings(result.value);
      setApiHash('');
      setOutcome({ kind: 'saved' });
    } else {
      setOutcome({ kind: 'failed', message: result.error.message });
    }
  };

  const profile = props.settings.serverProfile;
  return (
    <form
      className="settings-panel"
      aria-labelledby={ids.title}
      noValidate
      onSubmit={(event) => {
        void save(event);
      }}
    >
      {profile.kind === 'custom' ? (
        <>
          <h3 id={ids.title}>API credentials for {profile.name}</h3>
          <p>
            Each server has credentials of its own: enter the API ID and API hash this server&apos;s operator
            gave you. Your Telegram credentials are never sent to it.
          </p>
        </>
      ) : (
        <TelegramCredentialsIntro title={ids.title} onOpenApps={openApps} />
      )}
      {linkError === null ? null : (
        <p role="alert" className="settings-error">
          {linkError}
        </p>
      )}
      <div className="settings-field">
        <label htmlFor={ids.apiId}>API ID</label>
        <input
          ref={idRef}
          id={ids.apiId}
          inputMode="numeric"
          autoComplete="off"
          value={apiId}
          aria-invalid={errors.apiId !== undefined}
          aria-describedby={errors.apiId === undefined ? undefined : ids.apiIdError}
          onChange={(event) => {
            setApiId(event.target.value);
          }}
        />
        {errors.apiId === undefined ? null : (
          <p id={ids.apiIdError} className="settings-error">
            {errors.apiId}
          </p>
        )}
      </div>
      <div className="settings-field">
        <label htmlFor={ids.hash}>API hash</label>
        <input
          ref={hashRef}
          id={ids.hash}
          // A secret: masked like a password, never filled in by the browser.
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={apiHash}
          aria-invalid={errors.apiHash !== undefined}
          aria-describedby={errors.apiHash === undefined ? ids.hashHelp : `${ids.hashError} ${ids.hashHelp}`}
          onChange={(event) => {
            setApiHash(event.target.value);
          }}
        />
        {errors.apiHash === undefined ? null : (
          <p id={ids.hashError} className="settings-error">
            {errors.apiHash}
          </p>
        )}
        <p id={ids.hashHelp} className="settings-help">
          {props.settings.hasApiHash
            ? 'A hash is stored. It is never shown; type it again to change the credentials.'
            : 'No hash is stored yet.'}
        </p>
      </div>
      <button type="submit" className="primary" disabled={saving}>
        Save credentials
      </button>
      {/* Always present, so that screen readers notice the text arriving. */}
      <p role="status" className="settings-saved">
        {outcome?.kind === 'saved' ? 'Credentials saved.' : ''}
      </p>
      {outcome?.kind === 'failed' ? (
        <p role="alert" className="settings-error">
          {outcome.message}
        </p>
      ) : null}
    </form>
  );
}

function TelegramCredentialsIntro(props: {
  title: string;
  onOpenApps: () => Promise<void>;
}): React.JSX.Element {
  return (
    <>
      <h3 id={props.title}>Telegram API credentials</h3>
      <p>
        Logins to Telegram need your own API ID and API hash. Sign in at{' '}
        <a
          href={APPS_URL}
          onClick={(event) => {
            event.preventDefault();
            void props.onOpenApps();
          }}
        >
          my.telegram.org/apps
        </a>{' '}
        (it opens in your browser), create an app, and copy both values here.
      </p>
    </>
  );
}
