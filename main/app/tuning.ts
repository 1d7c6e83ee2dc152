import { DEFAULT_RECONNECT_DELAYS_MS, DEFAULT_SESSION_CHECK_MS } from '../accounts/account-manager.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../telegram/gateway-options.ts';

/**
 * The app's timing values, resolved once at the composition root (createAppServices) and passed down as
 * one frozen object: the installed app uses the defaults (each documented where its rule lives); tests and
 * benchmarks override what they need to run in seconds instead of minutes.
 */
export interface Tuning {
  /** How long one Telegram request may take before it counts as TIMEOUT. */
  readonly requestTimeoutMs: number;
  /** Waits between an account's reconnect attempts after a lasting failure; the last one repeats. */
  readonly reconnectDelaysMs: readonly number[];
  /** How often connected accounts' sessions are checked again (see AccountManager). */
  readonly sessionCheckMs: number;
}

export function resolveTuning(overrides: Partial<Tuning> = {}): Tuning {
  const tuning: Tuning = {
    requestTimeoutMs: overrides.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    reconnectDelaysMs: Object.freeze([...(overrides.reconnectDelaysMs ?? DEFAULT_RECONNECT_DELAYS_MS)]),
    sessionCheckMs: overrides.sessionCheckMs ?? DEFAULT_SESSION_CHECK_MS,
  };
  if (!(tuning.requestTimeoutMs > 0 && tuning.sessionCheckMs > 0 && tuning.reconnectDelaysMs.length > 0))
    throw new RangeError(
      'tuning: timeouts and intervals must be positive, with at least one reconnect delay',
    );
  return Object.freeze(tuning);
}
