/** PLACEHOLDER (helper B replaces this): the signed-in accounts. */
export function AccountsView(): React.JSX.Element {
  return <section aria-label="Accounts" />;
}
