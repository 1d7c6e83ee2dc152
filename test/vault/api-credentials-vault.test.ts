import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ApiCredentialsVault } from '../../main/vault/api-credentials-vault.ts';
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
    expect(await v.getApiHash()).toBeNull();
    await v.setApiHash(HASH);
    expect(await v.getApiHash()).toBe(HASH);
    expect(await store.list(base)).toEqual([{ account: 'api-hash', secret: HASH }]);

    await v.setApiHash(` ${'ABCDEF0123456789'.repeat(2)} `);
    expect(await vault().getApiHash()).toBe('abcdef0123456789'.repeat(2));
  });

  it('refuses anything but 32 hex digits with API_ID_INVALID, keeping the stored hash', async () => {
    const v = vault();
    await v.setApiHash(HASH);
    for (const bad of ['', HASH.slice(1), `${HASH}0`, `${HASH.slice(1)}g`, 'secret words here']) {
      const error: unknown = await v.setApiHash(bad).catch((e: unknown) => e);
      expect(error, bad).toBeInstanceOf(InvalidVaultInput);
      expect((error as InvalidVaultInput).error.code).toBe('API_ID_INVALID');
      expect(JSON.stringify((error as InvalidVaultInput).problems)).not.toContain('secret words');
    }
    expect(await v.getApiHash()).toBe(HASH);
  });

  it('reports a stored value that is not a hash and answers null', async () => {
    await store.set(base, 'api-hash', 'SECRET but not a hash');
    expect(await vault().getApiHash()).toBeNull();
    expect(logger.warnings).toEqual([
      {
        message: 'Ignored an unreadable API hash in the keychain',
        fields: { service: base, account: 'api-hash', problems: ['not 32 hex digits'] },
      },
    ]);
  });
});
