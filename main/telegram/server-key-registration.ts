import bigInt from 'big-integer';
import { createHash, createPublicKey } from 'node:crypto';
import { _serverKeys } from 'telegram/crypto/RSA';

/**
 * Lets GramJS trust a custom server's RSA key in the auth-key handshake: GramJS looks the server's
 * offered fingerprints up in its exported `_serverKeys` map, so adding an entry is all it takes (the same
 * mechanism as the sandbox's seam). The fingerprint is Telegram's: the low 64 bits of
 * SHA1(TL-bytes(n) ‖ TL-bytes(e)), as a signed little-endian long.
 */

/** TL's `bytes` encoding: a 1- or 4-byte length prefix, the data, zero padding to a multiple of 4. */
function tlBytes(data: Buffer): Buffer {
  const header =
    data.length < 254
      ? Buffer.from([data.length])
      : Buffer.from([254, data.length & 0xff, (data.length >> 8) & 0xff, (data.length >> 16) & 0xff]);
  const unpadded = header.length + data.length;
  return Buffer.concat([header, data, Buffer.alloc((4 - (unpadded % 4)) % 4)]);
}

/** Registers an RSA public key (PEM, PKCS#1 or SPKI); returns its fingerprint as GramJS keys it. */
export function registerServerPublicKey(publicKeyPem: string): string {
  const jwk = createPublicKey(publicKeyPem).export({ format: 'jwk' });
  if (jwk.kty !== 'RSA' || jwk.n === undefined || jwk.e === undefined) {
    throw new Error('the server key is not an RSA public key');
  }
  const n = Buffer.from(jwk.n, 'base64url');
  const e = Buffer.from(jwk.e, 'base64url');
  const digest = createHash('sha1')
    .update(Buffer.concat([tlBytes(n), tlBytes(e)]))
    .digest();
  const fingerprint = digest.readBigInt64LE(12).toString();
  _serverKeys.set(fingerprint, {
    n: bigInt(n.toString('hex'), 16),
    e: Number.parseInt(e.toString('hex'), 16),
  });
  return fingerprint;
}
