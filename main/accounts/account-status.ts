import type { AccountStatus } from '../contract/account.ts';
import { appError, endsSession, isTransient, type AppError } from '../contract/errors.ts';
import type { ConnectionState } from '../telegram/gateway.ts';

/**
 * The rules of an account's status, as pure functions: what a connection change or a failure makes of it,
 * and whether the manager should try again by itself. AccountManager applies the result (timers, clients,
 * the list sent to the window); nothing here has side effects.
 */
export interface AccountStatusView {
  readonly status: AccountStatus;
  readonly statusError: AppError | null;
}

export interface StatusChange extends AccountStatusView {
  /** Try again later with a new client: only the network heals by itself. */
  readonly reconnect: boolean;
}

/** A failure of the account's client (connect, getSelf, a session check). */
export function afterFailure(error: AppError): StatusChange {
  if (endsSession(error.code)) return { status: 'signedOut', statusError: error, reconnect: false };
  return { status: 'offline', statusError: error, reconnect: isTransient(error.code) };
}

/**
 * What the client's own connection state means once its session has answered for itself; null while it
 * has not, and for an account signed out (final: nothing brings it back).
 */
export function afterConnectionState(
  current: AccountStatusView,
  state: ConnectionState,
  verified: boolean,
): StatusChange | null {
  if (!verified || current.status === 'signedOut') return null;
  switch (state) {
    case 'online':
      return { status: 'online', statusError: null, reconnect: false };
    case 'connecting':
    case 'offline':
      // GramJS keeps reconnecting by itself.
      return { status: 'connecting', statusError: appError('NETWORK_UNAVAILABLE'), reconnect: false };
    case 'signedOut':
      // The session's key was rejected while it was connected (see AccountClient).
      return afterFailure(appError('SIGNED_OUT'));
  }
}

/**
 * Whether a failed session check hands the account to the manager's reconnect: always when the session
 * ended; otherwise only when it was not online (its client stopped trying), since an online client's
 * GramJS reconnects by itself.
 */
export function sessionCheckFails(error: AppError, wasOnline: boolean): boolean {
  return endsSession(error.code) || !wasOnline;
}
