/**
 * Shanks's square forms factorisation for the handshake's pq (below 2^63, two ~31-bit primes). Its
 * loops only handle numbers near sqrt(k·pq) < 2^40, so they run on plain doubles (exact below 2^53):
 * about a millisecond, where a bigint Pollard rho takes tens. Returns a non-trivial factor, or undefined
 * when no multiplier worked (the caller falls back to Pollard rho).
 */

/** Square-free multipliers, tried in order; each gives the method another chance. */
const MULTIPLIERS = [1, 3, 5, 7, 11, 15, 21, 33, 35, 55, 77, 105, 165, 231, 385, 1155];

function isqrtBig(value: bigint): bigint {
  if (value < 2n) return value;
  let x = BigInt(Math.floor(Math.sqrt(Number(value))));
  while (x * x > value) x--;
  while ((x + 1n) * (x + 1n) <= value) x++;
  return x;
}

function gcdBig(a: bigint, b: bigint): bigint {
  let [x, y] = [a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function perfectSquareRoot(value: number): number | undefined {
  const root = Math.round(Math.sqrt(value));
  return root * root === value ? root : undefined;
}

function tryMultiplier(n: bigint, k: number): bigint | undefined {
  const kn = n * BigInt(k);
  const p0Big = isqrtBig(kn);
  const p0 = Number(p0Big);
  let qPrev = 1;
  let q = Number(kn - p0Big * p0Big);
  if (q === 0) return undefined;
  let p = p0;
  const limit = Math.ceil(2 * Math.sqrt(2 * Math.sqrt(Number(kn))));
  let root: number | undefined;
  for (let i = 2; i < limit; i++) {
    const b = Math.floor((p0 + p) / q);
    const pNext = b * q - p;
    const qNext = qPrev + b * (p - pNext);
    qPrev = q;
    q = qNext;
    p = pNext;
    // A square form only counts after an even number of steps.
    if (i % 2 === 0) {
      root = perfectSquareRoot(q);
      if (root !== undefined) break;
    }
  }
  if (root === undefined) return undefined;

  // Reverse cycle from the square root of the square form to a symmetry point.
  const b0 = Math.floor((p0 - p) / root);
  let pBig = BigInt(b0) * BigInt(root) + BigInt(p);
  qPrev = root;
  q = Number((kn - pBig * pBig) / BigInt(root));
  let pCur = Number(pBig);
  for (let steps = 0; steps < limit; steps++) {
    const b = Math.floor((p0 + pCur) / q);
    const pNext = b * q - pCur;
    if (pNext === pCur) break;
    const qNext = qPrev + b * (pCur - pNext);
    qPrev = q;
    q = qNext;
    pCur = pNext;
  }
  pBig = BigInt(pCur);
  const factor = gcdBig(n, pBig);
  return factor !== 1n && factor !== n ? factor : undefined;
}

export function squfofFactor(n: bigint): bigint | undefined {
  if (n >= 1n << 63n) return undefined;
  for (const k of MULTIPLIERS) {
    const factor = tryMultiplier(n, k);
    if (factor !== undefined) return factor;
  }
  return undefined;
}
