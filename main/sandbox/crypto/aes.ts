import { createCipheriv, createDecipheriv, type Cipher } from 'node:crypto';

/**
 * AES-256-IGE, the mode MTProto uses, built on OpenSSL's single-block AES (ECB) so the server never runs
 * AES in JavaScript. IGE chains each block with both the previous plaintext and the previous ciphertext.
 */
export function aesIgeEncrypt(plain: Buffer, key: Buffer, iv: Buffer): Buffer {
  if (plain.length % 16 !== 0) throw new RangeError('IGE input must be a multiple of 16 bytes');
  const ecb = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  const out = Buffer.allocUnsafe(plain.length);
  let prevCipher = iv.subarray(0, 16);
  let prevPlain = iv.subarray(16, 32);
  const block = Buffer.allocUnsafe(16);
  for (let off = 0; off < plain.length; off += 16) {
    const x = plain.subarray(off, off + 16);
    for (let i = 0; i < 16; i++) block[i] = (x[i] ?? 0) ^ (prevCipher[i] ?? 0);
    const e = ecb.update(block);
    for (let i = 0; i < 16; i++) out[off + i] = (e[i] ?? 0) ^ (prevPlain[i] ?? 0);
    prevCipher = out.subarray(off, off + 16);
    prevPlain = x;
  }
  return out;
}

export function aesIgeDecrypt(cipher: Buffer, key: Buffer, iv: Buffer): Buffer {
  if (cipher.length % 16 !== 0) throw new RangeError('IGE input must be a multiple of 16 bytes');
  const ecb = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  const out = Buffer.allocUnsafe(cipher.length);
  let prevCipher = iv.subarray(0, 16);
  let prevPlain = iv.subarray(16, 32);
  const block = Buffer.allocUnsafe(16);
  for (let off = 0; off < cipher.length; off += 16) {
    const y = cipher.subarray(off, off + 16);
    for (let i = 0; i < 16; i++) block[i] = (y[i] ?? 0) ^ (prevPlain[i] ?? 0);
    const d = ecb.update(block);
    for (let i = 0; i < 16; i++) out[off + i] = (d[i] ?? 0) ^ (prevCipher[i] ?? 0);
    prevCipher = y;
    prevPlain = out.subarray(off, off + 16);
  }
  return out;
}

/** A continuous AES-256-CTR stream, as the obfuscated transport uses in each direction. */
export function aesCtrStream(key: Buffer, iv: Buffer): Cipher {
  return createCipheriv('aes-256-ctr', key, iv);
}
