import { useAppStore } from '../store/store-context.tsx';
import { CredentialsForm } from './credentials-form.tsx';
import { LogPanel } from './log-panel.tsx';
import { ServerForm } from './server-form.tsx';
import { UpdateForm } from './update-form.tsx';
import './settings.css';

/**
 * The app's settings: the user's Telegram API credentials, the server profile, updates, the log file,
 * and a word on the theme.
 */
export function SettingsView(): React.JSX.Element {
  const settings = useAppStore((state) => state.settings);
  return (
    <section aria-labelledby="settings-title" className="settings">
      <h2 id="settings-title">Settings</h2>
      {settings === null ? (
        <p role="status">Loading settings…</p>
      ) : (
        <>
          {settings.keychainError === null ? null : (
            <p role="alert" className="settings-error settings-keychain">
              {settings.keychainError.message}
            </p>
          )}
          {/* Each server has its own credentials: another server is another form. */}
          <CredentialsForm key={JSON.stringify(settings.serverProfile)} settings={settings} />
          <ServerForm settings={settings} />
          <UpdateForm settings={settings} />
          {settings.logFolder === null ? null : <LogPanel folder={settings.logFolder} />}
          <section className="settings-panel" aria-labelledby="settings-appearance">
            <h3 id="settings-appearance">Appearance</h3>
            <p>The theme follows your system: light or dark, as set in your operating system.</p>
          </section>
        </>
      )}
    </section>
  );
}
