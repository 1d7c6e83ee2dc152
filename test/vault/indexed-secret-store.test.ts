import { describe, expect, it } from 'vitest';
import { IndexedSecretStore } from '../../main/vault/indexed-secret-store.ts';
import { KEYCHAIN_ENTRY_MAX_BYTES } from '../../main/vault/keychain-entry-size.ts';
import { KeychainUnavailable } from '../../main/vault/keychain-failure.ts';
import type { NativeKeychain } from '../../main/vault/native-keychain.ts';

/**
 * The index logic over an in-memory keychain (a fast unit; the same store runs over the real keychain in
 * every vault and app test). The fake counts findAll calls and can hold entries that cannot be read.
 */
class MemoryKeychain implements NativeKeychain {
  readonly entries = new Map<string, string>();
  readonly unreadable = new Set<string>();
  findAllCalls = 0;
  failNextSet = false;

  get(service: string, account: string): Promise<string | null> {
    const key = `${service}\n${account}`;
    return Promise.resolve(this.unreadable.has(key) ? null : (this.entries.get(key) ?? null));
  }
  set(service: string, account: string, secret: string): Promise<void> {
    if (this.failNextSet && !account.startsWith('~')) {
      this.failNextSet = false;
      return Promise.reject(new KeychainUnavailable('set', 'locked', 'locked for the test'));
    }
    this.entries.set(`${service}\n${account}`, secret);
    return Promise.resolve();
  }
  delete(service: string, account: string): Promise<boolean> {
    return Promise.resolve(this.entries.delete(`${service}\n${account}`));
  }
  findAll(service: string): Promise<{ account: string; secret: string }[]> {
    this.findAllCalls++;
    const found = [...this.entries]
      .filter(([key]) => key.startsWith(`${service}\n`))
      .map(([key, secret]) => ({ account: key.slice(service.length + 1), secret }));
    return Promise.resolve(found);
  }
  accounts(service: string): string[] {
    return [...this.entries.keys()]
      .filter((key) => key.startsWith(`${service}\n`))
      .map((key) => key.slice(service.length + 1))
      .sort();
  }
}

const SERVICE = 'Switchboard unit (sandbox)';

describe('IndexedSecretStore', () => {
  it('lists what it wrote from its index, and never calls findAll once the index exists', async () => {
    const keychain = new MemoryKeychain();
    const store = new IndexedSecretStore(keychain);
    await store.set(SERVICE, 'a', 'secret a');
    await store.set(SERVICE, 'b', 'secret b');
    await store.set(SERVICE, 'a', 'secret a2');
    expect(await store.list(SERVICE)).toEqual([
      { account: 'a', secret: 'secret a2' },
      { account: 'b', secret: 'secret b' },
    ]);
    expect(await store.delete(SERVICE, 'a')).toBe(true);
    expect(await store.names(SERVICE)).toEqual(['b']);
    // A second store (the next start of the app) reads the index from the keychain.
    const again = new IndexedSecretStore(keychain);
    expect(await again.names(SERVICE)).toEqual(['b']);
    expect(keychain.findAllCalls).toBe(1);
  });

  it('builds a missing index once from the entries written before it existed', async () => {
    const keychain = new MemoryKeychain();
    keychain.entries.set(`${SERVICE}\nold1`, 'one');
    keychain.entries.set(`${SERVICE}\nold2`, 'two');
    const store = new IndexedSecretStore(keychain);
    expect(await store.list(SERVICE)).toEqual([
      { account: 'old1', secret: 'one' },
      { account: 'old2', secret: 'two' },
    ]);
    expect(keychain.accounts(SERVICE)).toEqual(['old1', 'old2', '~index.0']);
    await new IndexedSecretStore(keychain).list(SERVICE);
    expect(keychain.findAllCalls).toBe(1);
  });

  it('rebuilds a damaged index instead of trusting it', async () => {
    const keychain = new MemoryKeychain();
    keychain.entries.set(`${SERVICE}\nkept`, 'k');
    keychain.entries.set(`${SERVICE}\n~index.0`, 'not json');
    keychain.entries.set(`${SERVICE}\n~index.1`, '{"v":1,"names":["ghost"]}');
    const store = new IndexedSecretStore(keychain);
    expect(await store.names(SERVICE)).toEqual(['kept']);
    expect(keychain.accounts(SERVICE)).toEqual(['kept', '~index.0']);
  });

  it('splits a long index into entries that each fit the keychain limit', async () => {
    const keychain = new MemoryKeychain();
    const store = new IndexedSecretStore(keychain);
    const names = Array.from(
      { length: 300 },
      (_, i) => `account-${String(i).padStart(5, '0')}-${'x'.repeat(20)}`,
    );
    for (const name of names) await store.set(SERVICE, name, 's');
    const shards = keychain.accounts(SERVICE).filter((account) => account.startsWith('~index.'));
    expect(shards.length).toBeGreaterThan(2);
    for (const shard of shards) {
      const entry = keychain.entries.get(`${SERVICE}\n${shard}`) ?? '';
      expect(Buffer.byteLength(entry)).toBeLessThanOrEqual(KEYCHAIN_ENTRY_MAX_BYTES);
    }
    expect(await new IndexedSecretStore(keychain).names(SERVICE)).toEqual(names);
    for (const name of names.slice(0, 299)) await store.delete(SERVICE, name);
    expect(await new IndexedSecretStore(keychain).names(SERVICE)).toEqual(names.slice(299));
  });

  it('lists an indexed entry it cannot read with a null secret', async () => {
    const keychain = new MemoryKeychain();
    const store = new IndexedSecretStore(keychain);
    await store.set(SERVICE, 'locked', 'x');
    await store.set(SERVICE, 'open', 'y');
    keychain.unreadable.add(`${SERVICE}\nlocked`);
    expect(await store.list(SERVICE)).toEqual([
      { account: 'locked', secret: null },
      { account: 'open', secret: 'y' },
    ]);
  });

  it('takes a name out of the index again when its entry could not be written', async () => {
    const keychain = new MemoryKeychain();
    const store = new IndexedSecretStore(keychain);
    await store.set(SERVICE, 'first', '1');
    keychain.failNextSet = true;
    await expect(store.set(SERVICE, 'second', '2')).rejects.toBeInstanceOf(KeychainUnavailable);
    expect(await store.names(SERVICE)).toEqual(['first']);
    expect(await new IndexedSecretStore(keychain).names(SERVICE)).toEqual(['first']);
  });

  it('refuses account names that would collide with its index entries', () => {
    const store = new IndexedSecretStore(new MemoryKeychain());
    expect(() => store.set(SERVICE, '~index.0', 'x')).toThrow(TypeError);
    expect(() => store.get(SERVICE, '~index.0')).toThrow(TypeError);
    expect(() => store.delete(SERVICE, '~index.0')).toThrow(TypeError);
  });
});
