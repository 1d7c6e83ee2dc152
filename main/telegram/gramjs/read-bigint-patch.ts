import bigInt, { type BigInteger } from 'big-integer';
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { nativeValueOf } from '../native-math/big-integer-value.ts';

/**
 * Replaces GramJS's `Helpers.readBigIntFromBuffer`, which every decoded message goes through for each of
 * its 64-bit fields (message id, salt, session id, key id, access hashes: `BinaryReader.readLong` →
 * `readLargeInt` → here). GramJS copies and reverses the bytes, formats them as hex, has big-integer parse
 * the hex digit by digit and, for signed reads, formats the value in binary to find its top bit: the
 * largest share of an idle or reconnecting process's CPU with 1,000 clients. The replacement reads the
 * eight bytes with Buffer's native 64-bit readers (other widths through one hex `BigInt`) and wraps the
 * result with `bigInt(bigint)`, which big-integer stores as the same native-BigInt value it builds itself.
 * GramJS's BinaryReader, MTProtoState, Authenticator and the rest look the function up on the module
 * object at call time (`(0, Helpers_1.readBigIntFromBuffer)(...)`), so swapping the export reaches every
 * client. Modules that copied it at load time (`tl/api.js`, for outgoing random ids) keep the original.
 * `toSignedLittleBuffer`, the way back to bytes for every outgoing message, is swapped the same way, and
 * so are the two Helpers functions that call Helpers' own copies directly (`generateRandomLong` for every
 * new session and message id, `generateKeyDataFromNonce` in each handshake).
 */

type ReadBigIntFromBuffer = (buffer: Buffer, little?: boolean, signed?: boolean) => BigInteger;
type ToSignedLittleBuffer = (big: unknown, length?: number) => Buffer;
type GenerateRandomLong = (signed?: boolean) => BigInteger;
type GenerateKeyDataFromNonce = (
  serverNonce: unknown,
  newNonce: unknown,
) => Promise<{ key: Buffer; iv: Buffer }>;

interface HelpersModule {
  readBigIntFromBuffer: ReadBigIntFromBuffer;
  toSignedLittleBuffer: ToSignedLittleBuffer;
  generateRandomLong: GenerateRandomLong;
  generateKeyDataFromNonce: GenerateKeyDataFromNonce;
}

/** GramJS's own functions, as they were before installation. */
export interface StockLongCodec {
  readonly readBigIntFromBuffer: ReadBigIntFromBuffer;
  readonly toSignedLittleBuffer: ToSignedLittleBuffer;
  readonly generateRandomLong: GenerateRandomLong;
  readonly generateKeyDataFromNonce: GenerateKeyDataFromNonce;
}

const PATCHED = [
  'readBigIntFromBuffer',
  'toSignedLittleBuffer',
  'generateRandomLong',
  'generateKeyDataFromNonce',
] as const;

const requireFromHere = createRequire(import.meta.url);

function helpersModule(): HelpersModule {
  const helpers = requireFromHere('telegram/Helpers') as HelpersModule;
  for (const name of PATCHED) {
    if (typeof helpers[name] !== 'function') {
      throw new Error(`GramJS no longer exports Helpers.${name}; update the patch`);
    }
  }
  return helpers;
}

let stock: StockLongCodec | undefined;

/** The value of `length` bytes read as an unsigned number, most significant byte at `little ? end : start`. */
function unsignedOf(buffer: Uint8Array, little: boolean): bigint {
  let hex = '0x';
  const { length } = buffer;
  for (let i = 0; i < length; i++) {
    const byte = buffer[little ? length - 1 - i : i] ?? 0;
    hex += byte < 16 ? `0${byte.toString(16)}` : byte.toString(16);
  }
  return BigInt(hex);
}

