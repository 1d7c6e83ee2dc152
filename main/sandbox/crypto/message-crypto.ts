import { randomBytes } from 'node:crypto';
import { aesIgeDecrypt, aesIgeEncrypt } from './aes.ts';
import { sha1, sha256 } from './hashes.ts';

/** x = 0 for messages from the client, x = 8 for messages from the server (MTProto 2.0). */
type Direction = 'fromClient' | 'fromServer';

function offsetFor(direction: Direction): number {
  return direction === 'fromClient' ? 0 : 8;
}

function messageKeyFor(authKey: Buffer, plaintext: Buffer, direction: Direction): Buffer {
  const x = offsetFor(direction);
  return sha256(authKey.subarray(88 + x, 120 + x), plaintext).subarray(8, 24);
}

function aesKeyIv(authKey: Buffer, msgKey: Buffer, direction: Direction): { key: Buffer; iv: Buffer } {
  const x = offsetFor(direction);
  const a = sha256(msgKey, authKey.subarray(x, x + 36));
  const b = sha256(authKey.subarray(40 + x, 76 + x), msgKey);
  return {
    key: Buffer.concat([a.subarray(0, 8), b.subarray(8, 24), a.subarray(24, 32)]),
    iv: Buffer.concat([b.subarray(0, 8), a.subarray(8, 24), b.subarray(24, 32)]),
  };
}

/** Decrypts `msg_key ‖ encrypted_data` (what follows auth_key_id); undefined when msg_key does not match. */
export function decryptClientMessage(authKey: Buffer, msgKey: Buffer, encrypted: Buffer): Buffer | undefined {
  if (encrypted.length === 0 || encrypted.length % 16 !== 0) return undefined;
  const { key, iv } = aesKeyIv(authKey, msgKey, 'fromClient');
  const plaintext = aesIgeDecrypt(encrypted, key, iv);
  return messageKeyFor(authKey, plaintext, 'fromClient').equals(msgKey) ? plaintext : undefined;
}

/** Pads (12 to 27 random bytes, to a multiple of 16) and encrypts; returns `msg_key ‖ encrypted_data`. */
export function encryptServerMessage(authKey: Buffer, plaintext: Buffer): Buffer {
  const padding = 12 + ((16 - ((plaintext.length + 12) % 16)) % 16);
  const padded = Buffer.concat([plaintext, randomBytes(padding)]);
  const msgKey = messageKeyFor(authKey, padded, 'fromServer');
  const { key, iv } = aesKeyIv(authKey, msgKey, 'fromServer');
  return Buffer.concat([msgKey, aesIgeEncrypt(padded, key, iv)]);
}

/** auth_key_id: the low 64 bits of SHA1(auth_key), read as a signed little-endian long. */
export function authKeyIdOf(authKey: Buffer): bigint {
  return sha1(authKey).readBigInt64LE(12);
}
