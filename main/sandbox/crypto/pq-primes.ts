import { generatePrimeSync, randomInt } from 'node:crypto';

/**
 * The primes behind resPQ's pq. Making two fresh primes costs about 1.2 ms, a fifth of a handshake, so
 * the server draws them from a pool made once: 32 × 32 pairs are plenty of variety for a test server.
 * p has 31 bits and q 32, so pq stays below 2^63 (GramJS reads it as a signed number).
 */
const POOL_SIZE = 32;
let smaller: bigint[] = [];
let larger: bigint[] = [];

export function warmUpPqPrimes(): void {
  if (smaller.length > 0) return;
  smaller = Array.from({ length: POOL_SIZE }, () => generatePrimeSync(31, { bigint: true }));
  larger = Array.from({ length: POOL_SIZE }, () => generatePrimeSync(32, { bigint: true }));
}

export function randomPqPair(): { p: bigint; q: bigint } {
  warmUpPqPrimes();
  const p = smaller[randomInt(POOL_SIZE)] ?? 0n;
  const q = larger[randomInt(POOL_SIZE)] ?? 0n;
  return { p, q };
}
