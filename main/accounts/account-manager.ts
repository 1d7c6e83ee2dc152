import type { AccountStatus, AccountSummary, TelegramUser } from '../contract/account.ts';
import { AppFailure, appError, describeError, toAppError, type AppError } from '../contract/errors.ts';
import { holdsSession } from '../contract/phone-rules.ts';
import { DisposableStore } from '../lifecycle/disposable-store.ts';
import {
  afterConnectionState,
  afterFailure,
  sessionCheckFails,
  type StatusChange,
} from './account-status.ts';
import type { AccountClient, CompletedLogin, SessionSecret, TelegramGateway } from '../telegram/gateway.ts';
import type { AccountStore, FutureTokenStore, StoredAccount } from './stored-account.ts';
import type { Logger } from '../logging/log.ts';

export interface AccountManagerDeps {
  readonly store: AccountStore;
  readonly futureTokens: FutureTokenStore;
  readonly gateway: () => Promise<TelegramGateway>;
  readonly onChange: (accounts: AccountSummary[]) => void;
  readonly log: Logger;
  /** Delays before reconnecting an offline account, growing each time; the last one repeats. */
  readonly reconnectDelaysMs?: readonly number[];
  /** How many stored accounts are connected and checked at once at start-up. */
  readonly restoreConcurrency?: number;
  /** About how often a connected account's session is checked again (see checkSession); default 10 min. */
  readonly sessionCheckMs?: number;
}

export const DEFAULT_RECONNECT_DELAYS_MS: readonly number[] = [2_000, 5_000, 15_000, 60_000, 300_000];
export const DEFAULT_SESSION_CHECK_MS = 10 * 60_000;

interface LiveAccount {
  stored: StoredAccount;
  status: AccountStatus;
  statusError: AppError | null;
  client: AccountClient | null;
  /** What belongs to the current client and attempt (its listener, its destroy, the check and retry timers). */
  connection: DisposableStore;
  retries: number;
  /** Bumped whenever the client is replaced, so late answers of an old client are ignored. */
  epoch: number;
}

/**
 * The signed-in accounts: restored from the keychain at start-up and checked against Telegram, kept
 * connected, logged out on request. Signed-out sessions (revoked, deleted account) are marked, not
 * deleted, so the user sees what happened; network failures mark an account offline and it reconnects.
 */
/** The shortest time between two account lists sent to the window (see emit()): 10 a second at most. */
const LIST_INTERVAL_MS = 100;

