import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createAppServices, type AppServices } from '../../main/app/app-services.ts';
import type { TelegramWorkerPool } from '../../main/telegram/worker/worker-pool.ts';
import { sourceWorkerPool } from './telegram-workers.ts';
import type { AccountSummary } from '../../main/contract/account.ts';
import type { Result } from '../../main/contract/errors.ts';
import type { LoginCard, LoginState } from '../../main/contract/login-state.ts';
import type { EventChannel, InvokeChannel } from '../../main/contract/channels.ts';
import type { ChannelInput, ChannelOutput } from '../../main/contract/ipc-contract.ts';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../main/ipc/renderer-origin.ts';
import type { SenderInfo } from '../../main/contract/transport-types.ts';
import type { Sandbox } from '../../main/sandbox/index.ts';
import type { ServerProfile } from '../../main/contract/server-profile.ts';
import { deleteServices, servicesOf, testSecretStore } from './keychain.ts';
import type { IndexedSecretStore } from '../../main/vault/indexed-secret-store.ts';
import { openAppLog, type AppLog } from '../../main/app/app-log.ts';
import type { ConfirmationOutcome, ServerToConfirm } from '../../main/app/server-confirmation.ts';

export const APP_SENDER: SenderInfo = { frameUrl: APP_ENTRY_URL, isMainFrame: true, isAppWindow: true };

export interface LogLine {
  readonly level: string;
  readonly message: string;
}

export interface HarnessOptions {
  /** Keychain service prefix; unique per test file so runs never collide or touch real entries. */
  readonly serviceBase?: string;
  readonly userDataDir?: string;
  readonly requestTimeoutMs?: number;
  /** How often connected accounts' sessions are checked again; the app's default (10 min) otherwise. */
  readonly sessionCheckMs?: number;
  /**
   * Run the GramJS clients on worker threads, as the app does (default), or on the test's own thread
   * (false: for tests that reach into a client's process, none so far).
   */
  readonly telegramWorkers?: boolean;
  /**
   * The user's answer when main asks, outside the page, whether to use a custom server (in the app a
   * native dialog; see test/harness for the terminal code, end to end). Default: 'confirmed'.
   */
  readonly serverAnswer?: ConfirmationOutcome;
  /** false: the services get no confirmer at all (as when nothing can ask the user). */
  readonly askAboutServers?: boolean;
}

/**
 * The main-process services exactly as Electron runs them, driven through the IPC dispatcher (the same
 * schemas, sender check and Result as a renderer gets), against a sandbox DC and the real keychain.
 */
export class AppHarness {
  readonly events: { channel: EventChannel; payload: unknown }[] = [];
  readonly logs: LogLine[] = [];
  /** Each custom server main asked the user about, in order. */
  readonly serverQuestions: ServerToConfirm[] = [];
  /** What the user answers the next time main asks about a custom server. */
  serverAnswer: ConfirmationOutcome;
  private services: AppServices | undefined;
  /** The real keychain, with its unlock probe under this run's own service name. */
  readonly store: IndexedSecretStore;
  private waiters: (() => void)[] = [];
  /** Outlives restarts, as the app's pool outlives a profile switch; closed by stop(). */
  private readonly workers: TelegramWorkerPool | null;
  /** The app's log file under the user data folder, as the installed app writes it (at debug here). */
  private readonly appLog: AppLog;

  private constructor(
    /** null: the app's own demo sandbox (its world kept in the user data folder), as the Sandbox profile runs it. */
    readonly sandbox: Sandbox | null,
    readonly userDataDir: string,
    readonly serviceBase: string,
    private readonly options: HarnessOptions,
  ) {
    this.store = testSecretStore(serviceBase);
    this.serverAnswer = options.serverAnswer ?? 'confirmed';
    this.appLog = openAppLog({ userDataDir, fileLevel: 'debug', console: null });
    this.workers =
      options.telegramWorkers === false
        ? null
        : sourceWorkerPool((level, message) => {
            this.logs.push({ level, message });
          }, 2);
  }

