import { createHash, pbkdf2, pbkdf2Sync, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Api } from 'telegram';
import { bigintFromBytes, bitLength, paddedBytesFromBigint } from '../../crypto/bigint-bytes.ts';
import { modPow } from '../../crypto/mod-pow.ts';
import { TELEGRAM_DH_PRIME_BYTES } from '../../crypto/telegram-prime.ts';
import { HandshakeGate } from '../handshake-gate.ts';

/**
 * The client half of Telegram's 2FA SRP (core.telegram.org/api/srp), giving exactly what GramJS's
 * `password.computeCheck` gives for the same random bytes, but without stalling the main thread: the
 * 100,000-round PBKDF2 (~70 ms of CPU) runs off it and the three modular exponentiations are native
 * (a few ms each) instead of big-integer's (~50 ms each).
 */

const pbkdf2Async = promisify(pbkdf2);
const PBKDF2_ROUNDS = 100_000;

/** Stretches the password's inner hash with PBKDF2-HMAC-SHA512, 100,000 rounds, 64 bytes. */
export type KeyStretcher = (secret: Buffer, salt: Buffer) => Promise<Buffer>;

/**
 * On libuv's thread pool, for the main thread. Its threads run at normal priority: 50 checks at once
 * keep 4 of them busy, and on 2 cores the main thread then waits for a core (a 40-80 ms stall measured).
 */
export const stretchOnThreadPool: KeyStretcher = (secret, salt) =>
  pbkdf2Async(secret, salt, PBKDF2_ROUNDS, 64, 'sha512');

const stretchingHere = new HandshakeGate(1);

/**
 * On the calling thread, one stretch per turn of its event loop. For a Telegram worker whose priority
 * was lowered: its work then never keeps the main thread from a core, and the other clients on the worker
 * wait one stretch at most between turns.
 */
export const stretchOnThisThread: KeyStretcher = (secret, salt) =>
  stretchingHere.run(async () => {
    await yieldToEventLoop();
    return pbkdf2Sync(secret, salt, PBKDF2_ROUNDS, 64, 'sha512');
  });

/**
 * The SRP exponentiations (about 10-20 ms of main-thread CPU each) of every check in the process go
 * through this gate one at a time, each in its own turn of the event loop: when many checks' PBKDF2
 * (run off the thread) finish together, their arithmetic would otherwise run back to back in one turn
 * and stall the main process for a second with 50 checks at once.
 */
const srpArithmetic = new HandshakeGate(1);

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** modPow in a turn of the event loop of its own, one at a time across all checks. */
function modPowInTurn(base: bigint, exponent: bigint, modulus: bigint): Promise<bigint> {
  return srpArithmetic.run(async () => {
    await yieldToEventLoop();
    return modPow(base, exponent, modulus);
  });
}
const SRP_BYTES = 256;
/** GramJS accepts exactly Telegram's prime with one of these generators (anything else: it refuses). */
const ACCEPTED_GENERATORS = new Set([3, 4, 5, 7]);

export type RandomSource = (size: number) => Buffer;

function sha256(...parts: Buffer[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function xor(a: Buffer, b: Buffer): Buffer {
  return Buffer.from(a.map((byte, i) => byte ^ (b[i] ?? 0)));
}

/** Raw bytes left-padded to 256 (numbers Telegram sent, hashed as sent). */
function padBytes(bytes: Buffer): Buffer {
  if (bytes.length > SRP_BYTES) throw new RangeError('an SRP value is longer than 256 bytes');
  return Buffer.concat([Buffer.alloc(SRP_BYTES - bytes.length), bytes]);
}

/** A modexp result that is safe to use: 2^1984 <= value and value <= p - 2^1984 (the spec's range check). */
function isSafeModExpResult(value: bigint, p: bigint): boolean {
  const minimumBits = 2048 - 64;
  const difference = p - value;
  return (
    difference >= 0n &&
    bitLength(difference) >= minimumBits &&
    bitLength(value) >= minimumBits &&
    Math.floor((bitLength(value) + 7) / 8) <= SRP_BYTES
  );
}

async function passwordHash(
  algo: Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow,
  password: string,
  stretch: KeyStretcher,
): Promise<Buffer> {
  const first = sha256(algo.salt1, Buffer.from(password, 'utf8'), algo.salt1);
  const second = sha256(algo.salt2, first, algo.salt2);
  const stretched = await stretch(second, algo.salt1);
  return sha256(algo.salt2, stretched, algo.salt2);
}

export class SrpParameterError extends Error {
  override readonly name = 'SrpParameterError';
}

export interface SrpCheckOptions {
  /** Where a's random bytes come from; default node:crypto's randomBytes. */
  readonly random?: RandomSource;
  /** Where the PBKDF2 runs; default libuv's thread pool. */
  readonly stretch?: KeyStretcher;
}

/** Computes auth.checkPassword's argument from a fresh account.getPassword answer. */
export async function computeSrpCheck(
  state: Api.account.Password,
  password: string,
  { random = randomBytes, stretch = stretchOnThreadPool }: SrpCheckOptions = {},
): Promise<Api.InputCheckPasswordSRP> {
  const algo = state.currentAlgo;
  if (!(algo instanceof Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow)) {
    throw new SrpParameterError(`unsupported password algorithm ${algo?.className ?? 'none'}`);
  }
  const srpB = state.srp_B;
  const srpId = state.srpId;
  // Absent TL fields are null at run time although typed as undefined.
  if (srpB == null || srpId == null) throw new SrpParameterError('the password state has no srp_B');
  const x = bigintFromBytes(await passwordHash(algo, password, stretch));
  if (!algo.p.equals(TELEGRAM_DH_PRIME_BYTES) || !ACCEPTED_GENERATORS.has(algo.g)) {
    throw new SrpParameterError('unexpected p or g in the password algorithm');
  }
  const p = bigintFromBytes(algo.p);
  const g = BigInt(algo.g);
  const B = bigintFromBytes(srpB);
  if (B <= 0n || B >= p) throw new SrpParameterError('srp_B is out of range');

  const pPadded = padBytes(algo.p);
  const gPadded = paddedBytesFromBigint(g, SRP_BYTES);
  const bPadded = padBytes(srpB);
  const k = bigintFromBytes(sha256(pPadded, gPadded));
  const kgx = (k * (await modPowInTurn(g, x, p))) % p;

  let a: bigint;
  let aPadded: Buffer;
  let u: bigint;
  for (;;) {
    a = bigintFromBytes(random(SRP_BYTES));
    const A = await modPowInTurn(g, a, p);
    if (!isSafeModExpResult(A, p)) continue;
    aPadded = paddedBytesFromBigint(A, SRP_BYTES);
    u = bigintFromBytes(sha256(aPadded, bPadded));
    if (u > 0n) break;
  }
  const gb = (((B - kgx) % p) + p) % p;
  if (!isSafeModExpResult(gb, p)) throw new SrpParameterError('g^b is out of range');
  const S = await modPowInTurn(gb, a + u * x, p);
  const K = sha256(paddedBytesFromBigint(S, SRP_BYTES));
  const M1 = sha256(
    xor(sha256(pPadded), sha256(gPadded)),
    sha256(algo.salt1),
    sha256(algo.salt2),
    aPadded,
    bPadded,
    K,
  );
  return new Api.InputCheckPasswordSRP({ srpId, A: aPadded, M1 });
}
