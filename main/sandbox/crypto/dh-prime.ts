import { bigintFromBytes, paddedBytesFromBigint } from '../../crypto/bigint-bytes.ts';
import { modPow } from '../../crypto/mod-pow.ts';
import { TELEGRAM_DH_PRIME, TELEGRAM_DH_PRIME_BYTES } from '../../crypto/telegram-prime.ts';

/**
 * The server's modular arithmetic over Telegram's 2048-bit safe prime, used both by the auth-key
 * Diffie-Hellman exchange (with g = 3) and by the SRP of 2FA passwords, in native code (main/crypto).
 */
export const TELEGRAM_DH_PRIME_BIGINT = TELEGRAM_DH_PRIME;
export { TELEGRAM_DH_PRIME_BYTES as TELEGRAM_DH_PRIME };
export const TELEGRAM_DH_G = 3;

/** g^exponent mod p, as 256 big-endian bytes. */
export function powGenerator(exponent: Buffer): Buffer {
  return paddedBytesFromBigint(
    modPow(BigInt(TELEGRAM_DH_G), bigintFromBytes(exponent), TELEGRAM_DH_PRIME),
    256,
  );
}

/** base^exponent mod p, as 256 big-endian bytes. */
export function powMod(base: Buffer, exponent: Buffer): Buffer {
  return paddedBytesFromBigint(
    modPow(bigintFromBytes(base), bigintFromBytes(exponent), TELEGRAM_DH_PRIME),
    256,
  );
}
