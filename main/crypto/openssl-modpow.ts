import { createPrivateKey, createPublicKey } from 'node:crypto';
import { bigintFromBytes, bytesFromBigint } from './bigint-bytes.ts';
import { dhPrivateKeyDer, dhPublicValueFromSpki } from './dh-key-der.ts';

/**
 * base^exponent mod modulus computed by OpenSSL, as the public value of a DH key: OpenSSL derives a
 * private key's public value (generator^private mod p) when it imports it, so a key whose "generator" is
 * the base and whose "private value" is the exponent carries the answer from the moment it exists. One
 * exponentiation per call (a key agreement on top would be a second one: an earlier version imported with
 * generator 2 and then derived base^exponent with diffieHellman, paying for 2^exponent for nothing).
 * Key objects are used rather than crypto.createDiffieHellman because the latter primality-checks the
 * modulus on creation (~0.5 s). OpenSSL only takes an odd modulus of at least 512 bits and a base in
 * [2, modulus - 2]; callers check `fitsOpenSslModPow` first and keep a fallback, since other TLS libraries
 * (Electron's BoringSSL) may refuse DH keys altogether.
 */
export function opensslModPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  const privateKey = createPrivateKey({
    key: dhPrivateKeyDer(bytesFromBigint(modulus), bytesFromBigint(base), bytesFromBigint(exponent)),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return bigintFromBytes(dhPublicValueFromSpki(spki));
}

const MIN_OPENSSL_MODULUS_BITS = 512;
/** Below this the portable path is as fast as the key-object round trip. */
const MIN_OPENSSL_EXPONENT_BITS = 64;

export function fitsOpenSslModPow(base: bigint, exponent: bigint, modulus: bigint): boolean {
  return (
    modulus % 2n === 1n &&
    modulus.toString(2).length >= MIN_OPENSSL_MODULUS_BITS &&
    exponent.toString(2).length > MIN_OPENSSL_EXPONENT_BITS &&
    base >= 2n &&
    base <= modulus - 2n
  );
}
