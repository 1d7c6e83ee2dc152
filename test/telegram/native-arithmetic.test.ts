import bigInt, { type BigInteger } from 'big-integer';
import { generatePrimeSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { bigintModPow } from '../../main/crypto/bigint-modpow.ts';
import {
  installNativeArithmetic,
  isNativeArithmeticInstalled,
  type StockArithmetic,
} from '../../main/telegram/gramjs/arithmetic-patch.ts';
import { modPowBackend } from '../../main/crypto/mod-pow.ts';
import { pollardBrentDivisor } from '../../main/telegram/native-math/pollard-brent.ts';
import { squfofFactor } from '../../main/telegram/native-math/squfof.ts';
import { opensslModPow } from '../../main/crypto/openssl-modpow.ts';
import { fitsOpenSslRsaModPow, opensslRsaModPow } from '../../main/crypto/openssl-rsa-modpow.ts';
import { TELEGRAM_DH_PRIME_HEX } from '../../main/crypto/telegram-prime.ts';
import { codeSent, GatewayHarness } from './harness.ts';

/** The native replacements give GramJS exactly what its own functions give, and GramJS really calls them. */

const requireCjs = createRequire(import.meta.url);
interface Helpers {
  modExp: StockArithmetic['modExp'];
  getByteArray(value: BigInteger): Buffer;
}
interface FactorizatorModule {
  Factorizator: { factorize: StockArithmetic['factorize'] };
}
const helpers = requireCjs('telegram/Helpers') as Helpers;
const { Factorizator } = requireCjs('telegram/crypto/Factorizator') as FactorizatorModule;

let stock: StockArithmetic;

beforeAll(() => {
  stock = installNativeArithmetic();
});

function randomBig(bytes: number): BigInteger {
  return bigInt(randomBytes(bytes).toString('hex'), 16);
}

function oddModulus(bytes: number, topByte?: number): BigInteger {
  const raw = randomBytes(bytes);
  raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) | 1;
  if (topByte !== undefined) raw[0] = topByte;
  return bigInt(raw.toString('hex'), 16);
}

/** Same value and same bytes (getByteArray drops leading zero bytes; it must drop the same ones). */
function expectSameResult(native: BigInteger, original: BigInteger, what: string): void {
  expect(native.toString(16), what).toBe(original.toString(16));
  // GramJS keeps the sign of a negative base; such results have no unsigned byte form to compare.
  if (original.isNegative()) return;
  expect(helpers.getByteArray(native).equals(helpers.getByteArray(original)), what).toBe(true);
}

