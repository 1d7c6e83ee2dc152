import { KeychainUnavailable, type KeychainFailureKind } from './keychain-failure.ts';
import type { KeychainHostHandle, KeychainHostLauncher } from './keychain-host-launcher.ts';
import { checkKeychainName, checkKeychainSecret } from './keychain-names.ts';
import type { KeychainOperation, KeychainResults } from './keychain-protocol.ts';
import type { UnlockProbe } from './keytar-secret-store.ts';
import type { NativeKeychain } from './native-keychain.ts';
import type { Logger } from '../logging/log.ts';

/** Long enough for a desktop's "allow access" or unlock prompt to be answered; a hung daemon ends here. */
export const DEFAULT_KEYCHAIN_CALL_TIMEOUT_MS = 60_000;

export interface IsolatedKeychainOptions {
  readonly launch: KeychainHostLauncher;
  /** The unlock probe (KeytarSecretStore); left out: the platform's default. */
  readonly probe?: UnlockProbe | null;
  readonly callTimeoutMs?: number;
  readonly log?: Logger;
}

interface Pending {
  readonly operation: KeychainOperation['op'];
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: KeychainUnavailable) => void;
  readonly timer: NodeJS.Timeout;
}

interface Host {
  readonly handle: KeychainHostHandle;
  readonly pending: Map<number, Pending>;
}

/**
 * The keychain from main: every call goes to the keychain host, a process of its own that alone loads
 * keytar. If the host dies during a call (keytar's SIGSEGV on an item it cannot read) the call fails with
 * KEYCHAIN_UNAVAILABLE ('crashed'); if it does not answer in time, the host is killed and the calls fail
 * ('timeout'). Either way the next call starts a new host, and main never stops.
 */
export class IsolatedKeychain implements NativeKeychain {
  private host: Host | undefined;
  private nextId = 1;
  private readonly timeoutMs: number;

  constructor(private readonly options: IsolatedKeychainOptions) {
    this.timeoutMs = options.callTimeoutMs ?? DEFAULT_KEYCHAIN_CALL_TIMEOUT_MS;
  }

  async get(service: string, account: string): Promise<string | null> {
    checkKeychainName('service', service);
    checkKeychainName('account', account);
    const value = await this.call({ op: 'get', service, account });
    return value === null || typeof value === 'string' ? value : malformed('get');
  }

  async set(service: string, account: string, secret: string): Promise<void> {
    checkKeychainName('service', service);
    checkKeychainName('account', account);
    checkKeychainSecret(secret);
    await this.call({ op: 'set', service, account, secret });
  }

  async delete(service: string, account: string): Promise<boolean> {
    checkKeychainName('service', service);
    checkKeychainName('account', account);
    const value = await this.call({ op: 'delete', service, account });
    return typeof value === 'boolean' ? value : malformed('delete');
  }

  async findAll(service: string): Promise<{ account: string; secret: string }[]> {
    checkKeychainName('service', service);
    const value = await this.call({ op: 'findAll', service });
    return isCredentialList(value)
      ? value.map(({ account, secret }) => ({ account, secret }))
      : malformed('findAll');
  }

  /** Stops the host; a later call starts another. */
  close(): void {
    const host = this.host;
    if (host === undefined) return;
    this.host = undefined;
    this.failAll(host, 'crashed', 'the keychain was closed');
    host.handle.kill();
  }

  private call(operation: KeychainOperation): Promise<unknown> {
    const host = this.host ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.options.log?.(
          'warn',
          `keychain: no answer to ${operation.op} in ${this.timeoutMs} ms; restarting its process`,
        );
        this.stop(host, 'timeout', `no answer in ${this.timeoutMs} ms`);
      }, this.timeoutMs);
      host.pending.set(id, { operation: operation.op, resolve, reject, timer });
      host.handle.setBusy(true);
      host.handle.send({ kind: 'call', id, ...operation });
    });
  }

  private start(): Host {
    const handle = this.options.launch();
    const host: Host = { handle, pending: new Map() };
    this.host = host;
    handle.onMessage((message) => {
      this.receive(host, message);
    });
    handle.onExit((how) => {
      if (this.host !== host) return;
      this.host = undefined;
      if (host.pending.size > 0) {
        this.options.log?.(
          'warn',
          `keychain: its process ended during a call (${how}); the next call starts another`,
        );
      }
      this.failAll(host, 'crashed', `the keychain process ended (${how})`);
    });
    handle.send(
      this.options.probe === undefined
        ? { kind: 'configure' }
        : { kind: 'configure', probe: this.options.probe },
    );
    return host;
  }

  private receive(host: Host, message: unknown): void {
    if (!isResponse(message)) return;
    const pending = host.pending.get(message.id);
    if (pending === undefined) return;
    // libsecret keeps the name of the daemon it first reached: after that daemon is gone, this host
    // would fail every call even once a new daemon runs. New calls go to a new host; settle() ends
    // this one when its last call is answered.
    if (message.kind === 'failure' && message.failureKind === 'no-service' && this.host === host) {
      this.host = undefined;
    }
    this.settle(host, message.id, pending);
    if (message.kind === 'result') pending.resolve(message.value);
    else pending.reject(new KeychainUnavailable(message.operation, message.failureKind, message.reason));
  }

  private stop(host: Host, kind: KeychainFailureKind, reason: string): void {
    if (this.host === host) this.host = undefined;
    this.failAll(host, kind, reason);
    host.handle.kill();
  }

  private failAll(host: Host, kind: KeychainFailureKind, reason: string): void {
    for (const [id, pending] of [...host.pending]) {
      this.settle(host, id, pending);
      pending.reject(new KeychainUnavailable(pending.operation, kind, reason));
    }
  }

  private settle(host: Host, id: number, pending: Pending): void {
    clearTimeout(pending.timer);
    host.pending.delete(id);
    if (host.pending.size > 0) return;
    host.handle.setBusy(false);
    if (this.host !== host) host.handle.kill();
  }
}

type Response =
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'failure'; id: number; operation: string; failureKind: KeychainFailureKind; reason: string };

const FAILURE_KINDS: ReadonlySet<string> = new Set<KeychainFailureKind>([
  'module-missing',
  'no-service',
  'locked',
  'refused',
  'crashed',
  'timeout',
  'unknown',
]);

function isResponse(message: unknown): message is Response {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  if (typeof m.id !== 'number') return false;
  if (m.kind === 'result') return 'value' in m;
  return (
    m.kind === 'failure' &&
    typeof m.operation === 'string' &&
    typeof m.reason === 'string' &&
    typeof m.failureKind === 'string' &&
    FAILURE_KINDS.has(m.failureKind)
  );
}

function isCredentialList(value: unknown): value is KeychainResults['findAll'] {
  return (
    Array.isArray(value) &&
    value.every(
      (entry: unknown) =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as Record<string, unknown>).account === 'string' &&
        typeof (entry as Record<string, unknown>).secret === 'string',
    )
  );
}

function malformed(operation: string): never {
  throw new KeychainUnavailable(operation, 'unknown', 'the keychain process sent a malformed answer');
}
