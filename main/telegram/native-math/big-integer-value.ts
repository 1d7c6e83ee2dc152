import type { BigInteger } from 'big-integer';

/**
 * A big-integer value as a bigint, without big-integer's own decimal formatting (digit by digit, slow for
 * 2048-bit numbers): it keeps small values as a number and, where BigInt exists, larger ones as a bigint,
 * both in `value`; its array form (no BigInt) goes through its decimal text.
 */
export function nativeValueOf(big: BigInteger): bigint {
  const { value } = big as unknown as { value: unknown };
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  return BigInt(big.toString());
}