describe('modExp', () => {
  it('is installed and is not GramJS’s function', () => {
    expect(isNativeArithmeticInstalled()).toBe(true);
    expect(helpers.modExp).not.toBe(stock.modExp);
  });

  it('matches GramJS on handshake- and SRP-sized numbers (2048-bit modulus, 2048-bit exponent)', () => {
    const prime = bigInt(TELEGRAM_DH_PRIME_HEX, 16);
    const cases: [BigInteger, BigInteger, BigInteger][] = [];
    for (let i = 0; i < 12; i++) cases.push([randomBig(256), randomBig(256), prime]);
    for (let i = 0; i < 6; i++) cases.push([bigInt(3), randomBig(256), prime]);
    // Exponent longer than the modulus (SRP's a + u·x).
    for (let i = 0; i < 4; i++) cases.push([randomBig(256), randomBig(300), prime]);
    for (let i = 0; i < 8; i++) cases.push([randomBig(256), randomBig(256), oddModulus(256)]);
    for (const [a, b, n] of cases)
      expectSameResult(
        helpers.modExp(a, b, n),
        stock.modExp(a, b, n),
        `${a.toString()}^${b.toString()} mod ${n.toString()}`,
      );
  });

  it('matches GramJS where results are shorter than the modulus (leading zero bytes)', () => {
    let shortResults = 0;
    for (let i = 0; i < 16; i++) {
      // A modulus whose top byte is 1: about half of all results fit in one byte less.
      const n = oddModulus(256, 1);
      const [a, b] = [randomBig(255), randomBig(256)];
      const original = stock.modExp(a, b, n);
      if (helpers.getByteArray(original).length < 256) shortResults++;
      expectSameResult(helpers.modExp(a, b, n), original, 'short result');
    }
    expect(shortResults).toBeGreaterThan(0);
    // Small results on the OpenSSL path too: 2^k for k below the modulus size, exponent over 64 bits.
    const prime = bigInt(TELEGRAM_DH_PRIME_HEX, 16);
    const exponent = bigInt('1'.padEnd(30, '0'), 16);
    expectSameResult(
      helpers.modExp(bigInt(2), exponent, prime),
      stock.modExp(bigInt(2), exponent, prime),
      '2^k',
    );
  });

  it('matches GramJS on edge cases: RSA exponent, tiny numbers, bases 0, 1, n-1, n, above n, even moduli', () => {
    const prime = bigInt(TELEGRAM_DH_PRIME_HEX, 16);
    const big = randomBig(256);
    const cases: [BigInteger, BigInteger, BigInteger][] = [
      [randomBig(255), bigInt(65537), oddModulus(256)],
      [bigInt(0), big, prime],
      [bigInt(1), big, prime],
      [prime.minus(1), big, prime],
      [prime.minus(1), big.add(1), prime],
      [prime, big, prime],
      [prime.multiply(3).add(5), big, prime],
      [randomBig(300), big, prime],
      [randomBig(256), big, oddModulus(256).add(1)],
      [randomBig(8), randomBig(8), oddModulus(8)],
      [bigInt(7), bigInt(2), bigInt(1)],
      [bigInt(7), bigInt(0), bigInt(1)],
      [bigInt(7), bigInt(0), prime],
      [bigInt(7), bigInt(1), prime],
      [bigInt(-7), bigInt(3), bigInt(11)],
      [bigInt(7), bigInt(-3), bigInt(11)],
      [bigInt(5), bigInt(3), bigInt(2)],
    ];
    for (let i = 0; i < 200; i++)
      cases.push([randomBig(1 + (i % 9)), randomBig(1 + (i % 5)), randomBig(1 + (i % 7)).add(1)]);
    for (const [a, b, n] of cases)
      expectSameResult(
        helpers.modExp(a, b, n),
        stock.modExp(a, b, n),
        `${a.toString()}^${b.toString()} mod ${n.toString()}`,
      );
  });

  it('OpenSSL and the portable bigint path agree', () => {
    expect(modPowBackend()).toBe('openssl');
    const p = BigInt(`0x${TELEGRAM_DH_PRIME_HEX}`);
    for (let i = 0; i < 10; i++) {
      const base = BigInt(`0x${randomBytes(255).toString('hex')}`);
      const exponent = BigInt(`0x${randomBytes(256).toString('hex')}`);
      expect(opensslModPow(base, exponent, p)).toBe(bigintModPow(base, exponent, p));
    }
  });

  it('OpenSSL gives exact values at the edges: short results, extreme bases, exponents longer than p', () => {
    const p = BigInt(`0x${TELEGRAM_DH_PRIME_HEX}`);
    const long = BigInt(`0x01${randomBytes(256).toString('hex')}`);
    const cases: [bigint, bigint, bigint][] = [
      // 2^100 and 3^65 are far shorter than p: their bytes start with many zeros in a 256-byte field.
      [2n, 100n, p],
      [3n, 2n ** 64n + 1n, p],
      [2n, long, p],
      [p - 2n, long, p],
      [p - 2n, 2n ** 65n, p],
      [BigInt(`0x${randomBytes(64).toString('hex')}`) | 1n, long, p],
      // A 512-bit odd modulus, OpenSSL's smallest.
      [5n, long, (1n << 511n) | BigInt(`0x${randomBytes(63).toString('hex')}`) | 1n],
    ];
    for (const [base, exponent, modulus] of cases) {
      expect(opensslModPow(base, exponent, modulus)).toBe(bigintModPow(base, exponent, modulus));
    }
  });
});

describe('small odd exponents through OpenSSL’s raw RSA operation', () => {
  const randomBelow = (modulus: bigint): bigint =>
    BigInt(`0x${randomBytes(Math.ceil(modulus.toString(16).length / 2) + 8).toString('hex')}`) % modulus;

  it('gives base^e mod n exactly, for RSA exponents, random odd moduli and edge bases', () => {
    const moduli = [
      BigInt(`0x${TELEGRAM_DH_PRIME_HEX}`),
      (1n << 2047n) | BigInt(`0x${randomBytes(256).toString('hex')}`) | 1n,
      (1n << 511n) | BigInt(`0x${randomBytes(63).toString('hex')}`) | 1n,
    ];
    for (const modulus of moduli) {
      for (const exponent of [3n, 17n, 65537n, 2n ** 31n + 11n]) {
        const bases = [0n, 1n, 2n, modulus - 1n, ...Array.from({ length: 8 }, () => randomBelow(modulus))];
        for (const base of bases) {
          expect(fitsOpenSslRsaModPow(base, exponent, modulus)).toBe(true);
          expect(opensslRsaModPow(base, exponent, modulus)).toBe(bigintModPow(base, exponent, modulus));
        }
      }
    }
  });

  it('is not used where OpenSSL would refuse or the portable path is right', () => {
    const modulus = BigInt(`0x${TELEGRAM_DH_PRIME_HEX}`);
    expect(fitsOpenSslRsaModPow(2n, 65536n, modulus)).toBe(false); // even exponent
    expect(fitsOpenSslRsaModPow(2n, 1n, modulus)).toBe(false);
    expect(fitsOpenSslRsaModPow(2n, 2n ** 33n + 1n, modulus)).toBe(false);
    expect(fitsOpenSslRsaModPow(modulus, 65537n, modulus)).toBe(false); // base not reduced
    expect(fitsOpenSslRsaModPow(2n, 65537n, (1n << 500n) + 1n)).toBe(false); // below 512 bits
    expect(fitsOpenSslRsaModPow(2n, 65537n, modulus + 1n)).toBe(false); // even modulus
  });
});

