/**
 * Modular exponentiation on native bigints with a fixed 4-bit window: the portable path, used for small
 * exponents (RSA's 65537), small moduli, and wherever OpenSSL cannot take the numbers.
 */
export function bigintModPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus <= 0n) throw new RangeError('the modulus must be positive');
  if (exponent < 0n) throw new RangeError('the exponent must not be negative');
  if (modulus === 1n) return 0n;
  const reduced = ((base % modulus) + modulus) % modulus;
  const powers: bigint[] = [1n];
  for (let i = 1; i < 16; i++) powers.push(((powers[i - 1] ?? 1n) * reduced) % modulus);
  let result = 1n;
  for (const digit of exponent.toString(16)) {
    for (let square = 0; square < 4; square++) result = (result * result) % modulus;
    const power = powers[Number.parseInt(digit, 16)] ?? 1n;
    if (power !== 1n) result = (result * power) % modulus;
  }
  return result;
}
