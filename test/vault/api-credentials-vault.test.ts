import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ApiCredentialsVault } from '../../main/vault/api-credentials-vault.ts';
import { TELEGRAM_SCOPE } from '../../main/vault/profile-id.ts';
import { InvalidVaultInput } from '../../main/vault/vault-input.ts';
import {
  deleteServices,
  RecordingLogger,
  remainingEntries,
  testSecretStore,
  testServiceBase,
} from '../support/keychain.ts';

const base = testServiceBase();
/** A new one after each test's clean-up: the store caches its index, and the clean-up deletes behind it. */
let store = testSecretStore(base);
const HASH = '0123456789abcdef0123456789abcdef';

let logger = new RecordingLogger();
const vault = (): ApiCredentialsVault => new ApiCredentialsVault({ store, logger, serviceBase: base });

afterEach(async () => {
  await deleteServices(base, [base]);
  store = testSecretStore(base);
  logger = new RecordingLogger();
});

afterAll(async () => {
  expect(await remainingEntries(base, [base])).toEqual([]);
});

describe('ApiCredentialsVault', () => {
  it('keeps the API hash in the keychain under the app-wide service', async () => {
    expect(new ApiCredentialsVault({ store, logger }).service).toBe('Switchboard');
    const v = vault();
    expect(v.service).toBe(base);
    expect(await v.getApiHash(TELEGRAM_SCOPE)).toBeNull();
    await v.setApiHash(TELEGRAM_SCOPE, HASH);
    expect(await v.getApiHash(TELEGRAM_SCOPE)).toBe(HASH);
    expect(await store.list(base)).toEqual([{ account: 'api-hash', secret: HASH }]);

    await v.setApiHash(TELEGRAM_SCOPE, ` ${'ABCDEF0123456789'.repeat(2)} `);
    expect(await vault().getApiHash(TELEGRAM_SCOPE)).toBe('abcdef0123456789'.repeat(2));
  });

  it('keeps one hash per credential scope: Telegram’s under its old entry name, every other server’s apart', async () => {
    const v = vault();
    const other = 'fedcba9876543210fedcba9876543210';
    await v.setApiHash(TELEGRAM_SCOPE, HASH);
    await v.setApiHash('custom-0123456789abcdef', other);
    expect(await v.getApiHash(TELEGRAM_SCOPE)).toBe(HASH);
    expect(await v.getApiHash('custom-0123456789abcdef')).toBe(other);
    expect(await v.getApiHash('custom-fedcba9876543210')).toBeNull();
    expect(await v.getApiHash('sandbox')).toBeNull();
    expect((await store.list(base)).map((entry) => entry.account).sort()).toEqual([
      'api-hash',
      'api-hash (custom-0123456789abcdef)',
    ]);
  });

  it('refuses anything but 32 hex digits with API_ID_INVALID, keeping the stored hash', async () => {
    const v = vault();
    await v.setApiHash(TELEGRAM_SCOPE, HASH);
    for (const bad of ['', HASH.slice(1), `${HASH}0`, `${HASH.slice(1)}g`, 'secret words here']) {
      const error: unknown = await v.setApiHash(TELEGRAM_SCOPE, bad).catch((e: unknown) => e);
      expect(error, bad).toBeInstanceOf(InvalidVaultInput);
      expect((error as InvalidVaultInput).error.code).toBe('API_ID_INVALID');
      expect(JSON.stringify((error as InvalidVaultInput).problems)).not.toContain('secret words');
    }
    expect(await v.getApiHash(TELEGRAM_SCOPE)).toBe(HASH);
  });

  it('reports a stored value that is not a hash and answers null', async () => {
    await store.set(base, 'api-hash', 'SECRET but not a hash');
    expect(await vault().getApiHash(TELEGRAM_SCOPE)).toBeNull();
    expect(logger.warnings).toEqual([
      {
        message: 'Ignored an unreadable API hash in the keychain',
        fields: { service: base, account: 'api-hash', problems: ['not 32 hex digits'] },
      },
    ]);
  });
});
