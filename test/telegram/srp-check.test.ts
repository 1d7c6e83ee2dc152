import bigInt from 'big-integer';
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { Api, password as gramPassword } from 'telegram';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  installNativeArithmetic,
  type StockArithmetic,
} from '../../main/telegram/gramjs/arithmetic-patch.ts';
import {
  computeSrpCheck,
  SrpParameterError,
  stretchOnThisThread,
  stretchOnThreadPool,
  type KeyStretcher,
} from '../../main/telegram/native-math/srp-check.ts';
import { TELEGRAM_DH_PRIME_BYTES, TELEGRAM_DH_PRIME_HEX } from '../../main/crypto/telegram-prime.ts';

/** The native, non-blocking SRP gives byte for byte what GramJS's password.computeCheck gives. */

const requireCjs = createRequire(import.meta.url);
interface Helpers {
  modExp: StockArithmetic['modExp'];
  generateRandomBytes: (count: number) => Buffer;
}
const helpers = requireCjs('telegram/Helpers') as Helpers;

let stock: StockArithmetic;
let installedModExp: StockArithmetic['modExp'];
const originalRandom = helpers.generateRandomBytes;

beforeAll(() => {
  stock = installNativeArithmetic();
  installedModExp = helpers.modExp;
});
afterEach(() => {
  helpers.modExp = installedModExp;
  helpers.generateRandomBytes = originalRandom;
});

/** A repeatable byte stream: the same seed gives GramJS and the native code the same "random" a. */
function seededRandom(seed: string): (count: number) => Buffer {
  let counter = 0;
  return (count) => {
    const chunks: Buffer[] = [];
    let length = 0;
    while (length < count) {
      const chunk = createHash('sha512').update(`${seed}/${counter++}`).digest();
      chunks.push(chunk);
      length += chunk.length;
    }
    return Buffer.concat(chunks).subarray(0, count);
  };
}

/** An account.getPassword answer as Telegram sends it, with a valid srp_B = g^b mod p. */
function passwordState(g: number): Api.account.Password {
  const p = bigInt(TELEGRAM_DH_PRIME_HEX, 16);
  const b = bigInt(randomBytes(256).toString('hex'), 16);
  const srpB = Buffer.from(stock.modExp(bigInt(g), b, p).toString(16).padStart(512, '0'), 'hex');
  const algo = new Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow({
    salt1: randomBytes(40),
    salt2: randomBytes(16),
    g,
    p: TELEGRAM_DH_PRIME_BYTES,
  });
  return new Api.account.Password({
    hasPassword: true,
    currentAlgo: algo,
    srp_B: srpB,
    srpId: bigInt(randomBytes(7).toString('hex'), 16),
    newAlgo: algo,
    newSecureAlgo: new Api.SecurePasswordKdfAlgoPBKDF2HMACSHA512iter100000({ salt: randomBytes(8) }),
    secureRandom: randomBytes(32),
  });
}

async function gramCheck(
  state: Api.account.Password,
  password: string,
  seed: string,
): Promise<Api.InputCheckPasswordSRP> {
  // GramJS's computeCheck exactly as shipped: its own modExp, and its random bytes from the seed.
  helpers.modExp = stock.modExp;
  helpers.generateRandomBytes = seededRandom(seed);
  try {
    return await gramPassword.computeCheck(state, password);
  } finally {
    helpers.modExp = installedModExp;
    helpers.generateRandomBytes = originalRandom;
  }
}

