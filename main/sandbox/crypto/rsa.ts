import { constants, createPrivateKey, createPublicKey, privateDecrypt, type KeyObject } from 'node:crypto';
import { TlWriter } from '../tl/tl-writer.ts';
import { aesIgeDecrypt } from './aes.ts';
import { bigintFromBytes } from '../../crypto/bigint-bytes.ts';
import { sha1, sha256, xorBuffers } from './hashes.ts';

export interface ServerRsaKey {
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  /** Modulus, big-endian. */
  readonly n: Buffer;
  readonly e: number;
  /** Telegram's fingerprint: the low 64 bits of SHA1(bytes n ‖ bytes e), as a signed long. */
  readonly fingerprint: bigint;
}

export function loadServerRsaKey(privateKeyPem: string): ServerRsaKey {
  const privateKey = createPrivateKey(privateKeyPem);
  const jwk = privateKey.export({ format: 'jwk' });
  if (jwk.n === undefined || jwk.e === undefined) throw new Error('the sandbox key is not an RSA key');
  const n = Buffer.from(jwk.n, 'base64url');
  const eBytes = Buffer.from(jwk.e, 'base64url');
  if (n.length !== 256) throw new Error('the sandbox RSA key must be 2048 bits');
  const digest = sha1(new TlWriter().bytes(n).bytes(eBytes).toBuffer());
  return {
    privateKey,
    publicKeyPem: createPublicKey(privateKey).export({ type: 'pkcs1', format: 'pem' }).toString(),
    n,
    e: Number(bigintFromBytes(eBytes)),
    fingerprint: digest.readBigInt64LE(12),
  };
}

/** What a client's req_DH_params carries once RSA_PAD is undone: the serialised p_q_inner_data. */
export class RsaPadError extends Error {
  override readonly name = 'RsaPadError';
}

/**
 * Inverts the RSA_PAD scheme clients use in req_DH_params:
 *   key_aes_encrypted = temp_key_xor ‖ AES-IGE(temp_key, iv 0)(reverse(data_with_padding) ‖ SHA256(temp_key ‖ data_with_padding))
 * and returns data_with_padding (192 bytes) after checking its hash.
 */
export function decryptRsaPad(key: ServerRsaKey, encrypted: Buffer): Buffer {
  if (encrypted.length !== 256) throw new RsaPadError('encrypted_data is not 256 bytes');
  if (bigintFromBytes(encrypted) >= bigintFromBytes(key.n))
    throw new RsaPadError('encrypted_data >= modulus');
  const decrypted = privateDecrypt({ key: key.privateKey, padding: constants.RSA_NO_PADDING }, encrypted);
  const tempKeyXor = decrypted.subarray(0, 32);
  const aesEncrypted = decrypted.subarray(32);
  const tempKey = xorBuffers(tempKeyXor, sha256(aesEncrypted));
  const dataWithHash = aesIgeDecrypt(aesEncrypted, tempKey, Buffer.alloc(32));
  const dataWithPadding = Buffer.from(dataWithHash.subarray(0, 192)).reverse();
  if (!sha256(tempKey, dataWithPadding).equals(dataWithHash.subarray(192))) {
    throw new RsaPadError('RSA_PAD hash mismatch');
  }
  return dataWithPadding;
}
