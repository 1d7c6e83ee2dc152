/** PLACEHOLDER (helper B replaces this): the badge shown when the app is not on production Telegram. */
export function ProfileBadge(): React.JSX.Element | null {
  return null;
}
