import type { Api, TelegramClient } from 'telegram';
import type { StringSession } from 'telegram/sessions';
import { AppFailure, appError, type AppError, type ErrorCode } from '../contract/errors.ts';
import type { ConnectionStateTracker } from './connection-state.ts';
import { toAppFailure } from './error-mapping.ts';
import type { SessionSecret } from './gateway.ts';
import type { LogSink } from './gateway-options.ts';
import { describeThrown, type SecretRegistry } from './log-redaction.ts';
import type { HandshakeGate } from './handshake-gate.ts';
import { RequestDeadlines } from './request-deadline.ts';
import { senderOf, transportUp } from './gramjs/private-fields.ts';

export interface ManagedClientParts {
  readonly client: TelegramClient;
  readonly session: StringSession;
  readonly secrets: SecretRegistry;
  readonly connectionState: ConnectionStateTracker;
}

export interface ManagedClientPolicy {
  readonly label: string;
  /** Shared by all clients of the process: how many may create an auth key at once. */
  readonly handshakeGate: HandshakeGate;
  readonly requestTimeoutMs: number;
  /** What pending and later requests fail with once the server has forgotten the auth key (-404). */
  readonly keyLostCode: ErrorCode;
  readonly now: () => number;
  readonly log: LogSink;
}

/**
 * One GramJS client under the app's rules: connect() that fails instead of returning false, every request
 * under the app's deadline, errors mapped to AppFailure, secrets registered for log redaction, and
 * destroy() (never a bare disconnect) that also settles whatever was still waiting.
 *
 * A transport -404 (the server forgot the auth key) ends the client: after it GramJS never settles what
 * was in flight and reconnects with the dead key every ping. So everything pending or later fails at once
 * with `keyLostCode`, and the GramJS client is destroyed; the connection state stays `signedOut`.
 */
export class ManagedClient {
  private destroyed = false;
  /** Set once the server showed this client can never work as configured (serverRefused). */
  private refusal: AppError | null = null;
  private gramClosed: Promise<void> | undefined;
  private readonly deadlines = new RequestDeadlines();
  private readonly client: TelegramClient;
  private readonly session: StringSession;
  readonly secrets: SecretRegistry;
  readonly connectionState: ConnectionStateTracker;
  private readonly policy: ManagedClientPolicy;

  constructor(parts: ManagedClientParts, policy: ManagedClientPolicy) {
    this.client = parts.client;
    this.session = parts.session;
    this.secrets = parts.secrets;
    this.connectionState = parts.connectionState;
    this.policy = policy;
    this.connectionState.onKeyLost(() => {
      this.keyLost();
    });
  }

  get dcId(): number {
    return this.session.dcId;
  }

  /**
   * The server can never be used as the profile describes it: its handshake offers another RSA key
   * (SERVER_KEY_MISMATCH), or it sent the client to a DC the profile lacks (SERVER_DC_UNKNOWN). What is
   * pending fails at once with that, and so does every later call; GramJS stops retrying.
   */
  serverRefused(error: AppError): void {
    if (this.destroyed || this.refusal !== null) return;
    this.refusal = error;
    this.policy.log(
      'warn',
      `[${this.policy.label}] ${error.code}${error.dcId === undefined ? '' : ` (DC ${String(error.dcId)})`}`,
    );
    this.deadlines.abandonAll(error);
    setImmediate(() => {
      void this.closeGram();
    });
  }

  async connect(): Promise<void> {
    this.ensureKeyKnown();
    this.connectionState.set('connecting');
    // Connecting may handshake a new key on top of the round trips, so it gets twice a request's time.
    const attempt = (): Promise<boolean> =>
      this.deadlines.race(
        this.client.connect(),
        this.policy.requestTimeoutMs * 2,
        () => 'NETWORK_UNAVAILABLE',
      );
    const needsNewKey = this.session.getAuthKey()?.getKey() === undefined;
    try {
      const connected = needsNewKey ? await this.policy.handshakeGate.run(attempt) : await attempt();
      if (!connected) throw new AppFailure(this.refusal ?? appError('NETWORK_UNAVAILABLE'));
    } catch (error) {
      this.connectionState.set('offline');
      throw this.toFailure(error);
    }
    this.rememberKeyMaterial();
    this.connectionState.set('online');
  }

