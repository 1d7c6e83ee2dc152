import { createPublicKey, type webcrypto } from 'node:crypto';
import type { ErrorCode } from '../contract/errors.ts';

/** MTProto's handshake RSA-encrypts 256 bytes: the server's key has a 2048-bit modulus. */
const MODULUS_BITS = 2048;

/**
 * What is wrong with a custom server's public key, checked when the profile is saved (so a login never
 * finds out with "asn1 wrong tag"): SERVER_KEY_INVALID when it is no PEM key at all, SERVER_KEY_NOT_RSA
 * when it is another kind (EC) or size; null when it is a 2048-bit RSA public key (PKCS#1 or SPKI).
 */
export function serverKeyProblem(publicKeyPem: string): ErrorCode | null {
  let jwk: webcrypto.JsonWebKey;
  try {
    jwk = createPublicKey(publicKeyPem).export({ format: 'jwk' });
  } catch {
    return 'SERVER_KEY_INVALID';
  }
  if (jwk.kty !== 'RSA' || jwk.n === undefined) return 'SERVER_KEY_NOT_RSA';
  const modulus = Buffer.from(jwk.n, 'base64url');
  const bits = modulus.length * 8 - Math.clz32(modulus[0] ?? 0) + 24;
  return bits === MODULUS_BITS ? null : 'SERVER_KEY_NOT_RSA';
}
