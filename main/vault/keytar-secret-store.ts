import { createRequire } from 'node:module';
import type * as Keytar from 'keytar';
import { keychainUnavailable } from './keychain-failure.ts';
import { checkKeychainName as checkName, checkKeychainSecret } from './keychain-names.ts';
import type { NativeKeychain } from './native-keychain.ts';

type KeytarModule = Pick<typeof Keytar, 'getPassword' | 'setPassword' | 'deletePassword' | 'findCredentials'>;

/** An entry that exists only to tell a locked Linux keychain from an empty one (see assertUnlocked). */
export interface UnlockProbe {
  readonly service: string;
  readonly account: string;
}

export interface KeytarSecretStoreOptions {
  /** The native module to load; only tests change it (to a missing one). */
  readonly moduleName?: string;
  /** Linux: where the unlock probe lives. null turns the check off (other platforms need none). */
  readonly probe?: UnlockProbe | null;
}

export const DEFAULT_UNLOCK_PROBE: UnlockProbe = { service: 'Switchboard', account: 'keychain-check' };
const PROBE_VALUE = 'unlocked';

/**
 * The keychain through keytar (libsecret, Keychain Services, Credential Manager). Loaded only in the keychain
 * host process (keychain-host.ts): a crash in keytar costs that process, never main.
 *
 * keytar is required on first use, not imported: a machine without the native module or without a keychain
 * gets KEYCHAIN_UNAVAILABLE from the call, not a crash when main starts. There is no fallback of any kind.
 *
 * On Linux a locked collection does not fail reads: getPassword answers null, deletePassword false, and
 * findCredentials dereferences the NULL secret of a locked item and kills the process (SIGSEGV, keytar
 * 7.9.0 keytar_posix.cc; so does an item whose secret is not text, in any collection). So before
 * findAll, and before trusting a null/false answer, the store proves the default collection is unlocked
 * by reading (or, the first time, writing) a non-secret probe entry; only a write fails in a locked
 * collection. An item in a second, locked collection still crashes findAll: hence the host process, and
 * findAll only to build a missing index (indexed-secret-store.ts).
 */
export class KeytarSecretStore implements NativeKeychain {
  private readonly moduleName: string;
  private readonly probe: UnlockProbe | null;
  private keytar: KeytarModule | undefined;

  constructor(options: KeytarSecretStoreOptions = {}) {
    this.moduleName = options.moduleName ?? 'keytar';
    this.probe = options.probe === undefined ? defaultProbe() : options.probe;
  }

  async get(service: string, account: string): Promise<string | null> {
    checkName('service', service);
    checkName('account', account);
    const secret = await this.call('get', [], (k) => k.getPassword(service, account));
    if (secret === null) await this.assertUnlocked();
    return secret;
  }

  async set(service: string, account: string, secret: string): Promise<void> {
    checkName('service', service);
    checkName('account', account);
    checkKeychainSecret(secret);
    await this.call('set', [secret], (k) => k.setPassword(service, account, secret));
  }

  async delete(service: string, account: string): Promise<boolean> {
    checkName('service', service);
    checkName('account', account);
    const deleted = await this.call('delete', [], (k) => k.deletePassword(service, account));
    if (!deleted) await this.assertUnlocked();
    return deleted;
  }

  async findAll(service: string): Promise<{ account: string; secret: string }[]> {
    checkName('service', service);
    await this.assertUnlocked();
    const found = await this.call('list', [], (k) => k.findCredentials(service));
    return found
      .filter(({ account }) => !(service === this.probe?.service && account === this.probe.account))
      .map(({ account, password }) => ({ account, secret: password }));
  }

  /** Throws KEYCHAIN_UNAVAILABLE (kind 'locked' on Linux) unless the default collection is unlocked. */
  private async assertUnlocked(): Promise<void> {
    const probe = this.probe;
    if (probe === null) return;
    const value = await this.call('check', [], (k) => k.getPassword(probe.service, probe.account));
    if (value === PROBE_VALUE) return;
    await this.call('check', [], (k) => k.setPassword(probe.service, probe.account, PROBE_VALUE));
  }

  private async call<T>(
    operation: string,
    secrets: readonly string[],
    run: (keytar: KeytarModule) => Promise<T>,
  ): Promise<T> {
    const keytar = this.load();
    try {
      return await run(keytar);
    } catch (error) {
      throw keychainUnavailable(operation, error, secrets);
    }
  }

  private load(): KeytarModule {
    if (this.keytar !== undefined) return this.keytar;
    try {
      this.keytar = createRequire(import.meta.url)(this.moduleName) as KeytarModule;
      return this.keytar;
    } catch (error) {
      throw keychainUnavailable('load', error, [], 'module-missing');
    }
  }
}

function defaultProbe(): UnlockProbe | null {
  return process.platform === 'linux' ? DEFAULT_UNLOCK_PROBE : null;
}