  /** client.invoke under the deadline; rejects with GramJS's own errors (map them with toFailure). */
  invoke<R extends Api.AnyRequest>(request: R): Promise<R['__response']> {
    this.ensureUsable();
    return this.deadlines.race(this.client.invoke(request), this.policy.requestTimeoutMs, () =>
      this.expiryCode(request.className),
    );
  }

  /**
   * Sends through the client's MTProto sender, skipping invoke()'s post-processing. Needed for
   * account.sendVerifyEmailCode: GramJS 2.26.22's entity cache takes account.sentEmailCode (it has a
   * numeric `length`) for an array and throws "entities is not iterable", losing the answer. This path has
   * no DC migration or flood handling, which that request does not need.
   */
  sendWithoutEntityCache(request: Api.AnyRequest): Promise<unknown> {
    this.ensureUsable();
    const pending = senderOf(this.client)?.send(request);
    if (pending === undefined) throw new AppFailure(appError('NETWORK_UNAVAILABLE'));
    return this.deadlines.race(pending, this.policy.requestTimeoutMs, () =>
      this.expiryCode(request.className),
    );
  }

  exportSession(): SessionSecret {
    this.rememberKeyMaterial();
    const session = this.session.save();
    this.secrets.add(session);
    return { session, dcId: this.session.dcId };
  }

  toFailure(error: unknown): AppFailure {
    return toAppFailure(error, {
      now: this.policy.now,
      reportUnexpected: (unexpected) => {
        this.policy.log(
          'error',
          `[${this.policy.label}] unexpected: ${describeThrown(unexpected, this.secrets)}`,
        );
      },
    });
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.connectionState.stop();
    this.deadlines.abandonAll(appError('NETWORK_UNAVAILABLE'));
    await this.closeGram();
  }

  /** Destroys the GramJS client, once (both destroy() and a lost key do it). */
  private closeGram(): Promise<void> {
    this.gramClosed ??= this.client.destroy().catch((error: unknown) => {
      this.policy.log('warn', `[${this.policy.label}] destroy: ${describeThrown(error, this.secrets)}`);
    });
    return this.gramClosed;
  }

  private keyLost(): void {
    if (this.destroyed) return;
    this.policy.log(
      'warn',
      `[${this.policy.label}] the server no longer knows this client's auth key (-404): ${this.policy.keyLostCode}`,
    );
    this.deadlines.abandonAll(appError(this.policy.keyLostCode));
    // Once GramJS has read the -404 itself (it stops its receive loop), stop its pings and reconnects too.
    setImmediate(() => {
      void this.closeGram();
    });
  }

  private ensureKeyKnown(): void {
    if (this.refusal !== null) throw new AppFailure(this.refusal);
    if (!this.destroyed && this.connectionState.keyLost) {
      throw new AppFailure(appError(this.policy.keyLostCode));
    }
  }

  private ensureUsable(): void {
    this.ensureKeyKnown();
    const sender = senderOf(this.client);
    if (this.destroyed || sender === undefined || sender.userDisconnected) {
      throw new AppFailure(appError('NETWORK_UNAVAILABLE'));
    }
  }

  /** A request that got no answer in time: the connection is down, or the server is not answering. */
  private expiryCode(method: string): ErrorCode {
    const connected = transportUp(this.client);
    this.policy.log(
      'warn',
      `[${this.policy.label}] ${method} got no answer in ${this.policy.requestTimeoutMs} ms (${connected ? 'connected' : 'not connected'})`,
    );
    return connected ? 'TIMEOUT' : 'NETWORK_UNAVAILABLE';
  }

  private rememberKeyMaterial(): void {
    this.secrets.add(this.session.getAuthKey()?.getKey());
  }
}
