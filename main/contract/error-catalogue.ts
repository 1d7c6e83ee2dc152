/*
 * The error codes and their sentences: the one catalogue of what a user is told when something fails.
 * Free of zod (errors.ts adds the schemas), so the renderer's and the preload's bundles can import it.
 */

/**
 * Every error a user or the renderer can be shown, from Telegram's login protocol and from the app itself.
 * Main maps GramJS errors (by class, never by message text) into these; the renderer words them.
 */
export const ERROR_CODES = [
  // The phone number
  'PHONE_NUMBER_INVALID',
  'PHONE_NUMBER_BANNED',
  'PHONE_NUMBER_FLOOD',
  'PHONE_PASSWORD_FLOOD',
  'PHONE_NUMBER_OCCUPIED',
  'SIGN_UP_FORBIDDEN',
  // The code
  'PHONE_CODE_EMPTY',
  'PHONE_CODE_INVALID',
  'PHONE_CODE_EXPIRED',
  'SEND_CODE_UNAVAILABLE',
  'RESEND_NOT_YET',
  // Sign-up
  'FIRSTNAME_INVALID',
  'LASTNAME_INVALID',
  // 2FA
  'PASSWORD_HASH_INVALID',
  'PASSWORD_EMPTY',
  'PASSWORD_CHANGED',
  // Login email
  'EMAIL_INVALID',
  'EMAIL_NOT_ALLOWED',
  'EMAIL_CODE_INVALID',
  'EMAIL_HASH_EXPIRED',
  // Limits
  'FLOOD_WAIT',
  // The app's Telegram credentials and version
  'API_ID_INVALID',
  'API_ID_PUBLISHED_FLOOD',
  'UPDATE_APP_TO_LOGIN',
  'AUTH_RESTART',
  // A session that no longer works
  'SIGNED_OUT',
  'AUTH_KEY_DUPLICATED',
  'SESSION_UNREADABLE',
  // The connection
  'NETWORK_UNAVAILABLE',
  'TIMEOUT',
  // A custom server's profile that does not fit the server
  'SERVER_KEY_INVALID',
  'SERVER_KEY_NOT_RSA',
  'SERVER_KEY_MISMATCH',
  'SERVER_DC_UNKNOWN',
  'SERVER_NOT_CONFIRMED',
  'SERVER_CONFIRMATION_CODE_NEEDED',
  'SERVER_CONFIRMATION_CODE_WRONG',
  // Anything else Telegram answered
  'TELEGRAM_ERROR',
  // The app itself
  'BAD_INPUT',
  'FORBIDDEN_SENDER',
  'NOT_FOUND',
  'WRONG_STEP',
  'LOGIN_IN_PROGRESS',
  'ALREADY_SIGNED_IN',
  'KEYCHAIN_UNAVAILABLE',
  'API_CREDENTIALS_MISSING',
  'URL_NOT_ALLOWED',
  'DISCONNECTED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  readonly code: ErrorCode;
  /** A sentence the user can act on. */
  readonly message: string;
  /** FLOOD_WAIT: epoch milliseconds when trying again is allowed. */
  readonly retryAt?: number;
  /** TELEGRAM_ERROR: Telegram's own error name, e.g. "PHONE_NUMBER_UNOCCUPIED". Never contains secrets. */
  readonly rpcMessage?: string;
  /** SERVER_DC_UNKNOWN: the data center the server sent the client to. */
  readonly dcId?: number;
}

/** What a sentence may name besides the error itself. */
interface Words {
  readonly server: string;
  readonly dcId: number | undefined;
}

/**
 * What each code means for the person at the keyboard. Where the sentence names the server that acted, it
 * is a function of the server's name: "Telegram", or a custom server's own name (see server-name.ts).
 */
