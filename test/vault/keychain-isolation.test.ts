import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerProfile } from '../../main/contract/server-profile.ts';
import { AccountVault, type StoredAccount } from '../../main/vault/account-vault.ts';
import { IndexedSecretStore } from '../../main/vault/indexed-secret-store.ts';
import { IsolatedKeychain } from '../../main/vault/isolated-keychain.ts';
import { nodeKeychainHost } from '../../main/vault/node-keychain-host.ts';
import { accountsService } from '../../main/vault/service-names.ts';
import {
  RecordingLogger,
  testKeychain,
  testServiceBase,
  keychainFailure as failure,
} from '../support/keychain.ts';
import { PrivateKeyring } from '../support/private-keyring.ts';
import { realStringSession } from '../support/string-session.ts';

/**
 * The keychain faults that used to kill main, made with a real libsecret keyring (a gnome-keyring daemon
 * of the test's own): keytar's findCredentials dereferences the NULL secret of an item it cannot unlock
 * and dies with SIGSEGV. Each test shows that this now costs only the keychain host process, that main
 * gets KEYCHAIN_UNAVAILABLE, and that the vault names the account it could not read.
 */
const production: ServerProfile = { kind: 'production' };
const ADA = '5000000001';
const BOB = '5000000002';

let keyring: PrivateKeyring;
let base: string;
let logger: RecordingLogger;
const opened: IsolatedKeychain[] = [];

/** The app's stack on the private keyring: the index over a keychain host process. */
function stack(callTimeoutMs?: number): { keychain: IsolatedKeychain; vault: AccountVault } {
  const keychain = testKeychain(base, { env: keyring.env }, callTimeoutMs);
  opened.push(keychain);
  const vault = new AccountVault({
    store: new IndexedSecretStore(keychain),
    profile: production,
    logger,
    serviceBase: base,
  });
  return { keychain, vault };
}

/** A host without the unlock probe: keytar as it is, findCredentials with nothing in front of it. */
function bareKeychain(): IsolatedKeychain {
  const keychain = new IsolatedKeychain({ launch: nodeKeychainHost({ env: keyring.env }), probe: null });
  opened.push(keychain);
  return keychain;
}

async function account(userId: string, firstName: string): Promise<StoredAccount> {
  return {
    userId,
    phone: `+99966${userId.slice(-5)}`,
    firstName,
    lastName: '',
    username: '',
    dcId: 2,
    session: await realStringSession(),
  };
}

beforeEach(async () => {
  keyring = await PrivateKeyring.start();
  base = testServiceBase();
  logger = new RecordingLogger();
});

afterEach(async () => {
  for (const keychain of opened.splice(0)) keychain.close();
  await keyring.close();
});

describe('keychain faults of a real libsecret keyring', () => {
  it('an item in a second, locked collection: listing goes on, the account it cannot read is named', async () => {
    const first = stack();
    await first.vault.save(await account(ADA, 'Ada'));
    await first.vault.save(await account(BOB, 'Bob'));
    await keyring.addLockedCopyOfLogin();

    // keytar's own listing meets the locked copies and dies; only its host goes with it.
    const crash = await failure(bareKeychain().findAll(accountsService(production, base)));
    expect(crash.error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(crash.kind).toBe('crashed');

    const { keychain, vault } = stack();
    expect((await vault.list()).accounts.map((a) => a.firstName)).toEqual(['Ada', 'Bob']);
    // Ada's readable copy goes: her entry is left only in the locked collection.
    expect(await keychain.delete(accountsService(production, base), ADA)).toBe(true);
    const listed = await vault.list();
    expect(listed.accounts.map((a) => a.firstName)).toEqual(['Bob']);
    expect(listed.unreadable).toEqual([{ userId: ADA }]);
    expect(logger.warnings.map((w) => w.fields.account)).toContain(ADA);
  });

  it('items whose secret cannot be loaded (their collection locked): KEYCHAIN_UNAVAILABLE, and nothing is lost', async () => {
    const { vault } = stack();
    await vault.save(await account(ADA, 'Ada'));
    await keyring.lockLogin();

    const crash = await failure(bareKeychain().findAll(accountsService(production, base)));
    expect(crash.kind).toBe('crashed');

    const locked = await failure(stack().vault.list());
    expect(locked.error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(locked.kind).toBe('locked');
    expect(locked.error.message).toMatch(/locked/);

    // Unlocked again (a new session unlocks the login keyring), the account is there.
    await keyring.killDaemon();
    await keyring.startDaemon();
    expect((await stack().vault.list()).accounts.map((a) => a.userId)).toEqual([ADA]);
  });

  it('a daemon that stops answering: timeout, and the next call works once it answers again', async () => {
    const { vault } = stack(1_500);
    await vault.save(await account(ADA, 'Ada'));
    keyring.pause();
    const hung = await failure(vault.list());
    expect(hung.error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(hung.kind).toBe('timeout');
    keyring.resume();
    expect((await vault.list()).accounts.map((a) => a.userId)).toEqual([ADA]);
  });

  it('a daemon that dies during a call: the call fails with KEYCHAIN_UNAVAILABLE, and a new daemon serves the next', async () => {
    const { vault } = stack();
    await vault.save(await account(ADA, 'Ada'));
    keyring.pause();
    const pending = failure(vault.list());
    await delay(200);
    await keyring.killDaemon();
    const died = await pending;
    expect(died.error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(died.kind).not.toBe('timeout');

    const gone = await failure(vault.list());
    expect(gone.kind).toBe('no-service');
    expect(gone.error.message).toMatch(/No system keychain is running/);

    await keyring.startDaemon();
    expect((await vault.list()).accounts.map((a) => a.userId)).toEqual([ADA]);
  });
});