describe('factorize', () => {
  function semiprime(): { p: bigint; q: bigint; pq: BigInteger } {
    const p = generatePrimeSync(31, { bigint: true });
    let q = generatePrimeSync(31, { bigint: true });
    while (q === p) q = generatePrimeSync(31, { bigint: true });
    return { p, q, pq: bigInt((p * q).toString()) };
  }

  it('splits many handshake-sized pq into their two primes, smaller first', () => {
    for (let i = 0; i < 300; i++) {
      const { p, q, pq } = semiprime();
      const { p: first, q: second } = Factorizator.factorize(pq);
      expect([first.toString(), second.toString()]).toEqual([p < q ? p : q, p < q ? q : p].map(String));
    }
  });

  it('is installed and splits pq exactly as GramJS does (GramJS takes ~0.4 s each, so fewer here)', () => {
    expect(Factorizator.factorize).not.toBe(stock.factorize);
    for (let i = 0; i < 8; i++) {
      const { pq } = semiprime();
      const native = Factorizator.factorize(pq);
      const original = stock.factorize(pq);
      expect([native.p.toString(), native.q.toString()]).toEqual([
        original.p.toString(),
        original.q.toString(),
      ]);
      expect(helpers.getByteArray(native.p).equals(helpers.getByteArray(original.p))).toBe(true);
    }
  });

  it('has two independent splitters: SQUFOF and the Pollard-Brent fallback both find a prime factor', () => {
    for (let i = 0; i < 50; i++) {
      const { p, q } = semiprime();
      for (const divisor of [squfofFactor(p * q), pollardBrentDivisor(p * q)])
        expect([p, q]).toContain(divisor);
    }
  });

  it('leaves even numbers to GramJS’s own answer', () => {
    for (const value of [4, 6, 1024, 2 * 1229739323]) {
      const native = Factorizator.factorize(bigInt(value));
      const original = stock.factorize(bigInt(value));
      expect([native.p.toString(), native.q.toString()]).toEqual([
        original.p.toString(),
        original.q.toString(),
      ]);
    }
  });
});

describe('canary: GramJS looks both functions up on its modules at call time', () => {
  it('still has the call sites the patch relies on', () => {
    const authenticator = readFileSync(requireCjs.resolve('telegram/network/Authenticator'), 'utf8');
    expect(authenticator).toContain('(0, Helpers_1.modExp)(');
    expect(authenticator).toContain('Factorizator_1.Factorizator.factorize(pq)');
    const password = readFileSync(requireCjs.resolve('telegram/Password'), 'utf8');
    expect(password).toContain('(0, Helpers_1.modExp)(');
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

  it('a real handshake goes through the installed functions', async () => {
    const gateway = harness.gateway();
    const installedModExp = helpers.modExp;
    const installedFactorize = Factorizator.factorize;
    const calls = { modExp: 0, factorize: 0 };
    helpers.modExp = (a, b, n) => {
      calls.modExp++;
      return installedModExp(a, b, n);
    };
    Factorizator.factorize = (pq) => {
      calls.factorize++;
      return installedFactorize(pq);
    };
    try {
      const login = await harness.login(gateway);
      codeSent(await login.sendCode('+15550001234', []));
    } finally {
      helpers.modExp = installedModExp;
      Factorizator.factorize = installedFactorize;
    }
    // RSA, g^b and g_a^b; one pq.
    expect(calls.modExp).toBeGreaterThanOrEqual(3);
    expect(calls.factorize).toBeGreaterThanOrEqual(1);
    expect(isNativeArithmeticInstalled()).toBe(true);
  });
});