const MESSAGES: Record<ErrorCode, string | ((words: Words) => string)> = {
  PHONE_NUMBER_INVALID: 'This phone number is not valid. Check the country code and the digits.',
  PHONE_NUMBER_BANNED: ({ server }) => `${server} has banned this phone number.`,
  PHONE_NUMBER_FLOOD: 'This number asked for codes too many times. Try again later.',
  PHONE_PASSWORD_FLOOD: 'Too many login attempts for this number. Try again later.',
  PHONE_NUMBER_OCCUPIED: 'This phone number already has a Telegram account. Sign in instead.',
  SIGN_UP_FORBIDDEN:
    'New accounts cannot be created from this app. Sign up in an official Telegram app first.',
  PHONE_CODE_EMPTY: 'Enter the code you received.',
  PHONE_CODE_INVALID: 'That code is not right. Check it and type it again.',
  PHONE_CODE_EXPIRED: 'This code has expired. Request a new code.',
  SEND_CODE_UNAVAILABLE: ({ server }) =>
    `${server} has no other way to send a code to this number now. Use the code already sent, or try again later.`,
  RESEND_NOT_YET: 'A new code can be requested once the countdown ends.',
  FIRSTNAME_INVALID: 'Enter a first name (up to 64 characters).',
  LASTNAME_INVALID: 'The last name is too long (up to 64 characters).',
  PASSWORD_HASH_INVALID: 'That password is not right. Check the hint and try again.',
  PASSWORD_EMPTY: 'Enter the password.',
  PASSWORD_CHANGED: 'The account password was just changed elsewhere. Enter the new password.',
  EMAIL_INVALID: 'This email address is not valid.',
  EMAIL_NOT_ALLOWED: ({ server }) =>
    `${server} does not accept this email address for logins. Use another one.`,
  EMAIL_CODE_INVALID: 'That email code is not right. Check it and type it again.',
  EMAIL_HASH_EXPIRED: 'The email code has expired. Start the login again.',
  FLOOD_WAIT: ({ server }) => `${server} asks this number to wait before trying again.`,
  API_ID_INVALID: 'The API ID or API hash is not valid. Copy them again from my.telegram.org.',
  API_ID_PUBLISHED_FLOOD:
    'Telegram has blocked this API ID because it was published. Create a new one on my.telegram.org.',
  UPDATE_APP_TO_LOGIN: ({ server }) => `${server} requires a newer version of Switchboard to log in.`,
  AUTH_RESTART: ({ server }) => `${server} asked to start this login again.`,
  SIGNED_OUT:
    'This session no longer works: it was ended on another device, the account was deleted, or the server no longer knows it. Log in again.',
  AUTH_KEY_DUPLICATED:
    'This session is in use somewhere else at the same time and is no longer valid. Log in again.',
  SESSION_UNREADABLE:
    "This account's entry in the keychain cannot be read (it is damaged or empty). Remove it, then log the account in again.",
  NETWORK_UNAVAILABLE: ({ server }) => `Cannot reach ${server}. Check the network; the app keeps trying.`,
  TIMEOUT: ({ server }) => `${server} did not answer in time. Try again.`,
  SERVER_KEY_INVALID:
    "The server's public key cannot be read. Paste its RSA public key in PEM form, exactly as the server gives it.",
  SERVER_KEY_NOT_RSA:
    'This is not a 2048-bit RSA public key, the kind an MTProto server uses for its handshake (EC keys do not work).',
  SERVER_KEY_MISMATCH: ({ server }) =>
    `${server} does not use the public key in this profile: its handshake offered another one. Check the key in Settings.`,
  SERVER_DC_UNKNOWN: ({ server, dcId }) =>
    `${server} sent this client to ${dcId === undefined ? 'a data center' : `its data center ${String(dcId)}`}, which the profile does not list. Add it in Settings.`,
  SERVER_NOT_CONFIRMED: 'The custom server was not confirmed, so nothing changed.',
  SERVER_CONFIRMATION_CODE_NEEDED:
    'To confirm this server, type the code that Switchboard printed in the terminal it runs in.',
  SERVER_CONFIRMATION_CODE_WRONG:
    'That is not the code in the terminal, or it expired. Type the newest code printed there, or ask for a new one.',
  TELEGRAM_ERROR: ({ server }) => `${server} refused this step.`,
  BAD_INPUT: 'The request was not valid.',
  FORBIDDEN_SENDER: 'The request did not come from the Switchboard window.',
  NOT_FOUND: 'This login or account no longer exists.',
  WRONG_STEP: 'This login is not at that step any more.',
  LOGIN_IN_PROGRESS: 'A login for this phone number is already on the board.',
  ALREADY_SIGNED_IN: 'This account is already signed in.',
  KEYCHAIN_UNAVAILABLE:
    'The system keychain is locked or unavailable, so sessions cannot be stored safely. Unlock it and try again.',
  API_CREDENTIALS_MISSING: 'Enter your API ID and API hash (from my.telegram.org) in Settings first.',
  URL_NOT_ALLOWED: 'Switchboard only opens Telegram and Fragment links.',
  DISCONNECTED:
    "This window lost its connection to Switchboard's services (they stopped). It reconnects by itself once they run again.",
  INTERNAL: 'Something went wrong inside Switchboard. Try again.',
};

/** The server sentences name when nothing else is known: Telegram's own. */
export const DEFAULT_SERVER_NAME = 'Telegram';

export function appError(
  code: ErrorCode,
  extra: Omit<AppError, 'code' | 'message'> = {},
  server: string = DEFAULT_SERVER_NAME,
): AppError {
  return { code, message: messageFor({ code, ...extra }, server), ...extra };
}

export function defaultMessage(code: ErrorCode): string {
  return messageFor({ code }, DEFAULT_SERVER_NAME);
}

/** The sentence for an error, naming `server` where it names the server at all. */
export function messageFor(error: Pick<AppError, 'code' | 'dcId'>, server: string): string {
  const message = MESSAGES[error.code];
  return typeof message === 'string' ? message : message({ server, dcId: error.dcId });
}

/** Whether the code's sentence names the server (and so reads differently on a custom server). */
export function namesServer(code: ErrorCode): boolean {
  return typeof MESSAGES[code] === 'function';
}