describe('computeSrpCheck', () => {
  it.each([
    ['ascii', 'correct horse battery staple', 3],
    ['empty', '', 3],
    ['unicode', 'пароль ✓ 密码', 4],
    ['g = 5', 'p4ss', 5],
    ['g = 7', 'another one', 7],
    ['long', 'x'.repeat(300), 3],
  ])('matches GramJS for a %s password', async (_name, password, g) => {
    const state = passwordState(g);
    const seed = randomBytes(8).toString('hex');
    const expected = await gramCheck(state, password, seed);
    const actual = await computeSrpCheck(state, password, { random: seededRandom(seed) });
    expect(actual.srpId.toString()).toBe(expected.srpId.toString());
    expect(actual.A.toString('hex')).toBe(expected.A.toString('hex'));
    expect(actual.M1.toString('hex')).toBe(expected.M1.toString('hex'));
  });

  it('refuses what GramJS refuses: another prime, another generator, srp_B out of range', async () => {
    const wrongPrime = passwordState(3);
    const algo =
      wrongPrime.currentAlgo as Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow;
    algo.p = Buffer.from(randomBytes(256));
    await expect(computeSrpCheck(wrongPrime, 'x')).rejects.toBeInstanceOf(SrpParameterError);
    await expect(gramPassword.computeCheck(wrongPrime, 'x')).rejects.toThrow();
    const wrongG = passwordState(3);
    (wrongG.currentAlgo as typeof algo).g = 2;
    await expect(computeSrpCheck(wrongG, 'x')).rejects.toBeInstanceOf(SrpParameterError);
    const zeroB = passwordState(3);
    zeroB.srp_B = Buffer.alloc(256);
    await expect(computeSrpCheck(zeroB, 'x')).rejects.toBeInstanceOf(SrpParameterError);
  });

  it('gives each of many checks run at once the same answer as GramJS', async () => {
    const cases = Array.from({ length: 6 }, (_, i) => ({
      state: passwordState(3),
      password: `password ${String(i)}`,
      seed: randomBytes(8).toString('hex'),
    }));
    // GramJS's side one at a time: gramCheck swaps GramJS's random source for the seeded one.
    const expected: Api.InputCheckPasswordSRP[] = [];
    for (const c of cases) expected.push(await gramCheck(c.state, c.password, c.seed));
    const actual = await Promise.all(
      cases.map((c) => computeSrpCheck(c.state, c.password, { random: seededRandom(c.seed) })),
    );
    expect(actual.map((a) => a.M1.toString('hex'))).toEqual(expected.map((e) => e.M1.toString('hex')));
    expect(actual.map((a) => a.A.toString('hex'))).toEqual(expected.map((e) => e.A.toString('hex')));
  });

  it.each([
    ['on the thread pool', stretchOnThreadPool],
    ['on this thread', stretchOnThisThread],
  ])('matches GramJS with the PBKDF2 %s', async (_where, stretch) => {
    const state = passwordState(3);
    const seed = randomBytes(8).toString('hex');
    const expected = await gramCheck(state, 'stretched', seed);
    const actual = await computeSrpCheck(state, 'stretched', { random: seededRandom(seed), stretch });
    expect(actual.M1.toString('hex')).toBe(expected.M1.toString('hex'));
  });

  it('on this thread, stretches one password per turn of the event loop, however many checks run at once', async () => {
    let turns = 0;
    let spinning = true;
    const spin = (): void => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const turnsAtEachStretch: number[] = [];
    const counted: KeyStretcher = async (secret, salt) => {
      const result = await stretchOnThisThread(secret, salt);
      turnsAtEachStretch.push(turns);
      return result;
    };
    try {
      await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          computeSrpCheck(passwordState(3), `at once ${String(i)}`, { stretch: counted }),
        ),
      );
    } finally {
      spinning = false;
    }
    // Other work ran between any two stretches: none followed another in the same turn.
    expect(turnsAtEachStretch).toHaveLength(4);
    for (let i = 1; i < turnsAtEachStretch.length; i++) {
      expect(turnsAtEachStretch[i]).toBeGreaterThan(turnsAtEachStretch[i - 1] ?? Infinity);
    }
  });

  it('does not block the event loop for the PBKDF2 rounds', async () => {
    const state = passwordState(3);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      await computeSrpCheck(state, 'tick tock');
    } finally {
      clearInterval(timer);
    }
    // PBKDF2 (~100 ms) runs on the thread pool, so the 5 ms timer keeps firing meanwhile.
    expect(ticks).toBeGreaterThan(3);
  });
});
