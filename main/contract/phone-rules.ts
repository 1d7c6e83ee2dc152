import type { AccountStatus } from './account.ts';
import type { FinishedLoginState, LoginState } from './login-state.ts';

/*
 * Who holds a phone number, so that a new login for it is refused: the rules main enforces and the
 * board's phone field shows before anything is sent. Free of zod (types only), so the renderer's bundle
 * can import it.
 */

/**
 * Whether the account still holds a session for its phone, so that a new login for that phone is refused
 * (ALREADY_SIGNED_IN). One signed out elsewhere, or whose keychain entry cannot be read, may log in again:
 * the new session replaces it. The one rule for main and the board's phone field.
 */
export function holdsSession(status: AccountStatus): boolean {
  switch (status) {
    case 'online':
    case 'connecting':
    case 'offline':
      return true;
    case 'signedOut':
    case 'unreadable':
      return false;
  }
}

/**
 * Whether the login is over. A login that is not still holds its phone: no second login for that phone
 * may start (LOGIN_IN_PROGRESS). The one rule for main and the board's phone field.
 */
export function isFinished(state: LoginState): state is FinishedLoginState {
  switch (state.step) {
    case 'signedIn':
    case 'failed':
    case 'cancelled':
      return true;
    case 'sendingCode':
    case 'codeSent':
    case 'emailSetup':
    case 'passwordNeeded':
    case 'signUpNeeded':
      return false;
  }
}
