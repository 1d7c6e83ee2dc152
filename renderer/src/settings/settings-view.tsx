/** PLACEHOLDER (helper B replaces this): API credentials, server profile. */
export function SettingsView(): React.JSX.Element {
  return <section aria-label="Settings" />;
}
