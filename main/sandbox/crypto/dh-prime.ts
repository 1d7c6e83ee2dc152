import { createDiffieHellman, type DiffieHellman } from 'node:crypto';

/**
 * Telegram's 2048-bit safe prime, used both for the auth-key Diffie-Hellman exchange (with g = 3) and by
 * the SRP algorithm of 2FA passwords. It is a protocol constant that clients and servers share.
 */
export const TELEGRAM_DH_PRIME_HEX =
  'c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c3720fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f642477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b';
export const TELEGRAM_DH_PRIME = Buffer.from(TELEGRAM_DH_PRIME_HEX, 'hex');
export const TELEGRAM_DH_PRIME_BIGINT = BigInt(`0x${TELEGRAM_DH_PRIME_HEX}`);
export const TELEGRAM_DH_G = 3;

let engine: DiffieHellman | undefined;

/**
 * OpenSSL checks the prime when a DiffieHellman object is made (about half a second), so the server makes
 * one, once, and drives it with setPrivateKey. Call at start-up to pay that cost before serving.
 */
export function warmUpModularArithmetic(): void {
  engine ??= createDiffieHellman(TELEGRAM_DH_PRIME, Buffer.from([TELEGRAM_DH_G]));
}

function dh(): DiffieHellman {
  warmUpModularArithmetic();
  return engine as DiffieHellman;
}

/** g^exponent mod p, in native code, as 256 big-endian bytes. */
export function powGenerator(exponent: Buffer): Buffer {
  const e = dh();
  e.setPrivateKey(exponent);
  return padTo256(e.generateKeys());
}

/** base^exponent mod p, in native code, as 256 big-endian bytes. `base` must lie in [2, p - 2]. */
export function powMod(base: Buffer, exponent: Buffer): Buffer {
  const e = dh();
  e.setPrivateKey(exponent);
  return padTo256(e.computeSecret(base));
}

function padTo256(value: Buffer): Buffer {
  if (value.length === 256) return value;
  const out = Buffer.alloc(256);
  value.copy(out, 256 - value.length);
  return out;
}