function nativeReadBigIntFromBuffer(buffer: Buffer, little = true, signed = false): BigInteger {
  // GramJS's defaults apply to undefined and nothing else; any other non-boolean flag (never passed by
  // GramJS) and the empty buffer go to its own code, whatever it makes of them.
  if (
    typeof little !== 'boolean' ||
    typeof signed !== 'boolean' ||
    !Buffer.isBuffer(buffer) ||
    buffer.length === 0
  ) {
    return (stock?.readBigIntFromBuffer ?? nativeUnavailable)(buffer, little, signed);
  }
  if (buffer.length === 8) {
    if (little) return bigInt(signed ? buffer.readBigInt64LE(0) : buffer.readBigUInt64LE(0));
    return bigInt(signed ? buffer.readBigInt64BE(0) : buffer.readBigUInt64BE(0));
  }
  const unsigned = unsignedOf(buffer, little);
  // GramJS subtracts 2^bits when the value's binary form is `bits` long, i.e. when the top bit is set.
  return bigInt(signed ? BigInt.asIntN(buffer.length * 8, unsigned) : unsigned);
}

/**
 * The other direction, for every outgoing encrypted message (its id, the salt and the session id):
 * GramJS shifts and masks a big-integer once per byte. The bytes are the value modulo 2^(8 * length),
 * little-endian (two's complement for negative values), whatever the value's size.
 */
function nativeToSignedLittleBuffer(big: unknown, length = 8): Buffer {
  if (!bigInt.isInstance(big) || !Number.isInteger(length) || length < 1) {
    return (stock?.toSignedLittleBuffer ?? nativeUnavailable)(big, length);
  }
  const bytes = BigInt.asUintN(length * 8, nativeValueOf(big));
  const result = Buffer.alloc(length);
  if (length === 8) {
    result.writeBigUInt64LE(bytes, 0);
    return result;
  }
  let rest = bytes;
  for (let i = 0; i < length && rest > 0n; i++) {
    result[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return result;
}

/** GramJS's random message ids and session ids: eight random bytes, read little-endian. */
function nativeGenerateRandomLong(signed = true): BigInteger {
  return nativeReadBigIntFromBuffer(randomBytes(8), true, signed);
}

/** The handshake's temporary AES key and IV from the nonces (MTProto's SHA-1 recipe), as GramJS derives them. */
function nativeGenerateKeyDataFromNonce(
  serverNonceBig: unknown,
  newNonceBig: unknown,
): Promise<{ key: Buffer; iv: Buffer }> {
  const serverNonce = nativeToSignedLittleBuffer(serverNonceBig, 16);
  const newNonce = nativeToSignedLittleBuffer(newNonceBig, 32);
  const sha1 = (data: Buffer): Buffer => createHash('sha1').update(data).digest();
  const hash1 = sha1(Buffer.concat([newNonce, serverNonce]));
  const hash2 = sha1(Buffer.concat([serverNonce, newNonce]));
  const hash3 = sha1(Buffer.concat([newNonce, newNonce]));
  return Promise.resolve({
    key: Buffer.concat([hash1, hash2.subarray(0, 12)]),
    iv: Buffer.concat([hash2.subarray(12, 20), hash3, newNonce.subarray(0, 4)]),
  });
}

function nativeUnavailable(): never {
  throw new Error('native 64-bit codec called before installation');
}

/** Installs the native reader and writer into GramJS (once per process) and returns GramJS's originals. */
export function installNativeBigIntReader(): StockLongCodec {
  const helpers = helpersModule();
  stock ??= {
    readBigIntFromBuffer: helpers.readBigIntFromBuffer,
    toSignedLittleBuffer: helpers.toSignedLittleBuffer,
    generateRandomLong: helpers.generateRandomLong,
    generateKeyDataFromNonce: helpers.generateKeyDataFromNonce,
  };
  helpers.readBigIntFromBuffer = nativeReadBigIntFromBuffer;
  helpers.toSignedLittleBuffer = nativeToSignedLittleBuffer;
  // Both call Helpers' own (stock) codec directly, so they are replaced too.
  helpers.generateRandomLong = nativeGenerateRandomLong;
  helpers.generateKeyDataFromNonce = nativeGenerateKeyDataFromNonce;
  return stock;
}

/** Whether GramJS currently calls the native functions (a canary for tests and start-up checks). */
export function isNativeBigIntReaderInstalled(): boolean {
  const helpers = helpersModule();
  return (
    helpers.readBigIntFromBuffer === nativeReadBigIntFromBuffer &&
    helpers.toSignedLittleBuffer === nativeToSignedLittleBuffer &&
    helpers.generateRandomLong === nativeGenerateRandomLong &&
    helpers.generateKeyDataFromNonce === nativeGenerateKeyDataFromNonce
  );
}
