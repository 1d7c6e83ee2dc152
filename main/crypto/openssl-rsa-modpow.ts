import { constants, createPublicKey, publicEncrypt, type KeyObject } from 'node:crypto';
import { bigintFromBytes, bitLength, bytesFromBigint, paddedBytesFromBigint } from './bigint-bytes.ts';

/**
 * base^exponent mod modulus for a small odd exponent, computed by OpenSSL as a raw RSA public operation
 * (RSA_NO_PADDING encrypts exactly base^e mod n). The handshake's RSA step (e = 65537 with Telegram's
 * 2048-bit key) costs ~0.4 ms in BigInt arithmetic and a few hundredths of a millisecond here. OpenSSL
 * never needs n's factors for it, so any odd modulus it accepts works.
 */

const MIN_MODULUS_BITS = 512;
/** OpenSSL's limit for public exponents of large moduli is 64 bits; these are RSA's usual ones. */
const MAX_EXPONENT = 2n ** 32n;

/** Key objects by modulus and exponent: a handshake uses one of the server's few keys. */
const keys = new Map<string, KeyObject>();
const MAX_CACHED_KEYS = 16;

export function fitsOpenSslRsaModPow(base: bigint, exponent: bigint, modulus: bigint): boolean {
  return (
    modulus % 2n === 1n &&
    bitLength(modulus) >= MIN_MODULUS_BITS &&
    exponent >= 3n &&
    exponent < MAX_EXPONENT &&
    exponent % 2n === 1n &&
    base >= 0n &&
    base < modulus
  );
}

function publicKeyFor(exponent: bigint, modulus: bigint): KeyObject {
  const id = `${exponent.toString(16)}:${modulus.toString(16)}`;
  let key = keys.get(id);
  if (!key) {
    key = createPublicKey({
      key: {
        kty: 'RSA',
        n: bytesFromBigint(modulus).toString('base64url'),
        e: bytesFromBigint(exponent).toString('base64url'),
      },
      format: 'jwk',
    });
    if (keys.size >= MAX_CACHED_KEYS) keys.clear();
    keys.set(id, key);
  }
  return key;
}

/** Callers check fitsOpenSslRsaModPow first and keep a fallback (OpenSSL may still refuse a modulus). */
export function opensslRsaModPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  const length = Math.ceil(bitLength(modulus) / 8);
  const encrypted = publicEncrypt(
    { key: publicKeyFor(exponent, modulus), padding: constants.RSA_NO_PADDING },
    paddedBytesFromBigint(base, length),
  );
  return bigintFromBytes(encrypted);
}