  static async start(sandbox: Sandbox | null, options: HarnessOptions = {}): Promise<AppHarness> {
    const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'switchboard-userdata-'));
    const harness = new AppHarness(
      sandbox,
      userDataDir,
      options.serviceBase ?? `Switchboard test ${randomUUID().slice(0, 8)}`,
      options,
    );
    await harness.boot();
    return harness;
  }

  /** The services' start-up, when a test chose not to wait for it. */
  starting: Promise<void> = Promise.resolve();

  private async boot(awaitStart = true): Promise<void> {
    const services = await createAppServices({
      userDataDir: this.userDataDir,
      secretStore: this.store,
      appVersion: '0.0.0-test',
      trustedOrigins: [APP_ORIGIN],
      log: (level, message) => {
        this.logs.push({ level, message });
        this.appLog.log(level, message);
      },
      logFolder: this.appLog.folder,
      ...(this.sandbox ? { sandbox: this.sandbox } : {}),
      tuning: {
        requestTimeoutMs: this.options.requestTimeoutMs ?? 8_000,
        reconnectDelaysMs: [200, 500, 1_000],
        ...(this.options.sessionCheckMs !== undefined ? { sessionCheckMs: this.options.sessionCheckMs } : {}),
      },
      vaultServiceBase: this.serviceBase,
      ...(this.options.askAboutServers === false
        ? {}
        : {
            confirmServer: {
              confirm: (server: ServerToConfirm) => {
                this.serverQuestions.push(server);
                return Promise.resolve(this.serverAnswer);
              },
            },
          }),
      ...(this.workers ? { telegramWorkers: this.workers } : {}),
    });
    services.setEventSink((channel, payload) => {
      this.events.push({ channel, payload });
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    });
    this.services = services;
    this.starting = services.start();
    if (awaitStart) await this.starting;
  }

  /** Calls a channel as the renderer would. */
  invoke<C extends InvokeChannel>(channel: C, payload: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
    return this.raw(channel, payload) as Promise<Result<ChannelOutput<C>>>;
  }

  /** Calls with any payload and sender, for boundary tests. */
  raw(channel: string, payload: unknown, sender: SenderInfo = APP_SENDER): Promise<Result<unknown>> {
    if (!this.services) throw new Error('the harness is not running');
    return this.services.dispatcher.dispatch(channel, payload, sender);
  }

  /** Calls and expects success. */
  async ok<C extends InvokeChannel>(channel: C, payload: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const result = await this.invoke(channel, payload);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  /** Calls and expects a typed error; returns its code. */
  async fails<C extends InvokeChannel>(channel: C, payload: ChannelInput<C>): Promise<string> {
    const result = await this.invoke(channel, payload);
    if (result.ok) throw new Error(`${channel} succeeded; an error was expected`);
    return result.error.code;
  }

  /**
   * Signs a phone in as a user would: starts its login, types the code the sandbox sent (or `knownCode`,
   * on the demo sandbox), and returns the new account's id (for accounts without 2FA).
   */
  async signIn(phone: string, knownCode?: string): Promise<string> {
    const card = await this.ok('login:start', { phone });
    await this.waitForStep(card.id, 'codeSent');
    const code = knownCode ?? this.sandbox?.world.outbox.lastCode(phone);
    if (code === undefined) throw new Error(`no code for ${phone}: the demo sandbox's world cannot be read`);
    const done = await this.ok('login:perform', { loginId: card.id, request: { type: 'submitCode', code } });
    if (done.state.step !== 'signedIn') throw new Error(`${phone}: ${done.state.step}`);
    return done.state.account.id;
  }

  /** Waits until a login card reaches a state that satisfies `test` (from the events main sent). */
  async waitForLogin(
    loginId: string,
    test: (state: LoginState) => boolean,
    what: string,
  ): Promise<LoginState> {
    return this.waitFor(() => {
      for (let i = this.events.length - 1; i >= 0; i--) {
        const event = this.events[i];
        if (event?.channel === 'login:changed' && (event.payload as LoginCard).id === loginId) {
          const state = (event.payload as LoginCard).state;
          return test(state) ? state : undefined;
        }
      }
      return undefined;
    }, `login ${what}`);
  }

  waitForStep<S extends LoginState['step']>(
    loginId: string,
    step: S,
  ): Promise<Extract<LoginState, { step: S }>> {
    return this.waitForLogin(
      loginId,
      (s) => s.step === step && s.pending === null,
      `to reach ${step}`,
    ) as Promise<Extract<LoginState, { step: S }>>;
  }

  /** Waits until the latest accounts:changed event satisfies `test`. */
  waitForAccounts(test: (accounts: AccountSummary[]) => boolean, what: string): Promise<AccountSummary[]> {
    return this.waitFor(() => {
      for (let i = this.events.length - 1; i >= 0; i--) {
        const event = this.events[i];
        if (event?.channel === 'accounts:changed') {
          const accounts = event.payload as AccountSummary[];
          return test(accounts) ? accounts : undefined;
        }
      }
      return undefined;
    }, `accounts ${what}`);
  }

  private async waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /**
   * Shuts the services down and starts them again on the same user data and keychain, as an app restart.
   * With `awaitStart: false` it returns as soon as IPC answers, while accounts are still being restored.
   */
  async restart(options: { awaitStart?: boolean } = {}): Promise<void> {
    await this.services?.shutdown();
    this.services = undefined;
    this.events.length = 0;
    await this.boot(options.awaitStart ?? true);
  }

  /** Every status an account went through, from the events since the last (re)start. */
  statusHistory(accountId: string): string[] {
    const history: string[] = [];
    for (const event of this.events) {
      if (event.channel !== 'accounts:changed') continue;
      const status = (event.payload as AccountSummary[]).find((a) => a.id === accountId)?.status;
      if (status !== undefined && history.at(-1) !== status) history.push(status);
    }
    return history;
  }

  /** Stops the services; with `cleanUp`, also deletes the temp user data and this run's keychain entries. */
  async stop(cleanUp = true): Promise<void> {
    await this.services?.shutdown();
    this.services = undefined;
    await this.workers?.close();
    await this.appLog.close();
    if (!cleanUp) return;
    const profiles: ServerProfile[] = [{ kind: 'sandbox' }, { kind: 'production' }, { kind: 'test' }];
    await deleteServices(this.serviceBase, servicesOf(this.serviceBase, profiles));
    if (!this.options.userDataDir) rmSync(this.userDataDir, { recursive: true, force: true });
  }
}

/** Puts the app on the sandbox profile (the tests' own sandbox) and returns the settings. */
export async function useSandboxProfile(app: AppHarness): Promise<void> {
  const settings = await app.ok('settings:setServerProfile', { profile: { kind: 'sandbox' } });
  expect(settings.serverProfile.kind).toBe('sandbox');
}
