import { join } from 'node:path';
import type { AccountSummary } from '../contract/account.ts';
import { AppFailure, appError } from '../contract/errors.ts';
import type { LoginCard } from '../contract/login-state.ts';
import type { ServerProfile } from '../contract/server-profile.ts';
import { isAllowedExternalUrl } from '../electron/external-url-policy.ts';
import type { EventChannel } from '../contract/channels.ts';
import { events, type EventPayload, type SettingsView } from '../contract/ipc-contract.ts';
import { createDispatcher, type IpcHandlers } from '../ipc/dispatcher.ts';
import { nameServerIn, serverNameOf } from '../contract/server-name.ts';
import { serverKeyProblem } from '../settings/server-key-check.ts';
import type { EventSink, IpcDispatcher } from '../contract/transport-types.ts';
import { FloodDeadlines } from '../settings/flood-deadlines.ts';
import { SettingsStore } from '../settings/settings-store.ts';
import { ApiCredentialsVault } from '../vault/api-credentials-vault.ts';
import type { TelegramWorkerPool } from '../telegram/worker/worker-pool.ts';
import type { SecretStore } from '../vault/secret-store.ts';
import { ProfileRuntime, type SandboxEndpoint } from './profile-runtime.ts';
import type { RunningSandbox } from './demo-sandbox.ts';
import { startDemoSandboxProcess } from './demo-sandbox-process.ts';
import { nodeDemoSandboxHost } from './node-demo-sandbox-host.ts';
import { serverToConfirm, type ServerConfirmer } from './server-confirmation.ts';
import { credentialScope, profileId, TELEGRAM_SCOPE } from '../vault/profile-id.ts';
import { MAX_CONFIRMED_SERVERS, type Settings } from '../settings/settings-schema.ts';
import type { Logger } from '../logging/log.ts';
import { resolveTuning, type Tuning } from './tuning.ts';

/** Everything the main process runs besides Electron itself, built the same way by Electron, tests and the browser harness. */
export interface AppServices {
  readonly dispatcher: IpcDispatcher;
  /** Where events go; until set, events are dropped. */
  setEventSink(sink: EventSink | undefined): void;
  /** Restores stored accounts and starts what needs running (the sandbox in demo mode). */
  start(): Promise<void>;
  /** Destroys every client and stops the sandbox. */
  shutdown(): Promise<void>;
  /** The user's "Check for updates automatically" setting, as saved. */
  autoUpdateEnabled(): boolean;
}

export interface AppServicesOptions {
  /** Electron's userData folder (settings.json lives there; never a secret). */
  readonly userDataDir: string;
  readonly secretStore: SecretStore;
  readonly appVersion: string;
  /** Origins whose top-level frame may call IPC, e.g. APP_ORIGIN, or the dev server's in development. */
  readonly trustedOrigins: readonly string[];
  readonly log: Logger;
  /**
   * Opens an allowlisted https link in the user's browser (Electron's shell, behind its wrapper). Absent
   * (the browser harness): the page is told to open the allowed link in a new tab itself.
   */
  readonly openExternal?: (url: string) => Promise<void>;
  /** The folder the log file is written to (openAppLog), if any: Settings shows it. */
  readonly logFolder?: string;
  /** Shows a folder in the system's file manager (Electron's shell); absent: the page shows the path. */
  readonly showFolder?: (path: string) => Promise<void>;
  /**
   * A sandbox DC to use for the sandbox profile instead of starting the demo one
   * (tests and the browser harness bring their own, with their clock and faults).
   */
  readonly sandbox?: SandboxEndpoint;
  /**
   * Starts the demo sandbox, in a process of its own, when the user picks the sandbox profile and no
   * `sandbox` was given; default a Node child process (the app passes its utility process).
   */
  readonly startDemoSandbox?: (dataDir: string) => Promise<RunningSandbox>;
  /** Timing overrides (tests and benchmarks); the app runs on the defaults (tuning.ts). */
  readonly tuning?: Partial<Tuning>;
  /** Keychain service prefix; tests use their own so they never touch the user's entries. */
  readonly vaultServiceBase?: string;
  /**
   * Worker threads for the GramJS clients (the app always has them: see worker-pool.ts); without, the
   * clients run on the main thread. The caller closes the pool after shutdown().
   */
  readonly telegramWorkers?: TelegramWorkerPool;
  readonly now?: () => number;
  /**
   * Asks the user, outside the page, whether to use a custom server not confirmed before (a native dialog
   * in Electron, a code from the terminal in the browser harness). Absent: custom servers are refused.
   */
  readonly confirmServer?: ServerConfirmer;
  /** Told after the user changed "Check for updates automatically" (the new value is saved already). */
  readonly onAutoUpdateChanged?: (enabled: boolean) => void;
}

/**
 * The composition root of the main process: settings, keychain vaults, the Telegram gateway of the current
 * server profile, logins and accounts, behind the IPC dispatcher.
 */
