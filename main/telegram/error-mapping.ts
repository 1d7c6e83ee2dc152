import { errors } from 'telegram';
import { AppFailure, appError, type ErrorCode } from '../contract/errors.ts';

/**
 * Turns whatever GramJS threw into the app's typed AppFailure. GramJS's own error classes come first
 * (their `errorMessage` is not the RPC name: FloodWaitError says "FLOOD"); plain RPCErrors go by
 * `errorMessage`, the name Telegram sent. Never by `.message`, which is English prose.
 */

const RPC_ERROR_CODES: Readonly<Record<string, ErrorCode>> = {
  PHONE_NUMBER_INVALID: 'PHONE_NUMBER_INVALID',
  PHONE_NUMBER_BANNED: 'PHONE_NUMBER_BANNED',
  PHONE_NUMBER_FLOOD: 'PHONE_NUMBER_FLOOD',
  PHONE_PASSWORD_FLOOD: 'PHONE_PASSWORD_FLOOD',
  PHONE_NUMBER_OCCUPIED: 'PHONE_NUMBER_OCCUPIED',
  PHONE_NUMBER_APP_SIGNUP_FORBIDDEN: 'SIGN_UP_FORBIDDEN',
  PHONE_CODE_EMPTY: 'PHONE_CODE_EMPTY',
  PHONE_CODE_HASH_EMPTY: 'PHONE_CODE_EMPTY',
  CODE_EMPTY: 'PHONE_CODE_EMPTY',
  PHONE_CODE_INVALID: 'PHONE_CODE_INVALID',
  PHONE_CODE_EXPIRED: 'PHONE_CODE_EXPIRED',
  SEND_CODE_UNAVAILABLE: 'SEND_CODE_UNAVAILABLE',
  FIRSTNAME_INVALID: 'FIRSTNAME_INVALID',
  LASTNAME_INVALID: 'LASTNAME_INVALID',
  PASSWORD_HASH_INVALID: 'PASSWORD_HASH_INVALID',
  SRP_PASSWORD_CHANGED: 'PASSWORD_CHANGED',
  // Only reaches mapping when a refetched srp_id was refused again: the password state keeps changing.
  SRP_ID_INVALID: 'PASSWORD_CHANGED',
  EMAIL_INVALID: 'EMAIL_INVALID',
  EMAIL_NOT_ALLOWED: 'EMAIL_NOT_ALLOWED',
  CODE_INVALID: 'EMAIL_CODE_INVALID',
  EMAIL_CODE_INVALID: 'EMAIL_CODE_INVALID',
  EMAIL_HASH_EXPIRED: 'EMAIL_HASH_EXPIRED',
  API_ID_INVALID: 'API_ID_INVALID',
  API_ID_PUBLISHED_FLOOD: 'API_ID_PUBLISHED_FLOOD',
  UPDATE_APP_TO_LOGIN: 'UPDATE_APP_TO_LOGIN',
  AUTH_RESTART: 'AUTH_RESTART',
  AUTH_KEY_UNREGISTERED: 'SIGNED_OUT',
  SESSION_REVOKED: 'SIGNED_OUT',
  SESSION_EXPIRED: 'SIGNED_OUT',
  USER_DEACTIVATED: 'SIGNED_OUT',
  USER_DEACTIVATED_BAN: 'SIGNED_OUT',
  AUTH_KEY_DUPLICATED: 'AUTH_KEY_DUPLICATED',
};

/** Node socket errors that mean "the network or the server is not there". */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
]);

/** Telegram's error names are upper-case identifiers; anything else is not passed on verbatim. */
function safeRpcName(name: string): string {
  return /^[A-Z0-9_]{1,64}$/.test(name) ? name : 'UNKNOWN';
}

function rpcNameToCode(name: string): ErrorCode | undefined {
  if (/^AUTH_RESTART_\d+$/.test(name)) return 'AUTH_RESTART';
  return RPC_ERROR_CODES[name];
}

function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code: unknown = Reflect.get(error, 'code');
  return typeof code === 'string' && NETWORK_ERROR_CODES.has(code);
}

/** A promise rejected with something that is not an Error (GramJS does that with bare strings). */
export class NonErrorRejection extends Error {
  override readonly name = 'NonErrorRejection';
  constructor(readonly value: unknown) {
    super(typeof value === 'string' ? value : `a rejection with a ${typeof value}`);
  }
}

/** The RPC name of a DC-migration error (its errorMessage is prose, so the class says which one). */
function migrationName(error: unknown): string | undefined {
  if (error instanceof errors.PhoneMigrateError) return `PHONE_MIGRATE_${error.newDc}`;
  if (error instanceof errors.NetworkMigrateError) return `NETWORK_MIGRATE_${error.newDc}`;
  if (error instanceof errors.UserMigrateError) return `USER_MIGRATE_${error.newDc}`;
  if (error instanceof errors.FileMigrateError) return `FILE_MIGRATE_${error.newDc}`;
  return undefined;
}

export interface ErrorMappingContext {
  readonly now: () => number;
  /** Told about unexpected exceptions (already redacted by the caller's sink). */
  readonly reportUnexpected: (error: unknown) => void;
}

export function toAppFailure(error: unknown, context: ErrorMappingContext): AppFailure {
  if (error instanceof AppFailure) return error;
  if (error instanceof errors.FloodWaitError || error instanceof errors.FloodTestPhoneWaitError) {
    return new AppFailure(appError('FLOOD_WAIT', { retryAt: context.now() + error.seconds * 1000 }));
  }
  // GramJS follows migrations itself; one only escapes when it refused to (e.g. already authorised).
  const migration = migrationName(error);
  if (migration !== undefined) return new AppFailure(appError('TELEGRAM_ERROR', { rpcMessage: migration }));
  if (error instanceof errors.EmailUnconfirmedError) {
    return new AppFailure(appError('TELEGRAM_ERROR', { rpcMessage: 'EMAIL_UNCONFIRMED' }));
  }
  if (error instanceof errors.RPCError) {
    const code = rpcNameToCode(error.errorMessage);
    if (code !== undefined) return new AppFailure(appError(code));
    return new AppFailure(appError('TELEGRAM_ERROR', { rpcMessage: safeRpcName(error.errorMessage) }));
  }
  // GramJS rejects pending requests with a bare string only when it gives up reconnecting.
  const rejectedWithString =
    typeof error === 'string' || (error instanceof NonErrorRejection && typeof error.value === 'string');
  if (rejectedWithString || isNetworkError(error)) return new AppFailure(appError('NETWORK_UNAVAILABLE'));
  context.reportUnexpected(error);
  return new AppFailure(appError('INTERNAL'));
}

/** Whether `error` is the plain RPC error `name` (e.g. SESSION_PASSWORD_NEEDED), matched by Telegram's name. */
export function isRpcError(error: unknown, name: string): boolean {
  return error instanceof errors.RPCError && error.errorMessage === name;
}

/**
 * Whether the handshake found none of the server's RSA key fingerprints among the keys this client trusts.
 * GramJS says so only in the message of a SecurityError (telegram/network/Authenticator.js, step 2).
 */
export function isUnknownServerKey(error: unknown): boolean {
  return error instanceof errors.SecurityError && error.message.includes('could not find a valid key');
}

/** Whether `error` is one of Telegram's 401s (AUTH_KEY_UNREGISTERED, SESSION_PASSWORD_NEEDED...): not signed in. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof errors.RPCError && error.code === 401;
}
