import { useAppStore } from '../store/store-context.tsx';

/** Before the first login on a real Telegram profile: the app needs the user's API ID and hash. */
export function CredentialsNotice(props: { onOpenSettings: () => void }): React.JSX.Element | null {
  const missing = useAppStore((state) => {
    const settings = state.settings;
    if (settings === null || settings.serverProfile.kind === 'sandbox') return false;
    return settings.apiId === null || !settings.hasApiHash;
  });
  if (!missing) return null;
  return (
    <div className="notice" role="note">
      <p>Logins need your own API ID and API hash from my.telegram.org.</p>
      <button type="button" onClick={props.onOpenSettings}>
        Open Settings
      </button>
    </div>
  );
}
