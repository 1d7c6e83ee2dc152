import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ServerProfile } from '../../main/contract/server-profile.ts';
import {
  credentialScope,
  profileId,
  serverKeyFingerprint,
  TELEGRAM_SCOPE,
} from '../../main/vault/profile-id.ts';

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const SPKI = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const PKCS1 = pair.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const OTHER_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();

/** Lab's two DCs with the given [id, host, port] in place of the defaults. */
const dcs = (
  ...entries: (readonly [number, string, number])[]
): Extract<ServerProfile, { kind: 'custom' }>['dcs'] =>
  entries.map(([id, host, port]) => ({ id, host, port }));

const lab = (changes: Partial<Extract<ServerProfile, { kind: 'custom' }>> = {}): ServerProfile => ({
  kind: 'custom',
  name: 'Lab',
  dcs: [
    { id: 1, host: 'dc1.example.org', port: 443 },
    { id: 2, host: 'dc2.example.org', port: 443 },
  ],
  publicKeyPem: SPKI,
  ...changes,
});

describe('profileId: a custom server is its addresses and its key', () => {
  it('names Telegram, its test DCs and the sandbox by their kind', () => {
    expect(profileId({ kind: 'production' })).toBe('production');
    expect(profileId({ kind: 'test' })).toBe('test');
    expect(profileId({ kind: 'sandbox' })).toBe('sandbox');
  });

  it('is another profile when a host, a port, a DC id or the key changes', () => {
    const ids = [
      lab(),
      lab({ dcs: [{ id: 1, host: 'dc1.example.org', port: 443 }] }),
      lab({ dcs: dcs([1, 'evil.example.org', 443], [2, 'dc2.example.org', 443]) }),
      lab({ dcs: dcs([1, 'dc1.example.org', 444], [2, 'dc2.example.org', 443]) }),
      lab({ dcs: dcs([3, 'dc1.example.org', 443], [2, 'dc2.example.org', 443]) }),
      lab({ publicKeyPem: OTHER_KEY }),
    ].map(profileId);
    for (const id of ids) expect(id).toMatch(/^custom-[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is the same profile after a rename, a reordering of its DCs, a host in capitals or the key in PKCS#1 form', () => {
    const id = profileId(lab());
    expect(profileId(lab({ name: 'Renamed' }))).toBe(id);
    expect(profileId(lab({ dcs: dcs([2, 'dc2.example.org', 443], [1, 'dc1.example.org', 443]) }))).toBe(id);
    expect(profileId(lab({ dcs: dcs([1, 'DC1.Example.org', 443], [2, 'dc2.example.org', 443]) }))).toBe(id);
    expect(profileId(lab({ publicKeyPem: PKCS1 }))).toBe(id);
    expect(serverKeyFingerprint(PKCS1)).toBe(serverKeyFingerprint(SPKI));
    expect(serverKeyFingerprint(SPKI)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives Telegram’s production and test DCs one set of API credentials, every other server its own', () => {
    expect(credentialScope({ kind: 'production' })).toBe(TELEGRAM_SCOPE);
    expect(credentialScope({ kind: 'test' })).toBe(TELEGRAM_SCOPE);
    expect(credentialScope({ kind: 'sandbox' })).toBe('sandbox');
    expect(credentialScope(lab())).toBe(profileId(lab()));
    expect(credentialScope(lab({ publicKeyPem: OTHER_KEY }))).not.toBe(credentialScope(lab()));
  });
});
