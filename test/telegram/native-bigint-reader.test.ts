import bigInt, { type BigInteger } from 'big-integer';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import {
  installNativeBigIntReader,
  isNativeBigIntReaderInstalled,
  type StockLongCodec,
} from '../../main/telegram/gramjs/read-bigint-patch.ts';
import { codeSent, GatewayHarness } from './harness.ts';

/** The native reader gives GramJS exactly what its own readBigIntFromBuffer gives, and GramJS calls it. */

type Read = (buffer: Buffer, little?: boolean, signed?: boolean) => BigInteger;
type Write = (big: unknown, length?: number) => Buffer;
const requireCjs = createRequire(import.meta.url);
const helpers = requireCjs('telegram/Helpers') as {
  readBigIntFromBuffer: Read;
  toSignedLittleBuffer: Write;
  generateRandomLong: (signed?: boolean) => BigInteger;
  generateKeyDataFromNonce: (serverNonce: unknown, newNonce: unknown) => Promise<{ key: Buffer; iv: Buffer }>;
};

let stock: Read;
let stockWrite: Write;
let stockCodec: StockLongCodec;

beforeAll(() => {
  stockCodec = installNativeBigIntReader();
  stock = stockCodec.readBigIntFromBuffer;
  stockWrite = stockCodec.toSignedLittleBuffer;
});

/** Same value, same big-integer representation, for every endianness and signedness. */
function expectSame(buffer: Buffer): void {
  for (const little of [true, false]) {
    for (const signed of [true, false]) {
      const what = `${buffer.toString('hex')} little=${String(little)} signed=${String(signed)}`;
      const original = stock(buffer, little, signed);
      const native = helpers.readBigIntFromBuffer(buffer, little, signed);
      expect(native.toString(), what).toBe(original.toString());
      expect(Object.getPrototypeOf(native), what).toBe(Object.getPrototypeOf(original));
      expect(native.equals(original), what).toBe(true);
    }
  }
}

describe('readBigIntFromBuffer', () => {
  it('is installed and is not GramJS’s function', () => {
    expect(isNativeBigIntReaderInstalled()).toBe(true);
    expect(helpers.readBigIntFromBuffer).not.toBe(stock);
    expect(installNativeBigIntReader().readBigIntFromBuffer).toBe(stock);
    expect(helpers.toSignedLittleBuffer).not.toBe(stockWrite);
  });

  it('matches GramJS on random buffers of 1 to 32 bytes, both byte orders, signed and unsigned', () => {
    for (let round = 0; round < 40; round++) {
      for (let length = 1; length <= 32; length++) expectSame(randomBytes(length));
    }
  });

  it('matches GramJS on edge cases: zero, all ones, only the top bit, only the lowest bit', () => {
    for (let length = 1; length <= 32; length++) {
      expectSame(Buffer.alloc(length));
      expectSame(Buffer.alloc(length, 0xff));
      for (const at of [0, length - 1]) {
        for (const byte of [0x80, 0x7f, 0x01]) {
          const edge = Buffer.alloc(length);
          edge[at] = byte;
          expectSame(edge);
          const inverted = Buffer.alloc(length, 0xff);
          inverted[at] = byte;
          expectSame(inverted);
        }
      }
    }
  });

  it('keeps GramJS’s defaults (little-endian, unsigned) and leaves the caller’s buffer alone', () => {
    const buffer = Buffer.from('0102030405060780', 'hex');
    const copy = Buffer.from(buffer);
    expect(helpers.readBigIntFromBuffer(buffer).toString()).toBe(stock(buffer).toString());
    expect(helpers.readBigIntFromBuffer(buffer, true).toString()).toBe(stock(buffer, true).toString());
    expect(helpers.readBigIntFromBuffer(buffer, false).toString()).toBe(stock(buffer, false).toString());
    expect(buffer.equals(copy)).toBe(true);
    expect(helpers.readBigIntFromBuffer(buffer, true, true).toString()).toBe('-9221395093405892095');
  });

  it('reads from a view into a larger buffer (BinaryReader hands over slices)', () => {
    const stream = randomBytes(64);
    for (let offset = 0; offset + 8 <= 64; offset += 3) expectSame(stream.subarray(offset, offset + 8));
  });

  it('gives values GramJS’s arithmetic accepts (added, compared, written back as bytes)', () => {
    const buffer = randomBytes(8);
    const native = helpers.readBigIntFromBuffer(buffer, true, true);
    const original = stock(buffer, true, true);
    expect(native.add(1).subtract(original).toString()).toBe('1');
    expect(native.compare(original)).toBe(0);
    expect(native.toString(16)).toBe(original.toString(16));
  });
});

/** Same bytes as GramJS writes, for lengths 1 to 32 (GramJS writes 8 and 32). */
function expectSameBytes(value: BigInteger): void {
  for (let length = 1; length <= 32; length++) {
    const what = `${value.toString()} length=${String(length)}`;
    expect(helpers.toSignedLittleBuffer(value, length).toString('hex'), what).toBe(
      stockWrite(value, length).toString('hex'),
    );
  }
  expect(helpers.toSignedLittleBuffer(value).toString('hex')).toBe(stockWrite(value).toString('hex'));
}

