import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProfile } from '../../main/contract/server-profile.ts';
import { AccountVault, type StoredAccount } from '../../main/vault/account-vault.ts';
import { KEYCHAIN_ENTRY_MAX_BYTES, KeychainEntryTooLarge } from '../../main/vault/keychain-entry-size.ts';
import { InvalidVaultInput } from '../../main/vault/vault-input.ts';
import {
  deleteServices,
  RecordingLogger,
  remainingEntries,
  servicesOf,
  testSecretStore,
  testServiceBase,
} from '../support/keychain.ts';
import { realStringSession } from '../support/string-session.ts';

const base = testServiceBase();
/** A new one after each test's clean-up: the store caches its index, and the clean-up deletes behind it. */
let store = testSecretStore(base);
const production: ServerProfile = { kind: 'production' };
const sandbox: ServerProfile = { kind: 'sandbox' };
const custom: ServerProfile = {
  kind: 'custom',
  name: 'Foo',
  dcs: [{ id: 1, host: 'mtproto.example.org', port: 443 }],
  publicKeyPem: '-----BEGIN RSA PUBLIC KEY-----\nMIIB\n-----END RSA PUBLIC KEY-----',
};
const profiles = [production, sandbox, custom, { kind: 'test' } as const];

let logger: RecordingLogger;
let session: string;

function vault(profile: ServerProfile): AccountVault {
  return new AccountVault({ store, profile, logger, serviceBase: base });
}

function account(overrides: Partial<StoredAccount> = {}): StoredAccount {
  return {
    userId: '5000000001',
    phone: '+9996621234',
    firstName: 'Ada',
    lastName: 'Lovelace',
    username: 'ada',
    dcId: 2,
    session,
    ...overrides,
  };
}

beforeAll(async () => {
  session = await realStringSession();
});

afterEach(async () => {
  await deleteServices(base, servicesOf(base, profiles));
  store = testSecretStore(base);
});

afterAll(async () => {
  expect(await remainingEntries(base, servicesOf(base, profiles))).toEqual([]);
});

