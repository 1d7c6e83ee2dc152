import { afterAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../main/contract/errors.ts';
import { KeychainUnavailable } from '../../main/vault/keychain-failure.ts';
import { KeytarSecretStore } from '../../main/vault/keytar-secret-store.ts';
import { deleteServices, remainingEntries, testProbe, testServiceBase } from '../support/keychain.ts';

/** The SecretStore over keytar, against the real keychain (npm test provides an unlocked gnome-keyring). */
const base = testServiceBase();
const service = `${base} store`;
const other = `${base} store other`;
const store = new KeytarSecretStore({ probe: testProbe(base) });

afterAll(async () => {
  await deleteServices(base, [service, other]);
  expect(await remainingEntries(base, [service, other])).toEqual([]);
});

describe('KeytarSecretStore', () => {
  it('stores, replaces, lists and deletes entries', async () => {
    expect(await store.get(service, 'alice')).toBeNull();
    await store.set(service, 'alice', 'secret-1');
    await store.set(service, 'bob', 'secret-2');
    await store.set(service, 'alice', 'secret-1b');
    await store.set(other, 'alice', 'elsewhere');

    expect(await store.get(service, 'alice')).toBe('secret-1b');
    const listed = await store.findAll(service);
    expect(listed.sort((a, b) => a.account.localeCompare(b.account))).toEqual([
      { account: 'alice', secret: 'secret-1b' },
      { account: 'bob', secret: 'secret-2' },
    ]);
    expect(await store.findAll(other)).toEqual([{ account: 'alice', secret: 'elsewhere' }]);

    expect(await store.delete(service, 'alice')).toBe(true);
    expect(await store.delete(service, 'alice')).toBe(false);
    expect(await store.get(service, 'alice')).toBeNull();
    expect(await store.findAll(service)).toEqual([{ account: 'bob', secret: 'secret-2' }]);
  });

  it('keeps non-ASCII secrets and account names exactly', async () => {
    const secret = 'päss wörd ✓ 密码 🔑';
    await store.set(service, 'Zoë', secret);
    expect(await store.get(service, 'Zoë')).toBe(secret);
    expect(await store.delete(service, 'Zoë')).toBe(true);
  });

  it('does not list its unlock probe, though the probe entry exists once a read needed it', async () => {
    const probe = testProbe(base);
    await store.get(service, 'nobody'); // a null answer makes the store check the keychain is unlocked
    expect(await store.findAll(probe.service)).toEqual([]);
    const bare = new KeytarSecretStore({ probe: null });
    expect(await bare.get(probe.service, probe.account)).toBe('unlocked');
  });

  it('refuses empty names and secrets, and NUL characters, before reaching the keychain', async () => {
    await expect(store.set(service, 'x', '')).rejects.toThrow(TypeError);
    await expect(store.set(service, 'x', 'a\0b')).rejects.toThrow(TypeError);
    await expect(store.get('', 'x')).rejects.toThrow(TypeError);
    await expect(store.delete(service, '')).rejects.toThrow(TypeError);
    await expect(store.findAll('a\0b')).rejects.toThrow(TypeError);
    expect(await store.get(service, 'x')).toBeNull();
  });

  it('without the native module, every call fails with KEYCHAIN_UNAVAILABLE (module-missing), not at import', async () => {
    const missing = new KeytarSecretStore({ moduleName: 'keytar-that-does-not-exist', probe: null });
    for (const call of [
      () => missing.get(service, 'a'),
      () => missing.set(service, 'a', 'the-secret-value'),
      () => missing.delete(service, 'a'),
      () => missing.findAll(service),
    ]) {
      const error: unknown = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(KeychainUnavailable);
      expect(error).toBeInstanceOf(AppFailure);
      const failure = error as KeychainUnavailable;
      expect(failure.error.code).toBe('KEYCHAIN_UNAVAILABLE');
      expect(failure.kind).toBe('module-missing');
      expect(failure.error.message).toMatch(/Reinstall Switchboard/);
      expect(failure.reason).toMatch(/Cannot find module 'keytar-that-does-not-exist'/);
      expect(`${failure.message} ${failure.reason}`).not.toContain('the-secret-value');
    }
  });
});
