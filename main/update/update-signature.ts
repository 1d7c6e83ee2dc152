import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * Linux updates carry no OS-checked code signature, and electron-updater only compares the download with a
 * sha512 taken from the same release, so whoever can change the release can change both. A Linux update is
 * therefore installed only with an Ed25519 signature, made at release time by a key whose public half the
 * app ships, over a statement that names the version and the file's sha512 (a signed older file cannot be
 * replayed as a newer version). The release writes the signature next to the file as `<file>.sig`.
 */
export const SIGNATURE_SUFFIX = '.sig';

export interface SignedUpdate {
  readonly version: string;
  /** The file's sha512, base64 (the form electron-updater's metadata uses). */
  readonly sha512: string;
}

export type SignatureCheck =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason:
        | 'no public key shipped'
        | 'the shipped key is not Ed25519'
        | 'the signature is malformed'
        | 'the signature does not match';
    };

/** The exact bytes that are signed; a format change needs a new first line. */
export function updateStatement(update: SignedUpdate): Buffer {
  return Buffer.from(`switchboard-update-v1\n${update.version}\n${update.sha512}\n`, 'utf8');
}

export function signUpdate(update: SignedUpdate, privateKeyPem: string): string {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the update signing key must be Ed25519');
  return sign(null, updateStatement(update), key).toString('base64');
}

/** The public half of a signing key, as PEM: what the app ships. */
export function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
}

/** Whether the build ships a public key at all (an absent or empty file is none). */
export function shipsKey(publicKeyPem: string | undefined): publicKeyPem is string {
  return publicKeyPem !== undefined && publicKeyPem.trim() !== '';
}

export function checkUpdateSignature(
  update: SignedUpdate,
  signatureText: string,
  publicKeyPem: string | undefined,
): SignatureCheck {
  if (!shipsKey(publicKeyPem)) return { ok: false, reason: 'no public key shipped' };
  let key: KeyObject;
  try {
    key = createPublicKey(publicKeyPem);
  } catch {
    return { ok: false, reason: 'the shipped key is not Ed25519' };
  }
  if (key.asymmetricKeyType !== 'ed25519') return { ok: false, reason: 'the shipped key is not Ed25519' };
  const trimmed = signatureText.trim();
  const signature = Buffer.from(trimmed, 'base64');
  // An Ed25519 signature is 64 bytes; base64 that does not round-trip is not one.
  if (signature.length !== 64 || signature.toString('base64') !== trimmed)
    return { ok: false, reason: 'the signature is malformed' };
  return verify(null, updateStatement(update), key, signature)
    ? { ok: true }
    : { ok: false, reason: 'the signature does not match' };
}

/** sha512 of a file, base64, read as a stream (an AppImage is over 100 MB). */
export async function sha512OfFile(path: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}
