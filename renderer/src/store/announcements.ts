import type { LoginCard, LoginState } from '../../../main/contract/login-state.ts';

/**
 * What a screen reader hears when a card changes step (or gets a new error), or null when nothing worth
 * saying happened (a tick, the same state again). Pure, so it is tested without a DOM.
 */
export function describeCardChange(
  previous: LoginCard | undefined,
  next: LoginCard,
  server: string,
): string | null {
  const before = previous?.state;
  const after = next.state;
  const stepChanged = before?.step !== after.step;
  const newError = after.error !== null && after.error.code !== before?.error?.code;
  if (!stepChanged && !newError) return null;
  if (!stepChanged && after.error !== null) return `${after.phone}: ${after.error.message}`;
  return `${after.phone}: ${stepSentence(after, server)}`;
}

function stepSentence(state: LoginState, server: string): string {
  switch (state.step) {
    case 'sendingCode':
      return `asking ${server} for a code.`;
    case 'codeSent':
      return 'code sent. Enter it on the card.';
    case 'emailSetup':
      return `${server} asks for a login email.`;
    case 'passwordNeeded':
      return 'this account has a two-step verification password. Enter it on the card.';
    case 'signUpNeeded':
      return 'no account uses this number yet. Enter a name to sign up.';
    case 'signedIn':
      return 'signed in.';
    case 'failed':
      return `login failed. ${state.error.message}`;
    case 'cancelled':
      return 'login cancelled.';
  }
}
