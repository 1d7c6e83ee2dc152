import type { ErrorCode } from '../../../main/contract/errors.ts';

/**
 * What the user can do about an error, beyond main's own sentence, or null when that sentence already
 * says it. `canRetry` is whether the card shows a "Try again" button.
 */
export function errorAdvice(code: ErrorCode, canRetry: boolean): string | null {
  switch (code) {
    case 'PHONE_CODE_EXPIRED':
      return canRetry ? 'Press Try again to get a new code.' : null;
    case 'EMAIL_HASH_EXPIRED':
    case 'AUTH_RESTART':
    case 'SIGNED_OUT':
    case 'AUTH_KEY_DUPLICATED':
      return canRetry ? 'Press Try again to start this login over.' : null;
    case 'NETWORK_UNAVAILABLE':
    case 'TIMEOUT':
    case 'INTERNAL':
      return canRetry ? 'Press Try again once the connection is back.' : null;
    case 'API_CREDENTIALS_MISSING':
    case 'API_ID_INVALID':
    case 'API_ID_PUBLISHED_FLOOD':
      return canRetry
        ? 'Open Settings (at the top of the window) to fix the API ID and hash, then press Try again.'
        : 'Open Settings (at the top of the window) to fix the API ID and hash.';
    case 'SEND_CODE_UNAVAILABLE':
      return 'Look for the code in the chat named Telegram on a phone or computer where this number is already signed in. If there is none, cancel this login and try again later.';
    case 'PHONE_NUMBER_BANNED':
      return 'If you think this is a mistake, write to recover@telegram.org.';
    case 'NOT_FOUND':
      return 'Remove this card.';
    case 'WRONG_STEP':
      return 'The card now shows the current step.';
    case 'FLOOD_WAIT':
      // The card shows the wait itself (countdown and end time).
      return null;
    case 'PHONE_NUMBER_INVALID':
    case 'PHONE_NUMBER_FLOOD':
    case 'PHONE_PASSWORD_FLOOD':
    case 'PHONE_NUMBER_OCCUPIED':
    case 'SIGN_UP_FORBIDDEN':
    case 'PHONE_CODE_EMPTY':
    case 'PHONE_CODE_INVALID':
    case 'RESEND_NOT_YET':
    case 'FIRSTNAME_INVALID':
    case 'LASTNAME_INVALID':
    case 'PASSWORD_HASH_INVALID':
    case 'PASSWORD_EMPTY':
    case 'PASSWORD_CHANGED':
    case 'EMAIL_INVALID':
    case 'EMAIL_NOT_ALLOWED':
    case 'EMAIL_CODE_INVALID':
    case 'UPDATE_APP_TO_LOGIN':
    case 'TELEGRAM_ERROR':
    case 'BAD_INPUT':
    case 'FORBIDDEN_SENDER':
    case 'LOGIN_IN_PROGRESS':
    case 'ALREADY_SIGNED_IN':
    case 'KEYCHAIN_UNAVAILABLE':
    case 'URL_NOT_ALLOWED':
    case 'SESSION_UNREADABLE':
    case 'DISCONNECTED':
    case 'SERVER_KEY_INVALID':
    case 'SERVER_KEY_NOT_RSA':
    case 'SERVER_KEY_MISMATCH':
    case 'SERVER_DC_UNKNOWN':
    case 'SERVER_NOT_CONFIRMED':
    case 'SERVER_CONFIRMATION_CODE_NEEDED':
    case 'SERVER_CONFIRMATION_CODE_WRONG':
      return null;
  }
}
