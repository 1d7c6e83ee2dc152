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

/** SQUARE_MOD_64[r] is 1 when some square is r modulo 64 (12 of 64 residues): most values fail here. */
const SQUARE_MOD_64 = Uint8Array.from({ length: 64 }, (_, r) =>
  Array.from({ length: 64 }, (__, x) => (x * x) % 64).includes(r) ? 1 : 0,
);

function perfectSquareRoot(value: number): number | undefined {
  // `value & 63` reads the low bits of the integer's 32-bit wrap, which keeps its residue modulo 64.
  if (SQUARE_MOD_64[value & 63] === 0) return undefined;
  const root = Math.round(Math.sqrt(value));
  return root * root === value ? root : undefined;
}

/** One multiplier's forward walk along the principal cycle of k·n (Shanks's P, Q and the previous Q). */
interface Walk {
  readonly k: number;
  readonly kn: bigint;
  readonly p0: number;
  readonly limit: number;
  p: number;
  q: number;
  qPrev: number;
  step: number;
  /** Set when the walk ends without a factor: its first square form was improper, or it ran out. */
  done: boolean;
}

function startWalk(n: bigint, k: number): Walk | undefined {
  const kn = n * BigInt(k);
  const p0Big = isqrtBig(kn);
  const q = Number(kn - p0Big * p0Big);
  if (q === 0) return undefined;
  const p0 = Number(p0Big);
  const limit = Math.ceil(2 * Math.sqrt(2 * Math.sqrt(Number(kn))));
  return { k, kn, p0, limit, p: p0, q, qPrev: 1, step: 1, done: false };
}

/** Advances a walk by up to `steps`; returns the square form's root when it meets one. */
function advance(walk: Walk, steps: number): number | undefined {
  const { p0 } = walk;
  let { p, q, qPrev, step } = walk;
  const end = Math.min(walk.limit, step + steps);
  let root: number | undefined;
  while (step + 1 < end) {
    step++;
    const b = Math.floor((p0 + p) / q);
    const pNext = b * q - p;
    const qNext = qPrev + b * (p - pNext);
    qPrev = q;
    q = qNext;
    p = pNext;
    // A square form only counts after an even number of steps.
    if (step % 2 === 0) {
      root = perfectSquareRoot(q);
      if (root !== undefined) break;
    }
  }
  Object.assign(walk, { p, q, qPrev, step });
  if (root === undefined && step + 1 >= walk.limit) walk.done = true;
  return root;
}

/** From the square form (root `root`) back along the reverse cycle to its symmetry point, then gcd. */
function factorFromSquare(n: bigint, walk: Walk, root: number): bigint | undefined {
  const { kn, p0, limit } = walk;
  const b0 = Math.floor((p0 - walk.p) / root);
  let pBig = BigInt(b0) * BigInt(root) + BigInt(walk.p);
  let qPrev = root;
  let q = Number((kn - pBig * pBig) / BigInt(root));
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

/** Steps each walk takes before the next walk's turn. */
const RACE_SLICE = 256;

/**
 * Races the multipliers' walks (Gower and Wagstaff's racing SQUFOF): each walks RACE_SLICE steps in turn,
 * so the one whose cycle reaches a proper square form first wins, instead of each multiplier's full walk
 * being paid for before the next starts.
 */
export function squfofFactor(n: bigint): bigint | undefined {
  if (n >= 1n << 63n) return undefined;
  const walks = MULTIPLIERS.map((k) => startWalk(n, k)).filter((walk): walk is Walk => walk !== undefined);
  while (walks.some((walk) => !walk.done)) {
    for (const walk of walks) {
      if (walk.done) continue;
      const root = advance(walk, RACE_SLICE);
      if (root === undefined) continue;
      const factor = factorFromSquare(n, walk, root);
      if (factor !== undefined) return factor;
      // An improper square: this multiplier gives up, as in the one-at-a-time method.
      walk.done = true;
    }
  }
  return undefined;
}
