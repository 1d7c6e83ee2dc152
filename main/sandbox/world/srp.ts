import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import {
  powGenerator,
  powMod,
  TELEGRAM_DH_G,
  TELEGRAM_DH_PRIME,
  TELEGRAM_DH_PRIME_BIGINT,
} from '../crypto/dh-prime.ts';
import { bigintFromBytes, paddedBytesFromBigint } from '../../crypto/bigint-bytes.ts';
import { sha256, xorBuffers } from '../crypto/hashes.ts';

/**
 * The server half of Telegram's 2FA SRP (core.telegram.org/api/srp) with the KDF
 * passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow, g = 3 and the 2048-bit prime p.
 *
 * The server never keeps the password: only salt1, salt2 and the verifier v = g^x mod p, where
 *   x = SH(PBKDF2-SHA512(SH(SH(password, salt1), salt2), salt1, 100000), salt2),  SH(data, salt) = H(salt | data | salt).
 * Every big number that is hashed is first left-padded to 256 bytes, as GramJS's Password.js does
 * (numBytesForHash / bigNumForHash), so the client's M1 matches ours byte for byte.
 * All modular exponentiations run natively (crypto/dh-prime.ts); the PBKDF2 is async so it never blocks.
 */

const pbkdf2Async = promisify(pbkdf2);
const SIZE = 256;
const P = TELEGRAM_DH_PRIME_BIGINT;
const G_PADDED = paddedBytesFromBigint(BigInt(TELEGRAM_DH_G), SIZE);
/** k = H(p | pad(g)) */
const K_MULTIPLIER = bigintFromBytes(sha256(TELEGRAM_DH_PRIME, G_PADDED));
/** H(p) xor H(g): the first part of M1, a constant. */
const HP_XOR_HG = xorBuffers(sha256(TELEGRAM_DH_PRIME), sha256(G_PADDED));
/** Values this close to 0 or to p (fewer than 2048 - 64 significant bits) are refused, by the client too. */
const MIN_BITS = 2048 - 64;

export interface PasswordVerifier {
  /** Salt of the current algorithm: 8 bytes Telegram chose plus 32 bytes the client added when it set the password. */
  readonly salt1: Buffer;
  readonly salt2: Buffer;
  /** v = g^x mod p, 256 bytes. */
  readonly verifier: Buffer;
}

export async function passwordHash(password: string, salt1: Buffer, salt2: Buffer): Promise<Buffer> {
  const sh = (data: Buffer, salt: Buffer): Buffer => sha256(salt, data, salt);
  const inner = sh(sh(Buffer.from(password, 'utf8'), salt1), salt2);
  const stretched = await pbkdf2Async(inner, salt1, 100_000, 64, 'sha512');
  return sh(stretched, salt2);
}

export async function makePasswordVerifier(password: string): Promise<PasswordVerifier> {
  const salt1 = randomBytes(40);
  const salt2 = randomBytes(16);
  const x = await passwordHash(password, salt1, salt2);
  return { salt1, salt2, verifier: powGenerator(x) };
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

function isGoodModExp(value: bigint): boolean {
  return value > 0n && value < P && bitLength(value) >= MIN_BITS && bitLength(P - value) >= MIN_BITS;
}

/** One account.getPassword answer's secret half: b, and B = (k*v + g^b) mod p sent as srp_B. */
export interface SrpChallenge {
  readonly b: Buffer;
  readonly B: Buffer;
}

export function srpChallenge(password: PasswordVerifier): SrpChallenge {
  const v = bigintFromBytes(password.verifier);
  for (;;) {
    const b = randomBytes(SIZE);
    const gb = bigintFromBytes(powGenerator(b));
    // The client checks that B - k*v (= g^b) is a "good" value; draw again in the rare case it is not.
    if (!isGoodModExp(gb)) continue;
    const B = (K_MULTIPLIER * v + gb) % P;
    if (B === 0n) continue;
    return { b, B: paddedBytesFromBigint(B, SIZE) };
  }
}

/**
 * Checks inputCheckPasswordSRP{A, M1} against a challenge:
 * u = H(pad(A) | pad(B)), S = (A * v^u)^b mod p, K = H(pad(S)),
 * M1 = H(H(p) xor H(g) | H(salt1) | H(salt2) | pad(A) | pad(B) | K).
 */
export function srpVerify(
  password: PasswordVerifier,
  challenge: SrpChallenge,
  A: Buffer,
  M1: Buffer,
): boolean {
  if (A.length > SIZE || M1.length !== 32) return false;
  const a = bigintFromBytes(A);
  if (!isGoodModExp(a)) return false;
  const aPadded = paddedBytesFromBigint(a, SIZE);
  const uBytes = sha256(aPadded, challenge.B);
  if (bigintFromBytes(uBytes) === 0n) return false;
  const vu = bigintFromBytes(powMod(password.verifier, uBytes));
  const base = (a * vu) % P;
  if (base <= 1n || base >= P - 1n) return false;
  const S = powMod(paddedBytesFromBigint(base, SIZE), challenge.b);
  const K = sha256(S);
  const expected = sha256(HP_XOR_HG, sha256(password.salt1), sha256(password.salt2), aPadded, challenge.B, K);
  return timingSafeEqual(expected, M1);
}
