import { AppFailure, appError, isTransient, type ErrorCode } from '../../contract/errors.ts';
import type {
  AccountClient,
  ConnectionState,
  LoginClient,
  SessionSecret,
  TelegramGateway,
} from '../gateway.ts';
import type { SandboxEndpoint, TelegramGatewayOptions } from '../gateway-options.ts';
import {
  LOGIN_METHODS,
  type AccountMethod,
  type LoginMethod,
  type WorkerGatewayOptions,
} from './protocol.ts';
import { remoteMethods, type RemoteInvoke, type RemoteResult } from './remote-methods.ts';
import { WorkerExited, type TelegramWorkerPool, type WorkerSlot } from './worker-pool.ts';

/** Telegram's DC ids: the sandbox's ports are listed for these when its options cross to a worker. */
const DC_IDS = [1, 2, 3, 4, 5] as const;

/** The gateway options a worker can take: no functions but the log, which stays on the main thread. */
export type WorkerGatewayInput = Omit<TelegramGatewayOptions, 'now' | 'dialGate'>;

/** The sandbox's address as data: its port for each of Telegram's DC ids it runs. */
function sandboxPorts(sandbox: SandboxEndpoint): WorkerGatewayOptions['sandbox'] {
  const ports: Record<number, number> = {};
  for (const dcId of DC_IDS) {
    try {
      ports[dcId] = sandbox.portFor(dcId);
    } catch {
      // A sandbox that does not run this DC: a client sent there fails to connect, as in-process.
    }
  }
  return { ports, publicKeyPem: sandbox.publicKeyPem };
}

/** A call whose worker exited (or whose pool has closed), as the typed error the caller can act on. */
function rethrow(error: unknown, codeIfWorkerGone: ErrorCode): never {
  if (error instanceof WorkerExited) throw new AppFailure(appError(codeIfWorkerGone));
  throw error;
}

/** Destroys a client on its worker. One whose worker exited is gone already, also if it exits meanwhile. */
async function destroyRemote(pool: TelegramWorkerPool, slot: WorkerSlot, clientId: number): Promise<void> {
  pool.unwatch(slot, clientId);
  if (!slot.alive) return;
  await pool
    .request(slot, (callId) => ({ kind: 'call', callId, clientId, method: 'destroy', args: [] }))
    .catch((error: unknown) => {
      if (!(error instanceof WorkerExited)) throw error;
    });
}

/**
 * Waits before each new try to bring back an account whose worker died while the network is down; the
 * last repeats. GramJS's own reconnect loop died with the worker, so this stands in for it.
 */
const RESUME_DELAYS_MS = [0, 1_000, 2_000, 5_000, 10_000, 30_000] as const;

/**
 * TelegramGateway with its clients on the pool's worker threads; same contract as createTelegramGateway
 * (every method resolves or throws an AppFailure). A worker that exits takes its clients along: a login on
 * it fails with AUTH_RESTART (its auth key and phone_code_hash are gone); a connected account reports
 * `connecting` and is made again on a live worker from its session and reconnected, as GramJS reconnects
 * after a dropped connection; an account not yet connected is made again at its next call.
 */
export function createWorkerGateway(pool: TelegramWorkerPool, options: WorkerGatewayInput): TelegramGateway {
  if (!Number.isInteger(options.apiId) || options.apiId <= 0 || options.apiHash === '') {
    throw new AppFailure(appError('API_CREDENTIALS_MISSING'));
  }
  const { sandbox, log, ...plain } = options;
  const gatewayId = pool.defineGateway(sandbox ? { ...plain, sandbox: sandboxPorts(sandbox) } : plain, log);
  return {
    async startLogin(label: string): Promise<LoginClient> {
      let slot: WorkerSlot;
      const clientId = pool.newId();
      try {
        slot = pool.leastLoaded();
        pool.watch(slot, clientId, { workerGone: () => undefined });
        await pool.request(slot, (callId) => ({ kind: 'startLogin', callId, gatewayId, clientId, label }));
      } catch (error) {
        pool.unwatchEverywhere(clientId);
        rethrow(error, 'INTERNAL');
      }
      return remoteLoginClient(pool, slot, clientId);
    },
    openAccount(secret: SessionSecret, label: string): AccountClient {
      return new RemoteAccountClient(pool, gatewayId, secret, label);
    },
  };
}

/** Every LoginClient method but destroy is a plain forward to the worker's client. */
const LOGIN_CALLS = LOGIN_METHODS.filter((method): method is LoginCall => method !== 'destroy');
type LoginCall = Exclude<LoginMethod, 'destroy'>;

