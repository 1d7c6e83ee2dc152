import { TelegramClient } from 'telegram';
import { StringSession } from 'telegram/sessions';
import { AppFailure, appError, type AppError, type ErrorCode } from '../contract/errors.ts';
import { observedConnection, UnknownDcError } from './gramjs/connection-classes.ts';
import { isUnauthorized, isUnknownServerKey } from './error-mapping.ts';
import { ConnectionStateTracker } from './connection-state.ts';
import type { SessionSecret } from './gateway.ts';
import type { HandshakeGate } from './handshake-gate.ts';
import type { DeviceInfo, LogSink } from './gateway-options.ts';
import { describeThrown, SecretRegistry } from './log-redaction.ts';
import { ManagedClient } from './managed-client.ts';
import { RedactingGramLogger } from './redacting-logger.ts';
import type { ServerEndpoints } from './server-endpoints.ts';
import { storedAuthKey } from './gramjs/private-fields.ts';
import type { LogLevel as AppLogLevel } from '../logging/log.ts';

export interface ClientFactoryConfig {
  readonly apiId: number;
  readonly apiHash: string;
  readonly endpoints: ServerEndpoints;
  readonly device: DeviceInfo;
  readonly requestTimeoutMs: number;
  readonly connectionRetries: number;
  readonly retryDelayMs: number;
  readonly gramLogLevel: AppLogLevel | 'none';
  readonly log: LogSink;
  readonly now: () => number;
  readonly handshakeGate: HandshakeGate;
  /** Every socket dial of the client (first connect, GramJS's reconnects, DC switches) goes through it. */
  readonly dialGate: HandshakeGate;
}

export interface ClientRequest {
  readonly label: string;
  /** A stored session to resume; none for a new login. */
  readonly stored?: SessionSecret;
  /** What every request fails with once the server has forgotten the client's auth key (-404). */
  readonly keyLostCode: ErrorCode;
  /**
   * A login's client is not signed in until its last step, so the getMe GramJS sends after every
   * reconnect answers 401 there by design: that is not worth a warning.
   */
  readonly signedIn: boolean;
}

/**
 * An MTProto auth key is 2048 bits. GramJS (and the sandbox, which mirrors it) drops its leading zero
 * bytes, so a working key can be a byte or two shorter; eight or more zero bytes (a chance of 2^-64) is
 * not a key that came out of a handshake.
 */
function plausibleAuthKey(key: Buffer | undefined): boolean {
  return key !== undefined && key.length >= 248 && key.length <= 256;
}

/**
 * GramJS's session from the stored string. One it cannot read (a damaged keychain entry) can never sign
 * in again, as with an auth key the server has forgotten: the account has to log in anew.
 */
function sessionOf(request: ClientRequest): StringSession {
  let session: StringSession;
  try {
    session = new StringSession(request.stored?.session ?? '');
  } catch {
    throw new AppFailure(appError(request.keyLostCode));
  }
  // GramJS also parses strings with no DC or no auth key in them; such a session never signed in.
  if (request.stored !== undefined && (session.dcId < 1 || !plausibleAuthKey(storedAuthKey(session)))) {
    throw new AppFailure(appError(request.keyLostCode));
  }
  return session;
}

/**
 * A connect failure that no retry can mend, because the profile does not fit the server: the handshake
 * found none of the server's RSA fingerprints among the trusted keys, or the server named a DC the
 * profile does not list.
 */
function serverRefusal(error: Error): AppError | null {
  if (error instanceof UnknownDcError) return appError('SERVER_DC_UNKNOWN', { dcId: error.dcId });
  if (isUnknownServerKey(error)) return appError('SERVER_KEY_MISMATCH');
  return null;
}

/**
 * The single place that builds a GramJS TelegramClient. StringSession's port is written as an int16, so it
 * is always given 443: the connection class supplies the real port.
 */
export function createManagedClient(config: ClientFactoryConfig, request: ClientRequest): ManagedClient {
  const secrets = new SecretRegistry();
  const connectionState = new ConnectionStateTracker();
  const session = sessionOf(request);
  secrets.add(request.stored?.session);
  const start = config.endpoints.initialDc;
  if (request.stored === undefined && start !== undefined) session.setDC(start.id, start.ip, 443);

  const connection = observedConnection(config.endpoints.connection, config.dialGate, {
    mayOpen: () => !connectionState.keyLost,
    opened: () => {
      connectionState.set('online');
    },
    failed: () => {
      connectionState.set('offline');
    },
    keyRejected: () => {
      // Final: the ManagedClient hears of it through the tracker and fails everything with request.keyLostCode.
      connectionState.keyRejected();
    },
    closed: () => {
      // GramJS reconnects by itself (autoReconnect); until it has, the account is connecting. (A tracker
      // stopped by destroy() ignores this.)
      connectionState.set('connecting');
    },
  });
  const client = new TelegramClient(session, config.apiId, config.apiHash, {
    connection,
    // Finite, so a destroyed or unreachable client stops trying; above 1, so the ~1-in-200 handshake that
    // GramJS gets wrong (auth key with a leading zero byte) is simply redone.
    connectionRetries: config.connectionRetries,
    retryDelay: config.retryDelayMs,
    autoReconnect: true,
    // Every FLOOD_WAIT reaches the app, which shows the wait instead of sleeping inside invoke().
    floodSleepThreshold: 0,
    deviceModel: config.device.deviceModel,
    systemVersion: config.device.systemVersion,
    appVersion: config.device.appVersion,
    langCode: config.device.langCode,
    systemLangCode: config.device.systemLangCode,
    baseLogger: new RedactingGramLogger(config.log, request.label, config.gramLogLevel, secrets),
  });
  const managed = new ManagedClient(
    { client, session, secrets, connectionState },
    {
      label: request.label,
      handshakeGate: config.handshakeGate,
      requestTimeoutMs: config.requestTimeoutMs,
      keyLostCode: request.keyLostCode,
      now: config.now,
      log: config.log,
    },
  );
  client.onError = (error: Error): Promise<void> => {
    // GramJS hands connect's and reconnect's failures only to this handler (connect() just says false).
    const refusal = serverRefusal(error);
    if (refusal !== null) {
      managed.serverRefused(refusal);
      return Promise.resolve();
    }
    const expected = !request.signedIn && isUnauthorized(error);
    config.log(
      expected ? 'debug' : 'warn',
      `[${request.label}] background: ${describeThrown(error, secrets)}`,
    );
    return Promise.resolve();
  };
  return managed;
}