export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const now = options.now ?? Date.now;
  const tuning = resolveTuning(options.tuning);
  const settings = await SettingsStore.open(join(options.userDataDir, 'settings.json'), {
    warn: (message) => {
      options.log('warn', message);
    },
  });
  const floods = new FloodDeadlines(settings);
  const credentialsVault = new ApiCredentialsVault({
    store: options.secretStore,
    logger: {
      warn: (message, fields) => {
        options.log('warn', `${message} ${JSON.stringify(fields)}`);
      },
    },
    ...(options.vaultServiceBase !== undefined ? { serviceBase: options.vaultServiceBase } : {}),
  });
  let sink: EventSink | undefined;
  const serverName = (): string => serverNameOf(settings.get().serverProfile);
  const emit = <E extends EventChannel>(channel: E, payload: EventPayload<E>): void => {
    // Events are checked against the contract like answers: nothing outside their shape leaves main.
    const checked = events[channel].safeParse(payload);
    if (!checked.success) {
      options.log('error', `event ${channel} does not match the contract; not sent`);
      return;
    }
    sink?.(channel, nameServerIn(checked.data, serverName()));
  };

  let demoSandbox: RunningSandbox | null = null;
  const startInNodeChild = (dataDir: string): Promise<RunningSandbox> =>
    startDemoSandboxProcess({ launch: nodeDemoSandboxHost(), dataDir, log: options.log });
  let runtime: ProfileRuntime | null = null;

  const makeRuntime = async (profile: ServerProfile): Promise<ProfileRuntime> => {
    let sandbox: SandboxEndpoint | null = null;
    if (profile.kind === 'sandbox') {
      if (options.sandbox) sandbox = options.sandbox;
      else {
        demoSandbox ??= await (options.startDemoSandbox ?? startInNodeChild)(options.userDataDir);
        sandbox = demoSandbox;
      }
    }
    return new ProfileRuntime({
      profile,
      secretStore: options.secretStore,
      credentials: async () => {
        const apiId = apiIdOf(settings.get(), profile);
        if (apiId === null) return null;
        const apiHash = await credentialsVault.getApiHash(credentialScope(profile));
        return apiHash === null ? null : { apiId, apiHash };
      },
      sandbox,
      appVersion: options.appVersion,
      floodDeadline: (phone) => floods.get(phone, now()),
      recordFloodDeadline: (phone, retryAt) => floods.set(phone, retryAt),
      now,
      onLoginChanged: (card: LoginCard) => {
        emit('login:changed', card);
      },
      onLoginRemoved: (loginId) => {
        emit('login:removed', { loginId });
      },
      onAccountsChanged: (accounts: AccountSummary[]) => {
        emit('accounts:changed', accounts);
      },
      log: options.log,
      tuning,
      ...(options.vaultServiceBase !== undefined ? { vaultServiceBase: options.vaultServiceBase } : {}),
      ...(options.telegramWorkers ? { telegramWorkers: options.telegramWorkers } : {}),
    });
  };

  // Profile switches run one at a time; requests meanwhile wait for the new runtime instead of failing.
  let switching: Promise<void> = Promise.resolve();
  const current = async (): Promise<ProfileRuntime> => {
    await switching;
    if (!runtime) throw new AppFailure(appError('INTERNAL'));
    return runtime;
  };

  const logFolder = options.logFolder ?? null;
  const settingsView = async (): Promise<SettingsView> => {
    const saved = settings.get();
    const { serverProfile, autoUpdate } = saved;
    const apiId = apiIdOf(saved, serverProfile);
    try {
      const hasApiHash = (await credentialsVault.getApiHash(credentialScope(serverProfile))) !== null;
      return { apiId, hasApiHash, serverProfile, keychainError: null, autoUpdate, logFolder };
    } catch (error) {
      // Settings must still open with a locked keychain, to say so and to switch to the sandbox.
      if (!(error instanceof AppFailure)) throw error;
      return { apiId, hasApiHash: false, serverProfile, keychainError: error.error, autoUpdate, logFolder };
    }
  };

  const switchProfile = (profile: ServerProfile): Promise<void> => {
    const next = switching.then(async () => {
      // The same profile as now: nothing to do. The same custom server with another key or other DCs
      // is another server (profile-id.ts), with keychain entries of its own.
      if (runtime && sameProfile(runtime.profile, profile)) return;
      const previous = runtime;
      runtime = null;
      if (previous) await previous.shutdown();
      if (profile.kind !== 'sandbox' && demoSandbox) {
        await demoSandbox.close();
        demoSandbox = null;
      }
      runtime = await makeRuntime(profile);
      emit('accounts:changed', []);
      await runtime.start();
    });
    switching = next.catch(() => undefined);
    return next;
  };

  /** Resolves once the user confirmed `profile` outside the page, now or before; otherwise fails saying what to do. */
  const confirmCustomServer = async (
    profile: Extract<ServerProfile, { kind: 'custom' }>,
    code: string | undefined,
  ): Promise<void> => {
    const id = profileId(profile);
    if (settings.get().confirmedServers.includes(id)) return;
    const outcome = options.confirmServer
      ? await options.confirmServer.confirm(serverToConfirm(profile), code)
      : 'declined';
    switch (outcome) {
      case 'confirmed':
        await settings.update((s) => ({
          ...s,
          confirmedServers: [...s.confirmedServers.filter((known) => known !== id), id].slice(
            -MAX_CONFIRMED_SERVERS,
          ),
        }));
        options.log('info', `custom server ${id} confirmed by the user`);
        return;
      case 'declined':
        throw new AppFailure(appError('SERVER_NOT_CONFIRMED'));
      case 'code-needed':
        throw new AppFailure(appError('SERVER_CONFIRMATION_CODE_NEEDED'));
      case 'code-wrong':
        throw new AppFailure(appError('SERVER_CONFIRMATION_CODE_WRONG'));
    }
  };

  const handlers: IpcHandlers = {
    'settings:get': () => settingsView(),
    'settings:setApiCredentials': async ({ apiId, apiHash }) => {
      // For the server in use: Telegram's hash never goes to a custom server, nor one server's to another.
      const active = await current();
      const scope = credentialScope(active.profile);
      await credentialsVault.setApiHash(scope, apiHash.toLowerCase());
      await settings.update((s) =>
        scope === TELEGRAM_SCOPE
          ? { ...s, apiId }
          : { ...s, serverApiIds: { ...s.serverApiIds, [scope]: apiId } },
      );
      active.credentialsChanged();
      return settingsView();
    },
    'settings:setServerProfile': async ({ profile, confirmationCode }) => {
      // A key the handshake could never use is refused now, saying why, not at the first login.
      const keyProblem = profile.kind === 'custom' ? serverKeyProblem(profile.publicKeyPem) : null;
      if (keyProblem !== null) throw new AppFailure(appError(keyProblem));
      if (profile.kind === 'custom') await confirmCustomServer(profile, confirmationCode);
      await settings.update((s) => ({ ...s, serverProfile: profile }));
      await switchProfile(profile);
      return settingsView();
    },
    'settings:setAutoUpdate': async ({ enabled }) => {
      await settings.update((s) => ({ ...s, autoUpdate: enabled }));
      options.onAutoUpdateChanged?.(enabled);
      return settingsView();
    },
    'login:start': async ({ phone }) => (await current()).logins.start(phone),
    'login:list': async () => (await current()).logins.list(),
    'login:perform': async ({ loginId, request }) => (await current()).logins.perform(loginId, request),
    'login:dismiss': async ({ loginId }) => {
      await (await current()).logins.dismiss(loginId);
      return { removed: true as const };
    },
    'accounts:list': async () => (await current()).accounts.listRestored(),
    'accounts:logOut': async ({ accountId }) => {
      await (await current()).accounts.logOut(accountId);
      return { loggedOut: true as const };
    },
    'accounts:reconnect': async ({ accountId }) => (await current()).accounts.reconnect(accountId),
    'app:openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) throw new AppFailure(appError('URL_NOT_ALLOWED'));
      if (!options.openExternal) return { by: 'page' as const, url };
      await options.openExternal(url);
      return { by: 'system' as const };
    },
    'app:openLogFolder': async () => {
      if (logFolder === null) throw new AppFailure(appError('NOT_FOUND'));
      if (!options.showFolder) return { by: 'page' as const, path: logFolder };
      await options.showFolder(logFolder);
      return { by: 'system' as const };
    },
  };

  const checked = createDispatcher(handlers, {
    trustedOrigins: options.trustedOrigins,
    log: (level, message) => {
      options.log(level, message);
    },
  });
  // Answers leave main here, events in emit(): both with their errors worded for the current server.
  const dispatcher: IpcDispatcher = {
    channels: checked.channels,
    dispatch: async (channel, payload, sender) =>
      nameServerIn(await checked.dispatch(channel, payload, sender), serverName()),
  };

  return {
    dispatcher,
    setEventSink: (next) => {
      sink = next;
    },
    start: () => switchProfile(settings.get().serverProfile),
    autoUpdateEnabled: () => settings.get().autoUpdate,
    shutdown: async () => {
      await switching;
      const last = runtime;
      runtime = null;
      if (last) await last.shutdown();
      if (demoSandbox) await demoSandbox.close();
      demoSandbox = null;
    },
  };
}

/** The API ID saved for a profile's credential scope (profile-id.ts), or null. */
function apiIdOf(saved: Settings, profile: ServerProfile): number | null {
  const scope = credentialScope(profile);
  return scope === TELEGRAM_SCOPE ? saved.apiId : (saved.serverApiIds[scope] ?? null);
}

function sameProfile(a: ServerProfile, b: ServerProfile): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
