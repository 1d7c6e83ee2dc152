import { bigintModPow } from './bigint-modpow.ts';
import { fitsOpenSslModPow, opensslModPow } from './openssl-modpow.ts';
import { fitsOpenSslRsaModPow, opensslRsaModPow } from './openssl-rsa-modpow.ts';
import { TELEGRAM_DH_PRIME } from './telegram-prime.ts';

let opensslWorks: boolean | undefined;

/** Whether OpenSSL's DH agrees with the portable path on a known case; checked once per process. */
function opensslAvailable(): boolean {
  if (opensslWorks === undefined) {
    const exponent = 0x1f2e3d4c5b6a79880123456789abcdefn;
    try {
      opensslWorks =
        opensslModPow(3n, exponent, TELEGRAM_DH_PRIME) === bigintModPow(3n, exponent, TELEGRAM_DH_PRIME);
    } catch {
      opensslWorks = false;
    }
  }
  return opensslWorks;
}

/** base^exponent mod modulus for base >= 0, exponent >= 0 and modulus >= 1, natively. */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  const reduced = base % modulus;
  if (fitsOpenSslModPow(reduced, exponent, modulus) && opensslAvailable()) {
    try {
      return opensslModPow(reduced, exponent, modulus);
    } catch {
      // OpenSSL refused these particular numbers; the portable path takes any.
    }
  } else if (fitsOpenSslRsaModPow(reduced, exponent, modulus)) {
    try {
      return opensslRsaModPow(reduced, exponent, modulus);
    } catch {
      // As above.
    }
  }
  return bigintModPow(reduced, exponent, modulus);
}

/** Which implementation large exponentiations use in this process (for measurements and logs). */
export function modPowBackend(): 'openssl' | 'bigint' {
  return opensslAvailable() ? 'openssl' : 'bigint';
}
