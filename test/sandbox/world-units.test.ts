import { describe, expect, it } from 'vitest';
import bigInt from 'big-integer';
import { Api, password } from 'telegram';
import { ManualClock } from '../../main/sandbox/index.ts';
import { RpcFailure } from '../../main/sandbox/mtproto/rpc-types.ts';
import { TELEGRAM_DH_PRIME } from '../../main/sandbox/crypto/dh-prime.ts';
import { SlidingWindowLimiter } from '../../main/sandbox/world/flood-limiter.ts';
import { FutureAuthTokens, MAX_FUTURE_AUTH_TOKENS } from '../../main/sandbox/world/future-auth-tokens.ts';
import { Outbox } from '../../main/sandbox/world/outbox.ts';
import { normalizePhone, parseTestNumber } from '../../main/sandbox/world/phone-numbers.ts';
import { makePasswordVerifier, srpChallenge, srpVerify } from '../../main/sandbox/world/srp.ts';
import { codeMatches, issueCode } from '../../main/sandbox/world/code-delivery.ts';

/** The world's building blocks on their own (no sockets). */

describe('phone numbers', () => {
  it('normalises formatting and recognises test numbers', () => {
    expect(normalizePhone(' +1 (555) 000-1234 ')).toBe('15550001234');
    expect(normalizePhone('123456')).toBeUndefined();
    expect(normalizePhone('1234567890123456')).toBeUndefined();
    expect(normalizePhone('+1 555 O00 1234')).toBeUndefined();
    expect(parseTestNumber('9996651234')).toEqual({ dcId: 5, code: '55555' });
    expect(parseTestNumber('99966512345')).toBeUndefined();
  });
});

describe('SlidingWindowLimiter', () => {
  it('answers FLOOD_WAIT_X with X the seconds until the oldest event leaves the window', () => {
    const clock = new ManualClock(0);
    const limiter = new SlidingWindowLimiter({ limit: 2, windowSeconds: 100 }, clock);
    limiter.record('a');
    clock.advance(40_500);
    limiter.record('a');
    expect(limiter.waitSeconds('b')).toBe(0);
    expect(() => {
      limiter.check('a');
    }).toThrow(new RpcFailure(420, 'FLOOD_WAIT_60'));
    clock.advance(59_499);
    expect(limiter.waitSeconds('a')).toBe(1);
    clock.advance(1);
    expect(limiter.waitSeconds('a')).toBe(0);
  });
});

describe('FutureAuthTokens', () => {
  it('keeps the newest 20 per account, single-use, for the right account only', () => {
    const tokens = new FutureAuthTokens(new ManualClock(0), 60);
    const issued = Array.from({ length: MAX_FUTURE_AUTH_TOKENS + 1 }, () => tokens.issue(1n));
    expect(tokens.count(1n)).toBe(20);
    const [oldest, second] = issued;
    if (!oldest || !second) throw new Error('no tokens');
    expect(tokens.redeem(1n, [oldest])).toBe(false);
    expect(tokens.redeem(2n, [second])).toBe(false);
    expect(tokens.redeem(1n, [second])).toBe(true);
    expect(tokens.redeem(1n, [second])).toBe(false);
  });
});

describe('Outbox', () => {
  it('finds entries by phone in any formatting', () => {
    const outbox = new Outbox();
    const seen: string[] = [];
    const stop = outbox.subscribe((e) => seen.push(e.code));
    const base = { kind: 'sms', dcId: 2, atMs: 0, phoneCodeHash: 'h', text: '' } as const;
    outbox.record({ ...base, phone: '15550001234', code: '11111' });
    outbox.record({ ...base, phone: '15550009999', code: '22222' });
    stop();
    outbox.record({ ...base, phone: '15550001234', code: '33333' });
    expect(outbox.lastCode('+1 555 000 1234')).toBe('33333');
    expect(outbox.entries('+15550001234').map((e) => e.code)).toEqual(['11111', '33333']);
    expect(seen).toEqual(['11111', '22222']);
  });
});

describe('codes', () => {
  it('matches digits ignoring separators, words and phrases ignoring case and spacing', () => {
    const digits = issueCode(
      { type: 'sms', length: 6 },
      { fixedCode: undefined, codeLength: 5, loginEmail: undefined },
    );
    expect(digits.code).toMatch(/^\d{6}$/);
    expect(codeMatches(digits, `${digits.code.slice(0, 3)} ${digits.code.slice(3)}`)).toBe(true);
    const phrase = issueCode(
      { type: 'smsPhrase', phrase: 'Red Fox Jumps' },
      { fixedCode: '12345', codeLength: 5, loginEmail: undefined },
    );
    expect(phrase.code).toBe('red fox jumps');
    expect(codeMatches(phrase, ' RED  fox jumps ')).toBe(true);
    expect(codeMatches(phrase, 'red fox')).toBe(false);
  });
});

describe('SRP', () => {
  it('verifies GramJS’s computeCheck for the right password only', async () => {
    const verifier = await makePasswordVerifier('pässword');
    const challenge = srpChallenge(verifier);
    const algo = new Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow({
      salt1: verifier.salt1,
      salt2: verifier.salt2,
      g: 3,
      p: TELEGRAM_DH_PRIME,
    });
    const state = new Api.account.Password({
      hasPassword: true,
      currentAlgo: algo,
      srp_B: challenge.B,
      srpId: bigInt(1),
      newAlgo: algo,
      newSecureAlgo: new Api.SecurePasswordKdfAlgoUnknown(),
      secureRandom: Buffer.alloc(32),
    });
    const right = await password.computeCheck(state, 'pässword');
    const wrong = await password.computeCheck(state, 'password');
    expect(srpVerify(verifier, challenge, Buffer.from(right.A), Buffer.from(right.M1))).toBe(true);
    expect(srpVerify(verifier, challenge, Buffer.from(wrong.A), Buffer.from(wrong.M1))).toBe(false);
    expect(srpVerify(verifier, srpChallenge(verifier), Buffer.from(right.A), Buffer.from(right.M1))).toBe(
      false,
    );
    expect(srpVerify(verifier, challenge, Buffer.alloc(256), Buffer.from(right.M1))).toBe(false);
  });
});