describe('AccountVault', () => {
  it('uses one service name per server profile', () => {
    logger = new RecordingLogger();
    expect(vault(production).service).toBe(`${base} (production)`);
    expect(vault(sandbox).service).toBe(`${base} (sandbox)`);
    expect(vault(custom).service).toMatch(/ \(custom-[0-9a-f]{16}\)$/);
    expect(new AccountVault({ store, profile: production, logger }).service).toBe('Switchboard (production)');
  });

  it('saves, reads, lists, replaces and removes accounts, one keychain entry each', async () => {
    logger = new RecordingLogger();
    const accounts = vault(production);
    expect(session).toHaveLength(369);
    expect(await accounts.list()).toEqual({ accounts: [], unreadable: [] });
    expect(await accounts.get('5000000001')).toBeNull();

    const ada = account();
    const grace = account({ userId: '42', firstName: 'Grace', lastName: '', username: null, dcId: 4 });
    await accounts.save(ada);
    await accounts.save(grace);
    expect(await accounts.get('5000000001')).toEqual(ada);
    // Ordered by user id as a number, not as text.
    expect((await accounts.list()).accounts).toEqual([grace, ada]);

    // Exactly the documented entry, under the user id.
    const raw = await store.get(accounts.service, '5000000001');
    expect(raw).not.toBeNull();
    expect(JSON.parse(raw ?? '')).toEqual({
      v: 1,
      session,
      dcId: 2,
      userId: '5000000001',
      phone: '+9996621234',
      firstName: 'Ada',
      lastName: 'Lovelace',
      username: 'ada',
    });
    expect((await store.list(accounts.service)).map((e) => e.account).sort()).toEqual(['42', '5000000001']);

    const renamed = account({ firstName: 'Augusta', username: null });
    await accounts.save(renamed);
    expect(await accounts.get('5000000001')).toEqual(renamed);
    expect((await accounts.list()).accounts).toHaveLength(2);

    expect(await accounts.remove('5000000001')).toBe(true);
    expect(await accounts.remove('5000000001')).toBe(false);
    expect(await accounts.get('5000000001')).toBeNull();
    expect((await accounts.list()).accounts).toEqual([grace]);
    expect(logger.warnings).toEqual([]);
  });

  it('keeps server profiles apart: the same user id in two profiles is two accounts', async () => {
    logger = new RecordingLogger();
    const sandboxSession = await realStringSession(2, '127.0.0.1');
    await vault(production).save(account());
    await vault(sandbox).save(account({ session: sandboxSession, firstName: 'Sandbox Ada' }));
    await vault(custom).save(account({ userId: '7', firstName: 'Custom' }));

    expect((await vault(production).list()).accounts).toEqual([account()]);
    expect((await vault(sandbox).get('5000000001'))?.session).toBe(sandboxSession);
    expect((await vault(custom).list()).accounts.map((a) => a.firstName)).toEqual(['Custom']);
    expect(await vault({ kind: 'test' }).list()).toEqual({ accounts: [], unreadable: [] });

    expect(await vault(sandbox).remove('5000000001')).toBe(true);
    expect(await vault(production).get('5000000001')).toEqual(account());
  });

  it('lists corrupt entries named like an account as unreadable, logs all, without their content', async () => {
    logger = new RecordingLogger();
    const accounts = vault(production);
    await accounts.save(account());
    const bad: Record<string, string> = {
      '100': 'not json at all SECRET-A',
      '101': JSON.stringify({ ...JSON.parse(JSON.stringify(account({ userId: '101' }))), v: 2 }),
      '102': JSON.stringify({ v: 1, ...account({ userId: '102' }), apiHash: 'SECRET-B' }),
      '103': JSON.stringify({ v: 1, ...account({ userId: '999' }) }),
      '104': JSON.stringify({ v: 1, ...account({ userId: '104', dcId: 0 }) }),
      'not-a-user-id': JSON.stringify({ v: 1, ...account() }),
      '105': JSON.stringify(['SECRET-C']),
    };
    for (const [name, secret] of Object.entries(bad)) await store.set(accounts.service, name, secret);

    expect(await accounts.list()).toEqual({
      accounts: [account()],
      unreadable: ['100', '101', '102', '103', '104', '105'].map((userId) => ({ userId })),
    });
    const reported = logger.warnings.map((w) => [w.fields.account, w.fields.problems]);
    expect(reported.sort()).toEqual(
      [
        ['100', ['not JSON']],
        ['101', ['v: invalid_value']],
        ['102', ['(value): unrecognized_keys apiHash']],
        ['103', ['userId differs from entry name']],
        ['104', ['dcId: too_small']],
        ['105', ['(value): invalid_type']],
        ['not-a-user-id', ['userId differs from entry name']],
      ].sort(),
    );
    expect(logger.warnings[0]?.fields.service).toBe(accounts.service);
    expect(logger.text()).not.toMatch(/SECRET-|1AgAOMTQ5/);

    logger = new RecordingLogger();
    expect(await vault(production).get('102')).toBeNull();
    expect(logger.warnings).toHaveLength(1);
  });

  it('keeps entries well under the 2,560-byte Windows limit, and refuses one over it before writing', async () => {
    logger = new RecordingLogger();
    const accounts = vault(production);
    // The largest realistic account: a 369-char session, 64-char names in 3-byte UTF-8, a 32-char username.
    const largest = account({
      firstName: '名'.repeat(64),
      lastName: '姓'.repeat(64),
      username: 'u'.repeat(32),
      phone: '+123456789012345',
    });
    await accounts.save(largest);
    const raw = (await store.get(accounts.service, largest.userId)) ?? '';
    expect(Buffer.byteLength(raw, 'utf8')).toBeLessThan(1024);
    expect(Buffer.byteLength(raw, 'utf8')).toBeGreaterThan(369 + 2 * 192);

    // Names of control characters are escaped to 6 bytes each in JSON: valid fields, too large an entry.
    const huge = account({
      userId: '9',
      session: 'A'.repeat(1024),
      firstName: '\u0001'.repeat(128),
      lastName: '\u0002'.repeat(128),
    });
    const error: unknown = await accounts.save(huge).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeychainEntryTooLarge);
    expect((error as KeychainEntryTooLarge).bytes).toBeGreaterThan(KEYCHAIN_ENTRY_MAX_BYTES);
    expect((error as KeychainEntryTooLarge).error.code).toBe('INTERNAL');
    expect(await accounts.get('9')).toBeNull();
  });

  it('refuses invalid accounts and user ids with BAD_INPUT, naming fields but not values', async () => {
    logger = new RecordingLogger();
    const accounts = vault(production);
    const error: unknown = await accounts
      .save(account({ userId: 'abc', session: '' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidVaultInput);
    expect((error as InvalidVaultInput).error.code).toBe('BAD_INPUT');
    expect((error as InvalidVaultInput).problems).toEqual(['userId: invalid_format', 'session: too_small']);
    await expect(accounts.get('12 34')).rejects.toBeInstanceOf(InvalidVaultInput);
    await expect(accounts.remove('')).rejects.toBeInstanceOf(InvalidVaultInput);
    expect(await store.list(accounts.service)).toEqual([]);
  });
});
