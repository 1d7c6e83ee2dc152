import { pollardBrentDivisor } from './pollard-brent.ts';
import { squfofFactor } from './squfof.ts';

/**
 * Splits the handshake's pq (two primes below 2^32; below 2^63 because GramJS reads it signed): SQUFOF
 * first (~1.5 ms typical), Pollard-Brent when it finds nothing. The smaller factor comes first; a prime
 * gives 1 and itself, which is where GramJS's own factoriser ends too.
 */
export function factorizePq(pq: bigint): { p: bigint; q: bigint } {
  if (pq <= 3n || pq % 2n === 0n) throw new RangeError('factorizePq takes an odd number above 3');
  const divisor = squfofFactor(pq) ?? pollardBrentDivisor(pq);
  const other = pq / divisor;
  return divisor < other ? { p: divisor, q: other } : { p: other, q: divisor };
}
