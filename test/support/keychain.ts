import { randomBytes } from 'node:crypto';
import type { ServerProfile } from '../../main/contract/server-profile.ts';
import { IndexedSecretStore } from '../../main/vault/indexed-secret-store.ts';
import { IsolatedKeychain } from '../../main/vault/isolated-keychain.ts';
import { KeychainUnavailable } from '../../main/vault/keychain-failure.ts';
import { KeytarSecretStore, type UnlockProbe } from '../../main/vault/keytar-secret-store.ts';
import { nodeKeychainHost, type NodeKeychainHostOptions } from '../../main/vault/node-keychain-host.ts';
import { accountsService, futureTokensService } from '../../main/vault/service-names.ts';
import type { VaultLogger } from '../../main/vault/vault-logger.ts';

/**
 * Helpers for tests against the real keychain. Every run uses its own service names, so it never reads or
 * deletes anyone else's entries, and deletes what it wrote.
 */
export function testServiceBase(): string {
  return `Switchboard test ${randomBytes(6).toString('hex')}`;
}

export function testProbe(serviceBase: string): UnlockProbe {
  return { service: serviceBase, account: 'keychain-check' };
}

/**
 * The app's keychain stack against the real keychain: the index over a keychain host process (keytar in
 * a child), its unlock probe under the test's own service name.
 */
export function testSecretStore(serviceBase: string, host: NodeKeychainHostOptions = {}): IndexedSecretStore {
  return new IndexedSecretStore(testKeychain(serviceBase, host));
}

/** The keychain host process alone (no index), as main talks to it. */
export function testKeychain(
  serviceBase: string,
  host: NodeKeychainHostOptions = {},
  callTimeoutMs?: number,
): IsolatedKeychain {
  return new IsolatedKeychain({
    launch: nodeKeychainHost(host),
    probe: testProbe(serviceBase),
    ...(callTimeoutMs !== undefined ? { callTimeoutMs } : {}),
  });
}

/** Every service name the vaults derive from `serviceBase`, for these profiles. */
export function servicesOf(serviceBase: string, profiles: readonly ServerProfile[]): string[] {
  return [
    serviceBase,
    ...profiles.flatMap((p) => [accountsService(p, serviceBase), futureTokensService(p, serviceBase)]),
  ];
}

/**
 * Deletes every entry under these services, their index and the unlock probe included, with keytar in this
 * process (the entries are the test's own, all readable). Returns how many were deleted.
 */
export async function deleteServices(serviceBase: string, services: readonly string[]): Promise<number> {
  const store = new KeytarSecretStore({ probe: null });
  let deleted = 0;
  for (const service of services) {
    for (const { account } of await store.findAll(service)) {
      if (await store.delete(service, account)) deleted++;
    }
  }
  const probe = testProbe(serviceBase);
  if (await store.delete(probe.service, probe.account)) deleted++;
  return deleted;
}

/**
 * Asserts that nothing is left under these services, the unlock probe included. Looks without a probe of
 * its own: a probing store would write the probe entry again while checking that it is gone.
 */
export async function remainingEntries(serviceBase: string, services: readonly string[]): Promise<string[]> {
  const bare = new KeytarSecretStore({ probe: null });
  const left: string[] = [];
  for (const service of [...services, serviceBase]) {
    for (const { account } of await bare.findAll(service)) left.push(`${service}/${account}`);
  }
  return left;
}

export interface LoggedWarning {
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A VaultLogger (and SettingsLogger) that remembers what it was told. */
export class RecordingLogger implements VaultLogger {
  readonly warnings: LoggedWarning[] = [];

  warn(message: string, fields: Readonly<Record<string, unknown>>): void {
    this.warnings.push({ message, fields });
  }

  /** Everything logged, as one string, to check that no secret is in it. */
  text(): string {
    return JSON.stringify(this.warnings);
  }
}

/** The KEYCHAIN_UNAVAILABLE a call fails with; any other outcome fails the test. */
export async function keychainFailure(promise: Promise<unknown>): Promise<KeychainUnavailable> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KeychainUnavailable) return error;
    throw error;
  }
  throw new Error('the call did not fail');
}