/** A LoginClient whose methods run on the worker's client: one forwarder per LOGIN_METHODS entry. */
function remoteLoginClient(pool: TelegramWorkerPool, slot: WorkerSlot, clientId: number): LoginClient {
  const invoke: RemoteInvoke<LoginClient, LoginCall> = async (method, args) => {
    try {
      const value = await pool.request(slot, (callId) => ({ kind: 'call', callId, clientId, method, args }));
      // The worker ran this very method of a LoginClient; the structured clone keeps the value's shape.
      return value as RemoteResult<LoginClient, typeof method>;
    } catch (error) {
      rethrow(error, 'AUTH_RESTART');
    }
  };
  return {
    ...remoteMethods(LOGIN_CALLS, invoke),
    destroy: () => destroyRemote(pool, slot, clientId),
  };
}

class RemoteAccountClient implements AccountClient {
  readonly dcId: number;
  private home: { readonly slot: WorkerSlot; readonly clientId: number } | null = null;
  private readonly listeners = new Set<(state: ConnectionState) => void>();
  private destroyed = false;
  /** Once connected, the account stays connected across a worker's death (see resume). */
  private connected = false;
  private resumeTimer: NodeJS.Timeout | null = null;
  private signedOut = false;

  constructor(
    private readonly pool: TelegramWorkerPool,
    private readonly gatewayId: number,
    private readonly secret: SessionSecret,
    private readonly label: string,
  ) {
    this.dcId = secret.dcId;
    try {
      this.open();
    } catch (error) {
      // The pool has shut down: left unopened, so every call reports NETWORK_UNAVAILABLE.
      if (!(error instanceof WorkerExited)) throw error;
    }
  }

  async connect(): Promise<void> {
    await this.invoke('connect', []);
    this.connected = true;
  }
  getSelf(): ReturnType<AccountClient['getSelf']> {
    return this.invoke('getSelf', []);
  }
  logOut(): Promise<Buffer | null> {
    return this.invoke('logOut', []);
  }

  onConnectionState(listener: (state: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.listeners.clear();
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = null;
    await this.discardClient();
  }

  /** Destroys the client on its worker, if it has one still running. */
  private async discardClient(): Promise<void> {
    const home = this.home;
    this.home = null;
    if (home) await destroyRemote(this.pool, home.slot, home.clientId);
  }

  /** Makes the account's client on the least loaded worker (again, after its worker exited). */
  private open(): { readonly slot: WorkerSlot; readonly clientId: number } {
    const slot = this.pool.leastLoaded();
    const clientId = this.pool.newId();
    this.pool.watch(slot, clientId, {
      connectionState: (state) => {
        this.emit(state);
      },
      workerGone: () => {
        this.home = null;
        if (this.connected) {
          this.emit('connecting');
          this.resume(0);
        } else {
          this.emit('offline');
        }
      },
    });
    this.pool.post(slot, {
      kind: 'openAccount',
      gatewayId: this.gatewayId,
      clientId,
      secret: this.secret,
      label: this.label,
    });
    this.home = { slot, clientId };
    return this.home;
  }

  /**
   * Brings a connected account back after its worker died: a new client from the same session on a live
   * worker, connected in the background, tried again while the network is down. Its connection states
   * reach the listeners as before. If the session was signed out meanwhile it reports `signedOut`; after
   * any other lasting failure `offline`, and the next call reports why (AccountManager's session check).
   */
  private resume(attempt: number): void {
    if (this.destroyed || this.resumeTimer) return;
    const delay = RESUME_DELAYS_MS[Math.min(attempt, RESUME_DELAYS_MS.length - 1)] ?? 30_000;
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = null;
      this.invoke('connect', []).catch(async (error: unknown) => {
        if (this.destroyed) return;
        const code = error instanceof AppFailure ? error.error.code : 'INTERNAL';
        if (isTransient(code)) {
          // A client whose connect failed is of no use (as in AccountManager): the next try makes a new one.
          await this.discardClient().catch(() => undefined);
          this.resume(attempt + 1);
        } else {
          // Any other lasting failure (AUTH_KEY_DUPLICATED among them) reaches the account manager through
          // its next call on this client, with its own code.
          this.emit(code === 'SIGNED_OUT' ? 'signedOut' : 'offline');
        }
      });
    }, delay);
    this.resumeTimer.unref();
  }

  private emit(state: ConnectionState): void {
    if (this.destroyed || this.signedOut) return;
    // Final (see AccountClient): the worker's client and a failed resume may both report it.
    if (state === 'signedOut') this.signedOut = true;
    for (const listener of [...this.listeners]) listener(state);
  }

  private readonly invoke: RemoteInvoke<AccountClient, Exclude<AccountMethod, 'destroy'>> = async (
    method,
    args,
  ) => {
    if (this.destroyed) throw new AppFailure(appError('NETWORK_UNAVAILABLE'));
    try {
      const home = this.home ?? this.open();
      const value = await this.pool.request(home.slot, (callId) => ({
        kind: 'call',
        callId,
        clientId: home.clientId,
        method,
        args,
      }));
      // The worker ran this very method of an AccountClient; the structured clone keeps the value's shape.
      return value as RemoteResult<AccountClient, typeof method>;
    } catch (error) {
      rethrow(error, 'NETWORK_UNAVAILABLE');
    }
  };
}
