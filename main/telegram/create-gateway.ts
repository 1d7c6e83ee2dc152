import { AppFailure, appError } from '../contract/errors.ts';
import { GramAccountClient } from './account-client.ts';
import { createManagedClient, type ClientFactoryConfig } from './client-factory.ts';
import type { AccountClient, LoginClient, SessionSecret, TelegramGateway } from './gateway.ts';
import {
  DEFAULT_CONNECTION_RETRIES,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_RETRY_DELAY_MS,
  type TelegramGatewayOptions,
} from './gateway-options.ts';
import { HandshakeGate } from './handshake-gate.ts';
import { GramLoginClient } from './login-client.ts';
import { computeSrpCheck, stretchOnThisThread, stretchOnThreadPool } from './native-math/srp-check.ts';
import { serverEndpoints } from './server-endpoints.ts';
import { installGramjsPatches } from './gramjs/install.ts';

export type { TelegramGatewayOptions } from './gateway-options.ts';

/**
 * New auth keys being made at once, across every gateway of the process (they share one event loop).
 * Measured with test/telegram/measure-logins.ts: enough to keep 10 simultaneous logins fast, few enough
 * that their handshakes' CPU never piles up into a long stall.
 */
const CONCURRENT_HANDSHAKES = 3;
const sharedHandshakeGate = new HandshakeGate(CONCURRENT_HANDSHAKES);
/**
 * Sockets being opened at once, across the process. When the network drops, GramJS has every client wait
 * the same fixed second and then reconnect in the same turn; each reconnect's dial, first packets and
 * status changes then pile into a few turns (1,000 accounts: a 1.5-3 s stall). Through this gate the
 * dials follow one another, a few at a time, as earlier ones complete.
 */
const CONCURRENT_DIALS = 8;
const sharedDialGate = new HandshakeGate(CONCURRENT_DIALS);

/** The GramJS implementation of TelegramGateway for one server profile and one set of API credentials. */
export function createTelegramGateway(options: TelegramGatewayOptions): TelegramGateway {
  if (!Number.isInteger(options.apiId) || options.apiId <= 0 || options.apiHash === '') {
    throw new AppFailure(appError('API_CREDENTIALS_MISSING'));
  }
  // Native handshake math and 64-bit codec, paced reconnects, per-connection key trust (gramjs/install.ts).
  installGramjsPatches();
  const now = options.now ?? Date.now;
  const stretch = options.passwordStretching === 'thisThread' ? stretchOnThisThread : stretchOnThreadPool;
  const config: ClientFactoryConfig = {
    apiId: options.apiId,
    apiHash: options.apiHash,
    endpoints: serverEndpoints(options.profile, options.sandbox),
    device: options.device,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    connectionRetries: Math.max(2, options.connectionRetries ?? DEFAULT_CONNECTION_RETRIES),
    retryDelayMs: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
    gramLogLevel: options.gramLogLevel ?? 'warn',
    log: options.log,
    now,
    handshakeGate:
      options.concurrentHandshakes === undefined
        ? sharedHandshakeGate
        : new HandshakeGate(options.concurrentHandshakes),
    dialGate: options.dialGate ?? sharedDialGate,
  };

  return {
    async startLogin(label: string): Promise<LoginClient> {
      // Without its key the login's phone_code_hash is worthless: the login has to start over.
      const client = createManagedClient(config, { label, keyLostCode: 'AUTH_RESTART', signedIn: false });
      try {
        await client.connect();
      } catch (error) {
        await client.destroy();
        throw error;
      }
      return new GramLoginClient(client, {
        apiId: options.apiId,
        apiHash: options.apiHash,
        now,
        log: options.log,
        label,
        computeCheck: (state, password) => computeSrpCheck(state, password, { stretch }),
      });
    },
    openAccount(secret: SessionSecret, label: string): AccountClient {
      // The stored session can never work again: the account has to log in anew.
      return new GramAccountClient(
        createManagedClient(config, { label, stored: secret, keyLostCode: 'SIGNED_OUT', signedIn: true }),
      );
    },
  };
}
