import { randomBytes } from 'node:crypto';

/**
 * Brent's variant of Pollard's rho on native bigints: the fallback factoriser for pq when SQUFOF finds
 * nothing (it always terminates for a composite, at ~20 ms for handshake-sized numbers).
 */

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function randomBelow(limit: bigint): bigint {
  return BigInt(`0x${randomBytes(16).toString('hex')}`) % limit;
}

const BATCH = 128n;
const MAX_ROUNDS = 16;

/** A divisor of odd n > 3 found by one rho walk with a random start and constant; n itself if it failed. */
function rhoDivisor(n: bigint): bigint {
  const c = 1n + randomBelow(n - 1n);
  const step = (v: bigint): bigint => (v * v + c) % n;
  let y = 1n + randomBelow(n - 1n);
  let x = y;
  let saved = y;
  let product = 1n;
  let divisor = 1n;
  for (let range = 1n; divisor === 1n; range *= 2n) {
    x = y;
    for (let i = 0n; i < range; i++) y = step(y);
    for (let done = 0n; done < range && divisor === 1n; done += BATCH) {
      saved = y;
      const batch = range - done < BATCH ? range - done : BATCH;
      for (let i = 0n; i < batch; i++) {
        y = step(y);
        product = (product * (x > y ? x - y : y - x)) % n;
      }
      divisor = gcd(product, n);
    }
  }
  if (divisor === n) {
    // The batch overshot: walk it again one step at a time.
    do {
      saved = step(saved);
      divisor = gcd(x > saved ? x - saved : saved - x, n);
    } while (divisor === 1n);
  }
  return divisor;
}

/** A non-trivial divisor of odd n > 3, or n itself when many walks found none (n is then prime). */
export function pollardBrentDivisor(n: bigint): bigint {
  if (n <= 3n || n % 2n === 0n) throw new RangeError('pollardBrentDivisor takes an odd number above 3');
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const divisor = rhoDivisor(n);
    if (divisor !== n) return divisor;
  }
  return n;
}
