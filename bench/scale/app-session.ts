import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppServices, type AppServices } from '../../main/app/app-services.ts';
import type { AccountSummary } from '../../main/contract/account.ts';
import type { LoginCard, LoginStep } from '../../main/contract/login-state.ts';
import { APP_ORIGIN } from '../../main/ipc/renderer-origin.ts';
import type { IndexedSecretStore } from '../../main/vault/indexed-secret-store.ts';
import { APP_SENDER } from '../../test/support/app-harness.ts';
import { testSecretStore } from '../../test/support/keychain.ts';
import { sourceWorkerPool } from '../../test/support/telegram-workers.ts';
import { defaultWorkerCount, type TelegramWorkerPool } from '../../main/telegram/worker/worker-pool.ts';
import type { WorkerHeap } from '../../main/telegram/worker/protocol.ts';
import type { SandboxInfo } from './probe.ts';
import type { LogLevel } from '../../main/logging/log.ts';

/**
 * The GramJS clients' worker threads, as the app runs them (main/index.ts): SCALE_WORKERS of them
 * (default: the app's own count); SCALE_WORKERS=0 keeps the clients on the main thread, for comparison.
 */
function benchWorkerPool(log: (level: LogLevel, message: string) => void): TelegramWorkerPool | null {
  const requested = process.env.SCALE_WORKERS;
  const size = requested === undefined || requested === '' ? defaultWorkerCount() : Number(requested);
  if (!Number.isInteger(size) || size < 0)
    throw new Error(`SCALE_WORKERS must be a whole number, got ${String(requested)}`);
  return size === 0 ? null : sourceWorkerPool(log, size);
}

/**
 * The app's main-process services as Electron builds them, driven through the IPC dispatcher (as a
 * renderer's calls arrive), against the sandbox process and the real keychain under the run's own
 * service names. Keeps the latest login cards and account list from the events main sends.
 */
export class AppSession {
  readonly cards = new Map<string, LoginCard>();
  accounts: AccountSummary[] = [];
  accountEvents = 0;
  /** performance.now() of the first account list main sent. */
  firstAccountsEventAt: number | null = null;
  private waiters: (() => void)[] = [];

  private constructor(
    readonly services: AppServices,
    readonly store: IndexedSecretStore,
    private readonly dir: string,
    private readonly workers: TelegramWorkerPool | null,
    readonly warnings: string[],
  ) {}

  static async open(
    sandbox: SandboxInfo & { portFor: (dcId: number) => number },
    serviceBase: string,
    options: { readonly sessionCheckMs?: number } = {},
  ) {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-scale-'));
    const store = testSecretStore(serviceBase);
    const warnings: string[] = [];
    const log = (level: LogLevel, message: string): void => {
      if (level === 'warn' || level === 'error') warnings.push(`${level} ${message}`);
    };
    const telegramWorkers = benchWorkerPool(log);
    const services = await createAppServices({
      userDataDir: dir,
      secretStore: store,
      appVersion: 'bench',
      trustedOrigins: [APP_ORIGIN],
      log,
      sandbox: { portFor: sandbox.portFor, publicKeyPem: sandbox.publicKeyPem },
      vaultServiceBase: serviceBase,
      ...(options.sessionCheckMs !== undefined ? { tuning: { sessionCheckMs: options.sessionCheckMs } } : {}),
      ...(telegramWorkers ? { telegramWorkers } : {}),
    });
    const session: AppSession = new AppSession(services, store, dir, telegramWorkers, warnings);
    services.setEventSink((channel, payload) => {
      if (channel === 'login:changed') {
        const card = payload as LoginCard;
        session.cards.set(card.id, card);
      } else if (channel === 'accounts:changed') {
        session.accounts = payload as AccountSummary[];
        session.accountEvents++;
        session.firstAccountsEventAt ??= performance.now();
      } else return;
      for (const wake of session.waiters.splice(0)) wake();
    });
    // As the app does at start-up (main/index.ts): the threads load GramJS before the first login.
    await telegramWorkers?.ready();
    await services.start();
    return session;
  }

  async call(channel: string, payload: unknown): Promise<unknown> {
    const result = await this.services.dispatcher.dispatch(channel, payload, APP_SENDER);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.value;
  }

  /** Resolves once `done()` holds, re-checking after every event from main. */
  async until(done: () => boolean): Promise<void> {
    while (!done()) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Waits until these logins all rest at `step` (nothing pending); throws if one fails. */
  async allAt(ids: readonly string[], step: LoginStep): Promise<void> {
    await this.until(() => {
      const cards = ids.map((id) => this.cards.get(id));
      const failed = cards.find((c) => c?.state.step === 'failed');
      if (failed) throw new Error(`a login failed: ${JSON.stringify(failed.state)}`);
      return cards.every((c) => c?.state.step === step && c.state.pending === null);
    });
  }

  countStatus(status: AccountSummary['status']): number {
    let n = 0;
    for (const account of this.accounts) if (account.status === status) n++;
    return n;
  }

  /**
   * Full garbage collection in every Telegram worker, for RSS readings: the workers' JavaScript heaps and
   * external memory afterwards, summed, in MiB (zero with the clients in this thread).
   */
  async collectWorkerGarbage(): Promise<{ heapMiB: number; externalMiB: number }> {
    const heaps = (await this.workers?.collectGarbage()) ?? [];
    const sum = (pick: (heap: WorkerHeap) => number): number =>
      heaps.reduce((total, heap) => total + pick(heap), 0) / 2 ** 20;
    return { heapMiB: sum((heap) => heap.heapUsed), externalMiB: sum((heap) => heap.external) };
  }

  async close(): Promise<void> {
    await this.services.shutdown();
    await this.workers?.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
