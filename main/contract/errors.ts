import { z } from 'zod';
import { appError, ERROR_CODES, type AppError, type ErrorCode } from './error-catalogue.ts';

export { appError, defaultMessage, ERROR_CODES, type AppError, type ErrorCode } from './error-catalogue.ts';

export const ErrorCodeSchema = z.enum(ERROR_CODES);

export const AppErrorSchema = z.object({
  code: ErrorCodeSchema,
  /** A sentence the user can act on. */
  message: z.string(),
  /** FLOOD_WAIT: epoch milliseconds when trying again is allowed. */
  retryAt: z.number().optional(),
  /** TELEGRAM_ERROR: Telegram's own error name, e.g. "PHONE_NUMBER_UNOCCUPIED". Never contains secrets. */
  rpcMessage: z.string().optional(),
  /** SERVER_DC_UNKNOWN: the data center the server sent the client to. */
  dcId: z.number().int().optional(),
}) satisfies z.ZodType<AppError>;

/** An AppError as an exception, for code paths that throw; IPC turns it back into a Result. */
export class AppFailure extends Error {
  override readonly name = 'AppFailure';
  constructor(readonly error: AppError) {
    super(`${error.code}: ${error.message}`);
  }
}

export function fail(code: ErrorCode, extra: Omit<AppError, 'code' | 'message'> = {}): never {
  throw new AppFailure(appError(code, extra));
}

/** The Result every IPC handler returns instead of throwing. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

/** An error's class and message, for logs. Callers never put secrets into errors they throw. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
}

/** The AppError inside an AppFailure; anything else is a bug, reported through `onUnexpected`, and INTERNAL. */
export function toAppError(error: unknown, onUnexpected: (description: string) => void): AppError {
  if (error instanceof AppFailure) return error.error;
  onUnexpected(describeError(error));
  return appError('INTERNAL');
}

/** Errors that end a stored session for good: the account has to log in anew. */
export function endsSession(code: ErrorCode): boolean {
  return code === 'SIGNED_OUT' || code === 'AUTH_KEY_DUPLICATED';
}

/** Errors after which trying the same request again later may succeed by itself. */
export function isTransient(code: ErrorCode): boolean {
  return code === 'NETWORK_UNAVAILABLE' || code === 'TIMEOUT';
}