export class AccountManager {
  private readonly accounts = new Map<string, LiveAccount>();
  /** User ids whose keychain entry cannot be read: listed (status unreadable) until removed or replaced. */
  private readonly unreadable = new Set<string>();
  private closed = false;
  /** The restore in progress or done; a failed one is forgotten so listing can try again. */
  private restoring: Promise<void> | null = null;
  /** Cancels the list's next send to the listener, once something changed (see emit()). */
  private emitPending: (() => void) | null = null;
  /** performance.now() of the last send. */
  private lastEmitAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: AccountManagerDeps) {}

  /** Restores every stored account (KEYCHAIN_UNAVAILABLE if the keychain cannot be read). Once. */
  restoreAll(): Promise<void> {
    this.restoring ??= this.restore().catch((error: unknown) => {
      this.restoring = null;
      throw error;
    });
    return this.restoring;
  }

  private async restore(): Promise<void> {
    const { accounts: stored, unreadable } = await this.deps.store.list();
    for (const { userId } of unreadable) if (!this.accounts.has(userId)) this.unreadable.add(userId);
    const fresh = stored.filter((account) => !this.accounts.has(account.userId));
    for (const account of fresh) this.accounts.set(account.userId, this.blank(account));
    this.emit();
    const queue = fresh.map((account) => account.userId);
    const workers = Array.from(
      { length: Math.min(this.deps.restoreConcurrency ?? 16, queue.length) },
      async () => {
        for (let userId = queue.shift(); userId !== undefined; userId = queue.shift())
          await this.connect(userId);
      },
    );
    await Promise.all(workers);
    if (stored.length + unreadable.length > 0) this.deps.log('info', describeRestore(this.list()));
  }

  list(): AccountSummary[] {
    const live = [...this.accounts.values()].map(summaryOf);
    return this.unreadable.size === 0 ? live : [...live, ...[...this.unreadable].map(unreadableSummary)];
  }

  /** The accounts, restoring them first if the keychain could not be read at start-up. */
  async listRestored(): Promise<AccountSummary[]> {
    if (!this.restoring) await this.restoreAll();
    return this.list();
  }

  /** Whether an account that still holds its session uses this phone number (see holdsSession). */
  isSignedIn(phone: string): boolean {
    for (const account of this.accounts.values()) {
      if (account.stored.phone === phone && holdsSession(account.status)) return true;
    }
    return false;
  }

  /** Stores a completed login in the keychain and connects it. Called by the login flow. */
  async add(login: CompletedLogin, secret: SessionSecret): Promise<AccountSummary> {
    const existing = this.accounts.get(login.user.userId);
    if (existing && holdsSession(existing.status)) {
      // The account is already here: end the new, unneeded session at Telegram instead of keeping two.
      await this.endSession(secret, `duplicate ${login.user.userId}`);
      throw new AppFailure(appError('ALREADY_SIGNED_IN'));
    }
    const stored: StoredAccount = {
      userId: login.user.userId,
      phone: login.user.phone,
      dcId: secret.dcId,
      session: secret.session,
      firstName: login.user.firstName,
      lastName: login.user.lastName,
      username: login.user.username,
    };
    await this.deps.store.save(stored);
    this.unreadable.delete(stored.userId);
    if (login.futureAuthToken) await this.keepFutureToken(stored.phone, login.futureAuthToken);
    if (existing) await this.stop(existing);
    const live = this.blank(stored);
    this.accounts.set(stored.userId, live);
    this.emit();
    void this.connect(stored.userId);
    return summaryOf(live);
  }

  /**
   * auth.logOut, keeps the future auth token, destroys the client, deletes the keychain entry. An entry
   * that cannot be read (no session to end) is only deleted.
   */
  async logOut(userId: string): Promise<void> {
    if (this.unreadable.has(userId)) {
      await this.deps.store.remove(userId);
      this.unreadable.delete(userId);
      this.emit();
      return;
    }
    const account = this.require(userId);
    if (account.status !== 'signedOut') {
      let client = account.client;
      if (!client || account.status !== 'online') {
        // Offline: try once now; if Telegram cannot be reached, nothing is deleted.
        await this.connect(userId);
        client = account.client;
        if (!client || account.status !== 'online')
          throw new AppFailure(account.statusError ?? appError('NETWORK_UNAVAILABLE'));
      }
      const token = await client.logOut().catch((error: unknown) => {
        if (error instanceof AppFailure && error.error.code === 'SIGNED_OUT') return null;
        throw error;
      });
      if (token) await this.keepFutureToken(account.stored.phone, token);
    }
    await this.stop(account);
    // The session is over at Telegram; if the keychain then fails, the account must not look online.
    this.setStatus(account, 'signedOut', appError('SIGNED_OUT'));
    await this.deps.store.remove(userId);
    this.accounts.delete(userId);
    this.emit();
  }

  /** Connects (again) now, without waiting for the next retry. */
  async reconnect(userId: string): Promise<AccountSummary> {
    const account = this.require(userId);
    if (account.status !== 'online') await this.connect(userId);
    return summaryOf(account);
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    this.emitPending?.();
    this.emitPending = null;
    const all = [...this.accounts.values()];
    await Promise.all(all.map((account) => this.stop(account)));
  }

  private async connect(userId: string): Promise<void> {
    const account = this.accounts.get(userId);
    if (!account || this.closed) return;
    // One live client per session: the old one is gone before the new one connects.
    await this.stop(account);
    const epoch = ++account.epoch;
    const current = (): boolean =>
      !this.closed && this.accounts.get(userId) === account && account.epoch === epoch;
    if (!current()) return;
    this.setStatus(account, 'connecting', null);
    let client: AccountClient;
    try {
      const gateway = await this.deps.gateway();
      if (!current()) return;
      client = gateway.openAccount(
        { session: account.stored.session, dcId: account.stored.dcId },
        accountLabel(account.stored),
      );
    } catch (error) {
      if (current()) this.failed(account, epoch, this.toAppError(error));
      return;
    }
    account.client = client;
    // Sockets come and go; the account is online only once its session has answered for itself.
    let verified = false;
    // Destroyed, never just disconnected, when the account stops (one live client per session).
    account.connection.add(() =>
      client.destroy().catch((error: unknown) => {
        this.deps.log('warn', `destroying an account client failed: ${describeError(error)}`);
      }),
    );
    const unsubscribe = client.onConnectionState((state) => {
      if (!current()) return;
      const change = afterConnectionState(account, state, verified);
      if (change) this.applyChange(account, epoch, change);
    });
    account.connection.add(unsubscribe);
    try {
      await client.connect();
      const self = await client.getSelf();
      if (!current()) return;
      verified = true;
      account.retries = 0;
      this.applySelf(account, self, client.dcId);
      this.setStatus(account, 'online', null);
      this.scheduleSessionCheck(account, epoch);
    } catch (error) {
      if (current()) this.failed(account, epoch, this.toAppError(error));
    }
  }

  /** The name, username and DC Telegram reports now; the list is sent again if any changed. */
  private applySelf(account: LiveAccount, self: TelegramUser, dcId: number): void {
    const before = account.stored;
    if (
      before.firstName === self.firstName &&
      before.lastName === self.lastName &&
      before.username === self.username &&
      before.dcId === dcId
    )
      return;
    account.stored = {
      ...before,
      firstName: self.firstName,
      lastName: self.lastName,
      username: self.username,
      dcId,
    };
    this.emit();
  }

  private scheduleSessionCheck(account: LiveAccount, epoch: number): void {
    if (this.closed) return;
    const interval = this.deps.sessionCheckMs ?? DEFAULT_SESSION_CHECK_MS;
    // Spread over ±25 %, so accounts restored together are not all checked in the same second.
    const delay = interval * (0.75 + Math.random() * 0.5);
    account.connection.timeout(() => {
      void this.checkSession(account, epoch);
    }, delay);
  }

  /**
   * Asks Telegram about a verified account's session again. A session ended elsewhere ("Terminate
   * session" on the user's phone) changes nothing on the connection: only the next request is refused
   * (401 SESSION_REVOKED), and nothing else here would send one, so without this the account would show
   * Online for good. Also brings in a new name or username. While the account is online, any other
   * failure is left to GramJS's reconnect and the next check. While it is not (its client has been
   * reconnecting), a failure hands it to the manager's own reconnect with a new client, so a client that
   * stopped trying can never keep it "connecting" for good.
   */
  private async checkSession(account: LiveAccount, epoch: number): Promise<void> {
    const client = account.client;
    if (!client || account.epoch !== epoch || this.closed) return;
    const wasOnline = account.status === 'online';
    try {
      const self = await client.getSelf();
      if (account.epoch !== epoch) return;
      this.applySelf(account, self, client.dcId);
    } catch (error) {
      if (account.epoch !== epoch) return;
      const failure = this.toAppError(error);
      if (sessionCheckFails(failure, wasOnline)) {
        this.failed(account, epoch, failure);
        return;
      }
    }
    this.scheduleSessionCheck(account, epoch);
  }

  private failed(account: LiveAccount, epoch: number, error: AppError): void {
    this.applyChange(account, epoch, afterFailure(error));
  }

  /** Applies a status change of account-status.ts; a failed client is dropped before any reconnect. */
  private applyChange(account: LiveAccount, epoch: number, change: StatusChange): void {
    if (account.epoch !== epoch) return;
    if (change.status === 'signedOut' || change.status === 'offline') {
      // The failed client is of no use; its destruction finishes long before the next reconnect.
      void this.stop(account);
    }
    this.setStatus(account, change.status, change.statusError);
    if (change.reconnect) this.scheduleReconnect(account);
  }

  private scheduleReconnect(account: LiveAccount): void {
    if (this.closed) return;
    const delays = this.deps.reconnectDelaysMs ?? DEFAULT_RECONNECT_DELAYS_MS;
    const delay = delays[Math.min(account.retries, delays.length - 1)] ?? 60_000;
    account.retries++;
    account.connection.timeout(() => {
      void this.connect(account.stored.userId);
    }, delay);
  }

  /** Ends the account's current connection: its listener, timers and client (see connect). */
  private stop(account: LiveAccount): Promise<void> {
    const ending = account.connection;
    account.connection = new DisposableStore();
    account.client = null;
    account.epoch++;
    return ending.dispose();
  }

  /** Ends a session at Telegram that will not be kept (a duplicate, or a login abandoned before storing). */
  async endSession(secret: SessionSecret, label: string): Promise<void> {
    try {
      const gateway = await this.deps.gateway();
      const client = gateway.openAccount(secret, label);
      try {
        await client.connect();
        await client.logOut();
      } finally {
        await client.destroy();
      }
    } catch (error) {
      this.deps.log('warn', `could not end ${label}: ${describeError(error)}`);
    }
  }

  private async keepFutureToken(phone: string, token: Buffer): Promise<void> {
    try {
      await this.deps.futureTokens.add(phone, token);
    } catch (error) {
      // Losing a token only costs a code at the next login; the login itself must not fail for it.
      this.deps.log('warn', `could not keep a future auth token: ${describeError(error)}`);
    }
  }

  private setStatus(account: LiveAccount, status: AccountStatus, error: AppError | null): void {
    if (account.status === status && account.statusError?.code === error?.code) return;
    account.status = status;
    account.statusError = error;
    // Coming and going is routine (1,000 accounts reconnect after every outage); what needs the user is not.
    const level = status === 'signedOut' ? 'warn' : status === 'offline' ? 'info' : 'debug';
    const why = error === null ? '' : `: ${error.code}`;
    this.deps.log(level, `${accountLabel(account.stored)}: ${status}${why}`);
    this.emit();
  }

  private blank(stored: StoredAccount): LiveAccount {
    return {
      stored,
      status: 'connecting',
      statusError: null,
      client: null,
      connection: new DisposableStore(),
      retries: 0,
      epoch: 0,
    };
  }

  private require(userId: string): LiveAccount {
    const account = this.accounts.get(userId);
    if (!account) throw new AppFailure(appError('NOT_FOUND'));
    return account;
  }

  private toAppError(error: unknown): AppError {
    return toAppError(error, (description) => {
      this.deps.log('error', `account check failed unexpectedly: ${description}`);
    });
  }

  /**
   * Tells the listener the new list at most once per turn of the event loop and at most every
   * LIST_INTERVAL_MS, however many accounts changed meanwhile: each call sends every account, so a list
   * sent per change costs accounts x changes. When the network drops or 1,000 accounts are restored,
   * every account changes status two or three times within seconds (about a million summaries checked
   * and sent, seconds of stall, if sent per change; hundreds of lists if sent per turn). A lone change
   * still goes out in the next turn.
   */
  private emit(): void {
    if (this.closed || this.emitPending) return;
    const send = (): void => {
      this.emitPending = null;
      this.lastEmitAt = performance.now();
      if (!this.closed) this.deps.onChange(this.list());
    };
    const wait = this.lastEmitAt + LIST_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      const immediate = setImmediate(send);
      this.emitPending = () => {
        clearImmediate(immediate);
      };
    } else {
      const timer = setTimeout(send, wait);
      this.emitPending = () => {
        clearTimeout(timer);
      };
    }
  }
}

/** How logs and GramJS's own lines name an account: its phone and user id. */
function accountLabel(stored: StoredAccount): string {
  return `account ${stored.phone} (${stored.userId})`;
}

/** "restored 1000 accounts: 997 online, 2 offline, 1 signedOut". */
function describeRestore(accounts: readonly AccountSummary[]): string {
  const counts = new Map<AccountStatus, number>();
  for (const { status } of accounts) counts.set(status, (counts.get(status) ?? 0) + 1);
  const parts = [...counts].map(([status, count]) => `${String(count)} ${status}`);
  return `restored ${String(accounts.length)} accounts: ${parts.join(', ')}`;
}

function unreadableSummary(userId: string): AccountSummary {
  return {
    id: userId,
    phone: '',
    firstName: '',
    lastName: '',
    username: null,
    dcId: 0,
    status: 'unreadable',
    statusError: appError('SESSION_UNREADABLE'),
  };
}

function summaryOf(account: LiveAccount): AccountSummary {
  const { stored } = account;
  return {
    id: stored.userId,
    phone: stored.phone,
    firstName: stored.firstName,
    lastName: stored.lastName,
    username: stored.username,
    dcId: stored.dcId,
    status: account.status,
    statusError: account.statusError,
  };
}
