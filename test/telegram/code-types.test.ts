import { Api } from 'telegram';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CodeDelivery, NextMedium } from '../../main/contract/delivery.ts';
import { startSandbox, type DeliveryRung, type Sandbox } from '../../main/sandbox/index.ts';
import { codeDeliveryOf, sentCodeViewOf } from '../../main/telegram/sent-code-mapping.ts';
import { appErrorOf, codeSent, GatewayHarness, lastCode } from './harness.ts';

/** Every auth.SentCodeType of layer 198 as the UI gets it, with the next medium and when a resend is allowed. */

const NOW = Date.UTC(2026, 4, 1, 12, 0, 0);

const LADDER: DeliveryRung[] = [
  { type: 'app', length: 6, timeout: 30 },
  { type: 'sms', timeout: 40 },
  { type: 'call', timeout: 50 },
  { type: 'flashCall', prefix: '+4470', timeout: 61 },
  { type: 'missedCall', prefix: '+4471', length: 4, timeout: 62 },
  { type: 'email', length: 6, timeout: 63 },
  { type: 'setUpEmail', timeout: 64 },
  { type: 'fragmentSms', url: 'https://fragment.com/number/88800001111/code', timeout: 65 },
  { type: 'firebaseSms', timeout: 66 },
  { type: 'smsWord', word: 'falcon', timeout: 67 },
  { type: 'smsPhrase', phrase: 'quiet blue river' },
];

const LADDER_PHONE = '+15550008001';
const NO_TIMEOUT_PHONE = '+15550008002';

/** What each rung must look like: delivery, next medium, resend wait in seconds (null: no resend). */
const EXPECTED: [CodeDelivery, NextMedium | null, number | null][] = [
  [{ kind: 'app', length: 6 }, 'sms', 30],
  [{ kind: 'sms', length: 5 }, 'call', 40],
  [{ kind: 'call', length: 5 }, 'flashCall', 50],
  [{ kind: 'flashCall', pattern: '+4470*****' }, 'missedCall', 61],
  // Email rungs have no auth.CodeType, so Telegram leaves next_type out: no resend control.
  [{ kind: 'missedCall', prefix: '+4471', length: 4 }, null, null],
  [
    {
      kind: 'email',
      emailPattern: 'l***@example.com',
      length: 6,
      appleSignInAllowed: false,
      googleSignInAllowed: false,
      resetAvailableAt: null,
      resetPendingAt: null,
    },
    null,
    null,
  ],
  [{ kind: 'setUpEmailRequired', appleSignInAllowed: false, googleSignInAllowed: false }, 'fragmentSms', 64],
  [{ kind: 'fragmentSms', url: 'https://fragment.com/number/88800001111/code', length: 5 }, 'sms', 65],
  [{ kind: 'firebaseSms', length: 5 }, 'sms', 66],
  [{ kind: 'smsWord', beginning: 'f' }, 'sms', 67],
  [{ kind: 'smsPhrase', beginning: 'quiet' }, null, null],
];

let sandbox: Sandbox;
let harness: GatewayHarness;

beforeAll(async () => {
  sandbox = await startSandbox({
    world: {
      settings: { limits: { codesSent: { limit: 100, windowSeconds: 3600 } } },
      accounts: [
        { phone: LADDER_PHONE, ladder: LADDER, loginEmail: 'ladder@example.com' },
        { phone: NO_TIMEOUT_PHONE, ladder: [{ type: 'sms' }, { type: 'call' }] },
      ],
    },
  });
  harness = new GatewayHarness(sandbox);
});
afterEach(async () => {
  await harness.destroyAll();
});
afterAll(async () => {
  await sandbox.close();
});

describe('the delivery ladder through all 11 code types', () => {
  it('maps each sendCode/resendCode answer to delivery, next medium and resend time', async () => {
    const login = await harness.login(harness.gateway({ now: () => NOW }));
    let sent = codeSent(await login.sendCode(LADDER_PHONE, []));
    const hashes = new Set<string>();
    for (const [index, [delivery, nextMedium, wait]] of EXPECTED.entries()) {
      if (index > 0) sent = codeSent(await login.resendCode(LADDER_PHONE, sent.phoneCodeHash));
      expect(sent.view, `rung ${index}`).toEqual({
        delivery,
        nextMedium,
        resendAvailableAt: wait === null ? null : NOW + wait * 1000,
        sentAt: NOW,
      });
      hashes.add(sent.phoneCodeHash);
    }
    expect(hashes.size).toBe(EXPECTED.length);
    expect(await appErrorOf(login.resendCode(LADDER_PHONE, sent.phoneCodeHash))).toMatchObject({
      code: 'SEND_CODE_UNAVAILABLE',
    });
    // The last rung's phrase signs in.
    expect((await login.signIn(LADDER_PHONE, sent.phoneCodeHash, lastCode(sandbox, LADDER_PHONE))).kind).toBe(
      'signedIn',
    );
  });

  it('allows a resend after 60 s when Telegram names a next medium but no timeout', async () => {
    const login = await harness.login(harness.gateway({ now: () => NOW }));
    const sent = codeSent(await login.sendCode(NO_TIMEOUT_PHONE, []));
    expect(sent.view).toEqual({
      delivery: { kind: 'sms', length: 5 },
      nextMedium: 'call',
      resendAvailableAt: NOW + 60_000,
      sentAt: NOW,
    });
  });
});

describe('fields the sandbox never sends', () => {
  // Pure mapping of GramJS's TL objects: login-email reset times and sign-in-with-Apple/Google flags.
  it('turns the email reset period (seconds from now) and pending date (unix time) into epoch ms', () => {
    const type = new Api.auth.SentCodeTypeEmailCode({
      emailPattern: 'a***@b.c',
      length: 6,
      appleSigninAllowed: true,
      googleSigninAllowed: true,
      resetAvailablePeriod: 3600,
      resetPendingDate: 1_800_000_000,
    });
    expect(codeDeliveryOf(type, NOW)).toEqual({
      kind: 'email',
      emailPattern: 'a***@b.c',
      length: 6,
      appleSignInAllowed: true,
      googleSignInAllowed: true,
      resetAvailableAt: NOW + 3_600_000,
      resetPendingAt: 1_800_000_000_000,
    });
  });

  it('maps a missing beginning to null and every next type', () => {
    expect(codeDeliveryOf(new Api.auth.SentCodeTypeSmsWord({}), NOW)).toEqual({
      kind: 'smsWord',
      beginning: null,
    });
    const next: [Api.auth.TypeCodeType, NextMedium][] = [
      [new Api.auth.CodeTypeSms(), 'sms'],
      [new Api.auth.CodeTypeCall(), 'call'],
      [new Api.auth.CodeTypeFlashCall(), 'flashCall'],
      [new Api.auth.CodeTypeMissedCall(), 'missedCall'],
      [new Api.auth.CodeTypeFragmentSms(), 'fragmentSms'],
    ];
    for (const [nextType, medium] of next) {
      const sent = new Api.auth.SentCode({
        type: new Api.auth.SentCodeTypeApp({ length: 5 }),
        phoneCodeHash: 'h',
        nextType,
        timeout: 10,
      });
      expect(sentCodeViewOf(sent, NOW).nextMedium).toBe(medium);
    }
  });
});
