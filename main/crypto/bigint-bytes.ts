/** Conversions between native bigints and big-endian bytes, as MTProto and SRP write their numbers. */

export function bigintFromBytes(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  return BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

/** The shortest big-endian form of a non-negative value (zero is one zero byte). */
export function bytesFromBigint(value: bigint): Buffer {
  if (value < 0n) throw new RangeError('only non-negative values have an unsigned byte form');
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex');
}

/** The value left-padded with zero bytes to `length` bytes; throws if it does not fit. */
export function paddedBytesFromBigint(value: bigint, length: number): Buffer {
  const bytes = bytesFromBigint(value);
  if (bytes.length > length)
    throw new RangeError(`the value needs ${bytes.length} bytes, more than ${length}`);
  return Buffer.concat([Buffer.alloc(length - bytes.length), bytes]);
}

/** Bits needed to write a non-negative value; 0 for zero. */
export function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}