describe('toSignedLittleBuffer', () => {
  it('matches GramJS on random values of 1 to 32 bytes, negative and positive, also wider than the output', () => {
    for (let round = 0; round < 10; round++) {
      for (let length = 1; length <= 32; length++) {
        const raw = randomBytes(length);
        expectSameBytes(stock(raw, true, true));
        expectSameBytes(stock(raw, true, false));
      }
    }
  });

  it('matches GramJS on edge cases: zero, -1, ±2^63, 2^64 - 1, 2^64', () => {
    for (const text of [
      '0',
      '-1',
      '1',
      '9223372036854775807',
      '-9223372036854775808',
      '9223372036854775808',
      '18446744073709551615',
      '18446744073709551616',
      '-18446744073709551617',
    ]) {
      expectSameBytes(bigInt(text));
    }
  });

  it('round-trips a read', () => {
    const raw = randomBytes(8);
    expect(helpers.toSignedLittleBuffer(helpers.readBigIntFromBuffer(raw, true, true)).equals(raw)).toBe(
      true,
    );
  });
});

describe('generateKeyDataFromNonce', () => {
  it('derives the same temporary key and IV as GramJS from random nonces, small ones included', async () => {
    const nonces: [BigInteger, BigInteger][] = [
      [bigInt(0), bigInt(-1)],
      [bigInt(12345), bigInt(-678)],
    ];
    for (let round = 0; round < 50; round++) {
      nonces.push([stock(randomBytes(16), true, true), stock(randomBytes(32), true, true)]);
    }
    for (const [serverNonce, newNonce] of nonces) {
      const native = await helpers.generateKeyDataFromNonce(serverNonce, newNonce);
      const original = await stockCodec.generateKeyDataFromNonce(serverNonce, newNonce);
      expect(native.key.toString('hex')).toBe(original.key.toString('hex'));
      expect(native.iv.toString('hex')).toBe(original.iv.toString('hex'));
    }
  });
});

describe('generateRandomLong', () => {
  it('gives signed and unsigned 64-bit values of the kind GramJS makes', () => {
    const signed = Array.from({ length: 200 }, () => helpers.generateRandomLong(true));
    const unsigned = Array.from({ length: 200 }, () => helpers.generateRandomLong(false));
    const asBig = (value: BigInteger): bigint => BigInt(value.toString());
    expect(signed.every((v) => asBig(v) >= -(2n ** 63n) && asBig(v) < 2n ** 63n)).toBe(true);
    expect(unsigned.every((v) => asBig(v) >= 0n && asBig(v) < 2n ** 64n)).toBe(true);
    // Random: negative ones among the signed, top-half ones among the unsigned, no repeats.
    expect(signed.some((v) => v.isNegative())).toBe(true);
    expect(unsigned.some((v) => asBig(v) >= 2n ** 63n)).toBe(true);
    expect(new Set(signed.map(String)).size).toBe(200);
    expect(Object.getPrototypeOf(helpers.generateRandomLong())).toBe(
      Object.getPrototypeOf(stockCodec.generateRandomLong()),
    );
    expect(helpers.generateRandomLong).not.toBe(stockCodec.generateRandomLong);
  });
});

describe('canary: GramJS looks the reader up on its module at call time', () => {
  it('still has the call sites the patch relies on', () => {
    const authenticator = readFileSync(requireCjs.resolve('telegram/network/Authenticator'), 'utf8');
    expect(authenticator).toContain('(0, Helpers_1.generateKeyDataFromNonce)(');
    const stateSource = readFileSync(requireCjs.resolve('telegram/network/MTProtoState'), 'utf8');
    expect(stateSource).toContain('helpers.generateRandomLong(true)');
    const reader = readFileSync(requireCjs.resolve('telegram/extensions/BinaryReader'), 'utf8');
    expect(reader).toContain('(0, Helpers_1.readBigIntFromBuffer)(buffer, true, signed)');
    const state = readFileSync(requireCjs.resolve('telegram/network/MTProtoState'), 'utf8');
    expect(state).toContain('(0, Helpers_1.toSignedLittleBuffer)(msgId, 8)');
  });

  let sandbox: Sandbox;
  let harness: GatewayHarness;
  beforeAll(async () => {
    sandbox = await startSandbox({ dcIds: [2] });
    harness = new GatewayHarness(sandbox);
  });
  afterEach(async () => {
    await harness.destroyAll();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('a real login decodes and encrypts messages through the installed functions', async () => {
    const gateway = harness.gateway();
    expect(isNativeBigIntReaderInstalled()).toBe(true);
    const installed = helpers.readBigIntFromBuffer;
    const installedWrite = helpers.toSignedLittleBuffer;
    let calls = 0;
    let writes = 0;
    helpers.readBigIntFromBuffer = (buffer, little, signed) => {
      calls++;
      return installed(buffer, little, signed);
    };
    helpers.toSignedLittleBuffer = (big, length) => {
      writes++;
      return installedWrite(big, length);
    };
    try {
      const login = await harness.login(gateway);
      codeSent(await login.sendCode('+15550001234', []));
    } finally {
      helpers.readBigIntFromBuffer = installed;
      helpers.toSignedLittleBuffer = installedWrite;
    }
    // Message ids, salts and key ids of the handshake and of the replies all pass through it.
    expect(calls).toBeGreaterThan(4);
    expect(writes).toBeGreaterThan(2);
    expect(isNativeBigIntReaderInstalled()).toBe(true);
  });
});
