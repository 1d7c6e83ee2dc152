import { arch, release, type } from 'node:os';
import type { AccountSummary } from '../contract/account.ts';
import { AppFailure, appError } from '../contract/errors.ts';
import type { LoginCard } from '../contract/login-state.ts';
import type { ServerProfile } from '../contract/server-profile.ts';
import { AccountManager } from '../accounts/account-manager.ts';
import { LoginManager } from '../auth/login-manager.ts';
import type { TelegramGateway } from '../telegram/gateway.ts';
import { createTelegramGateway } from '../telegram/create-gateway.ts';
import { createWorkerGateway } from '../telegram/worker/worker-gateway.ts';
import type { TelegramWorkerPool } from '../telegram/worker/worker-pool.ts';
import { AccountVault } from '../vault/account-vault.ts';
import { FutureTokenVault } from '../vault/future-token-vault.ts';
import type { SecretStore } from '../vault/secret-store.ts';
import type { VaultLogger } from '../vault/vault-logger.ts';
import type { Logger, LogLevel } from '../logging/log.ts';
import type { Tuning } from './tuning.ts';

/** Where a sandbox DC listens: the app's own (demo mode) or one a test or harness started. */
export interface SandboxEndpoint {
  readonly portFor: (dcId: number) => number;
  readonly publicKeyPem: string;
}

export interface ApiCredentials {
  readonly apiId: number;
  readonly apiHash: string;
}

export interface ProfileRuntimeDeps {
  readonly profile: ServerProfile;
  readonly secretStore: SecretStore;
  /** The API credentials to use now; null when the user has not entered them. */
  readonly credentials: () => Promise<ApiCredentials | null>;
  /** The sandbox to talk to, for the sandbox profile. */
  readonly sandbox: SandboxEndpoint | null;
  readonly appVersion: string;
  readonly floodDeadline: (phone: string) => number | null;
  readonly recordFloodDeadline: (phone: string, retryAt: number) => Promise<void>;
  readonly tuning: Tuning;
  readonly now: () => number;
  readonly onLoginChanged: (card: LoginCard) => void;
  readonly onLoginRemoved: (loginId: string) => void;
  readonly onAccountsChanged: (accounts: AccountSummary[]) => void;
  readonly log: Logger;
  readonly vaultServiceBase?: string;
  /** Worker threads to run the GramJS clients on; without them they run on this thread. */
  readonly telegramWorkers?: TelegramWorkerPool;
}

/** Credentials the sandbox accepts when the user has none: the demo works without a Telegram account. */
const SANDBOX_DEMO_CREDENTIALS: ApiCredentials = { apiId: 1, apiHash: '00000000000000000000000000000000' };

/**
 * Everything that belongs to one server profile: its gateway, its logins and its accounts (with their
 * own keychain service). Switching profiles shuts one runtime down and starts another, so sessions of
 * the sandbox and of Telegram never meet.
 */
export class ProfileRuntime {
  readonly logins: LoginManager;
  readonly accounts: AccountManager;
  private gatewayCache: { key: string; gateway: TelegramGateway } | null = null;
  /** Read from the keychain once, not at every connect; settings drop it when the user changes them. */
  private credentialsCache: Promise<ApiCredentials | null> | null = null;

  constructor(private readonly deps: ProfileRuntimeDeps) {
    const vaultLogger: VaultLogger = {
      warn: (message, fields) => {
        deps.log('warn', `${message} ${JSON.stringify(fields)}`);
      },
    };
    const accountVault = new AccountVault({
      store: deps.secretStore,
      profile: deps.profile,
      logger: vaultLogger,
      ...(deps.vaultServiceBase !== undefined ? { serviceBase: deps.vaultServiceBase } : {}),
    });
    const tokenVault = new FutureTokenVault({
      store: deps.secretStore,
      profile: deps.profile,
      logger: vaultLogger,
      ...(deps.vaultServiceBase !== undefined ? { serviceBase: deps.vaultServiceBase } : {}),
    });
    const gateway = (): Promise<TelegramGateway> => this.gateway();
    this.accounts = new AccountManager({
      store: accountVault,
      futureTokens: tokenVault,
      gateway,
      onChange: deps.onAccountsChanged,
      log: deps.log,
      reconnectDelaysMs: deps.tuning.reconnectDelaysMs,
      sessionCheckMs: deps.tuning.sessionCheckMs,
    });
    this.logins = new LoginManager({
      gateway,
      futureTokens: (phone) => tokenVault.list(phone),
      floodDeadline: deps.floodDeadline,
      recordFloodDeadline: deps.recordFloodDeadline,
      completeLogin: (login, secret) => this.accounts.add(login, secret),
      abandonSession: (secret) => this.accounts.endSession(secret, 'an abandoned login'),
      isSignedIn: (phone) => this.accounts.isSignedIn(phone),
      now: deps.now,
      onChange: deps.onLoginChanged,
      onRemoved: deps.onLoginRemoved,
      log: deps.log,
    });
  }

  get profile(): ServerProfile {
    return this.deps.profile;
  }

  /** Restores the profile's accounts. A locked keychain is reported, not fatal: listing retries it. */
  async start(): Promise<void> {
    try {
      await this.accounts.restoreAll();
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error;
      this.deps.log('warn', `accounts not restored: ${error.error.code}`);
    }
  }

  async shutdown(): Promise<void> {
    await Promise.all([this.logins.shutdown(), this.accounts.shutdown()]);
  }

  /** The user entered new API credentials. */
  credentialsChanged(): void {
    this.credentialsCache = null;
  }

  /** The gateway for the current credentials; remade when they change. */
  private async gateway(): Promise<TelegramGateway> {
    this.credentialsCache ??= this.deps.credentials().catch((error: unknown) => {
      this.credentialsCache = null;
      throw error;
    });
    const stored = await this.credentialsCache;
    const credentials = stored ?? (this.deps.profile.kind === 'sandbox' ? SANDBOX_DEMO_CREDENTIALS : null);
    if (!credentials) throw new AppFailure(appError('API_CREDENTIALS_MISSING'));
    const key = `${credentials.apiId}:${credentials.apiHash}`;
    if (this.gatewayCache?.key === key) return this.gatewayCache.gateway;
    const options = {
      profile: this.deps.profile,
      apiId: credentials.apiId,
      apiHash: credentials.apiHash,
      ...(this.deps.sandbox ? { sandbox: this.deps.sandbox } : {}),
      device: {
        deviceModel: `Switchboard (${type()} ${arch()})`,
        systemVersion: release(),
        appVersion: this.deps.appVersion,
        langCode: 'en',
        systemLangCode: 'en',
      },
      requestTimeoutMs: this.deps.tuning.requestTimeoutMs,
      log: (level: LogLevel, message: string) => {
        this.deps.log(level, `[telegram] ${message}`);
      },
    };
    const workers = this.deps.telegramWorkers;
    const gateway = workers ? createWorkerGateway(workers, options) : createTelegramGateway(options);
    this.gatewayCache = { key, gateway };
    return gateway;
  }
}
