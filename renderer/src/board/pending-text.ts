import type { LoginPending } from '../../../main/contract/login-state.ts';

/** What a card is doing while main works on its request. */
export function pendingText(pending: LoginPending, server: string): string {
  switch (pending) {
    case 'sendingCode':
      return `Asking ${server} for a code…`;
    case 'resendingCode':
      return 'Asking for a new code…';
    case 'signingIn':
      return 'Checking the code…';
    case 'checkingPassword':
      return 'Checking the password…';
    case 'signingUp':
      return 'Creating the account…';
    case 'sendingEmailCode':
      return 'Sending a code to the email address…';
    case 'verifyingEmail':
      return 'Checking the email code…';
    case 'cancelling':
      return 'Cancelling the login…';
  }
}
