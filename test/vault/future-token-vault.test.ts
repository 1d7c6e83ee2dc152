import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ServerProfile } from '../../main/contract/server-profile.ts';
import { FutureTokenVault, MAX_TOKENS_PER_PHONE } from '../../main/vault/future-token-vault.ts';
import { KEYCHAIN_ENTRY_MAX_BYTES } from '../../main/vault/keychain-entry-size.ts';
import { InvalidVaultInput } from '../../main/vault/vault-input.ts';
import {
  deleteServices,
  RecordingLogger,
  remainingEntries,
  servicesOf,
  testSecretStore,
  testServiceBase,
} from '../support/keychain.ts';

const base = testServiceBase();
/** A new one after each test's clean-up: the store caches its index, and the clean-up deletes behind it. */
let store = testSecretStore(base);
const production: ServerProfile = { kind: 'production' };
const sandbox: ServerProfile = { kind: 'sandbox' };
const PHONE = '+9996621234';
const OTHER_PHONE = '+9996640001';

let logger = new RecordingLogger();

function vault(profile: ServerProfile = production): FutureTokenVault {
  return new FutureTokenVault({ store, profile, logger, serviceBase: base });
}

/** Distinct tokens whose first byte says which one they are. */
function tokens(count: number, size: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => Buffer.concat([Buffer.from([i]), randomBytes(size - 1)]));
}

afterEach(async () => {
  await deleteServices(base, servicesOf(base, [production, sandbox]));
  store = testSecretStore(base);
  logger = new RecordingLogger();
});

afterAll(async () => {
  expect(await remainingEntries(base, servicesOf(base, [production, sandbox]))).toEqual([]);
});

describe('FutureTokenVault', () => {
  it('keeps tokens per phone, oldest first, in the profile’s own service', async () => {
    const v = vault();
    expect(v.service).toBe(`${base} future auth tokens (production)`);
    const [a, b, c] = tokens(3, 40);
    if (a === undefined || b === undefined || c === undefined) throw new Error('three tokens');
    expect(await v.list(PHONE)).toEqual([]);
    await v.add(PHONE, a);
    await v.add(PHONE, b);
    await v.add(OTHER_PHONE, c);
    expect(await v.list(PHONE)).toEqual([a, b]);
    expect(await v.list(OTHER_PHONE)).toEqual([c]);
    // The same number however it is typed.
    expect(await v.list('+999 66 2 1234')).toEqual([a, b]);
    expect(await vault(sandbox).list(PHONE)).toEqual([]);
  });

  it('keeps at most 20 per phone: the newest, in the order they came', async () => {
    const v = vault();
    const all = tokens(25, 40); // Telegram's future_auth_token is a few tens of bytes
    for (const token of all) await v.add(PHONE, token);

    expect(MAX_TOKENS_PER_PHONE).toBe(20);
    const kept = await v.list(PHONE);
    expect(kept.map((t) => t[0])).toEqual(Array.from({ length: 20 }, (_, i) => i + 5));
    expect(kept).toEqual(all.slice(5));
    // Evicted from the keychain, not just hidden.
    expect(await store.list(v.service)).toHaveLength(20);
  });

  it('fits 20 tokens of 100 bytes: every entry stays far below 2,560 bytes', async () => {
    const v = vault();
    const all = tokens(20, 100);
    for (const token of all) await v.add(PHONE, token);
    expect(await v.list(PHONE)).toEqual(all);
    const entries = await store.list(v.service);
    expect(entries).toHaveLength(20);
    for (const { secret } of entries) {
      if (secret === null) throw new Error('a token entry could not be read');
      expect(Buffer.byteLength(secret, 'utf8')).toBeLessThan(200);
      expect(Buffer.byteLength(secret, 'utf8')).toBeLessThan(KEYCHAIN_ENTRY_MAX_BYTES);
    }
  });

  it('keeps order and the cap under concurrent adds', async () => {
    const v = vault();
    const all = tokens(25, 40);
    await Promise.all(all.map((token) => v.add(PHONE, token)));
    expect(await v.list(PHONE)).toEqual(all.slice(5));
    expect(await store.list(v.service)).toHaveLength(20);
  });

  it('moves a token added again to the newest place instead of keeping it twice', async () => {
    const v = vault();
    const [a, b] = tokens(2, 40);
    if (a === undefined || b === undefined) throw new Error('two tokens');
    await v.add(PHONE, a);
    await v.add(PHONE, b);
    await v.add(PHONE, Buffer.from(a));
    expect(await v.list(PHONE)).toEqual([b, a]);
    expect(await store.list(v.service)).toHaveLength(2);
  });

  it('removes one token, or clears one phone', async () => {
    const v = vault();
    const [a, b, c] = tokens(3, 40);
    if (a === undefined || b === undefined || c === undefined) throw new Error('three tokens');
    await v.add(PHONE, a);
    await v.add(PHONE, b);
    await v.add(OTHER_PHONE, c);

    expect(await v.remove(PHONE, a)).toBe(true);
    expect(await v.remove(PHONE, a)).toBe(false);
    expect(await v.list(PHONE)).toEqual([b]);

    await store.set(v.service, `${PHONE}#99`, 'corrupt');
    expect(await v.clear(PHONE)).toBe(2);
    expect(await v.list(PHONE)).toEqual([]);
    expect(await v.list(OTHER_PHONE)).toEqual([c]);
    expect((await store.list(v.service)).map((e) => e.account)).toEqual([`${OTHER_PHONE}#0`]);
  });

  it('reports and skips unreadable entries, and never reuses their place', async () => {
    const v = vault();
    const [a, b] = tokens(2, 40);
    if (a === undefined || b === undefined) throw new Error('two tokens');
    await v.add(PHONE, a);
    await store.set(v.service, `${PHONE}#1`, '{"v":1,"token":"SECRET not base64"}');
    await store.set(v.service, 'someone else', 'SECRET-X');
    expect(await v.list(PHONE)).toEqual([a]);
    await v.add(PHONE, b);
    expect(await v.list(PHONE)).toEqual([a, b]);
    expect(await store.get(v.service, `${PHONE}#2`)).toBe(
      JSON.stringify({ v: 1, token: b.toString('base64') }),
    );

    const reported = logger.warnings.map((w) => `${String(w.fields.account)}: ${String(w.fields.problems)}`);
    expect(new Set(reported)).toEqual(
      new Set([`${PHONE}#1: token: invalid_format`, 'someone else: entry name is not <phone>#<sequence>']),
    );
    expect(logger.text()).not.toContain('SECRET');
  });

  it('refuses bad phone numbers and tokens with BAD_INPUT, writing nothing', async () => {
    const v = vault();
    await expect(v.add('12', Buffer.from('x'))).rejects.toBeInstanceOf(InvalidVaultInput);
    await expect(v.add(PHONE, Buffer.alloc(0))).rejects.toBeInstanceOf(InvalidVaultInput);
    await expect(v.add(PHONE, Buffer.alloc(1025))).rejects.toBeInstanceOf(InvalidVaultInput);
    await expect(v.list('not a phone')).rejects.toBeInstanceOf(InvalidVaultInput);
    await v.add(PHONE, Buffer.alloc(1024, 7));
    expect(await v.list(PHONE)).toEqual([Buffer.alloc(1024, 7)]);
    expect(await store.list(v.service)).toHaveLength(1);
  });
});
