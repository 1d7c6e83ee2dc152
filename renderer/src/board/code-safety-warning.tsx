/**
 * Telegram stops a login code from working once it appears in a chat, and scammers ask for codes: say
 * so wherever a code is typed.
 */
export function CodeSafetyWarning(): React.JSX.Element {
  return (
    <p className="card-warning" role="note">
      <strong>Never give this code to anyone</strong>, not even to someone writing to you in Telegram.
      Telegram will never ask you for it, and a code sent in any Telegram chat stops working.
    </p>
  );
}
