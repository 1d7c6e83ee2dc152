import { createHash, createPublicKey } from 'node:crypto';
import type { ServerProfile } from '../contract/server-profile.ts';

type CustomProfile = Extract<ServerProfile, { kind: 'custom' }>;

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * SHA-256 of the key's DER SubjectPublicKeyInfo: a PKCS#1 and an SPKI PEM of one key are one key. A key
 * that cannot be read (an old settings file; saving refuses it) is fingerprinted by its text instead.
 */
export function serverKeyFingerprint(publicKeyPem: string): string {
  try {
    return sha256(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' }));
  } catch {
    return sha256(publicKeyPem.replace(/\s+/g, ''));
  }
}

/**
 * A stable, keychain-safe name for a profile, naming its keychain services. A custom server is who it
 * is by its addresses and its key, not by the name the user gave it: an edit of either is another
 * server, so it never inherits the sessions and future auth tokens of the one it replaced; a rename
 * alone keeps them.
 */
export function profileId(profile: ServerProfile): string {
  switch (profile.kind) {
    case 'production':
    case 'test':
    case 'sandbox':
      return profile.kind;
    case 'custom':
      return `custom-${customServerDigest(profile).slice(0, 16)}`;
  }
}

export const CUSTOM_PROFILE_ID_PATTERN = /^custom-[0-9a-f]{16}$/;

function customServerDigest(profile: CustomProfile): string {
  const dcs = profile.dcs.map((dc) => `${String(dc.id)}@${dc.host.toLowerCase()}:${String(dc.port)}`).sort();
  return sha256(JSON.stringify({ dcs, key: serverKeyFingerprint(profile.publicKeyPem) }));
}

/**
 * Whose API credentials a profile uses: Telegram's (my.telegram.org's, valid on its production and test
 * DCs alike), the sandbox's, or one custom server's. The API hash of one never reaches another.
 */
export function credentialScope(profile: ServerProfile): string {
  switch (profile.kind) {
    case 'production':
    case 'test':
      return TELEGRAM_SCOPE;
    case 'sandbox':
    case 'custom':
      return profileId(profile);
  }
}

export const TELEGRAM_SCOPE = 'telegram';
