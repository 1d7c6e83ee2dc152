import { createPrivateKey, createPublicKey, diffieHellman } from 'node:crypto';
import { bigintFromBytes, bytesFromBigint } from './bigint-bytes.ts';
import { dhPrivateKeyDer, dhPublicKeyDer } from './dh-key-der.ts';

/**
 * base^exponent mod modulus computed by OpenSSL: a DH key agreement where the "private key" is the
 * exponent and the peer's "public key" is the base. Key objects are used rather than
 * crypto.createDiffieHellman because the latter primality-checks the modulus on creation (~0.5 s).
 * OpenSSL only takes an odd modulus of at least 512 bits and a base in [2, modulus - 2]; callers check
 * `fitsOpenSslModPow` first and keep a fallback, since other TLS libraries (Electron's BoringSSL) may
 * refuse DH keys altogether.
 */
export function opensslModPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  const modulusBytes = bytesFromBigint(modulus);
  // The generator only matters to OpenSSL's own public-key computation on import; 2 is always valid.
  const generator = Buffer.from([2]);
  const privateKey = createPrivateKey({
    key: dhPrivateKeyDer(modulusBytes, generator, bytesFromBigint(exponent)),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey({
    key: dhPublicKeyDer(modulusBytes, generator, bytesFromBigint(base)),
    format: 'der',
    type: 'spki',
  });
  return bigintFromBytes(diffieHellman({ privateKey, publicKey }));
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
