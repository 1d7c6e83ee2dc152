import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startSandbox, type DeliveryRung, type Sandbox } from '../../main/sandbox/index.ts';
import type { CodeDeliveryKind } from '../../main/contract/delivery.ts';
import { AppHarness, useSandboxProfile } from '../support/app-harness.ts';

/** One login per code type, the resend ladder, wrong and expired codes: through IPC, against the sandbox. */

const clock = new ManualClock(Date.UTC(2026, 5, 1));
let sandbox: Sandbox;
let app: AppHarness;

const LADDERS: Record<CodeDeliveryKind, DeliveryRung[]> = {
  app: [{ type: 'app' }],
  sms: [{ type: 'sms' }],
  call: [{ type: 'call' }],
  flashCall: [{ type: 'flashCall', prefix: '+4470' }],
  missedCall: [{ type: 'missedCall', prefix: '+4471', length: 4 }],
  email: [{ type: 'email' }],
  setUpEmailRequired: [{ type: 'setUpEmail' }],
  fragmentSms: [{ type: 'fragmentSms' }],
  firebaseSms: [{ type: 'firebaseSms' }],
  smsWord: [{ type: 'smsWord' }],
  smsPhrase: [{ type: 'smsPhrase' }],
};
const KINDS = Object.keys(LADDERS) as CodeDeliveryKind[];
const phoneFor = (kind: CodeDeliveryKind): string =>
  `+1555010${String(KINDS.indexOf(kind)).padStart(4, '0')}`;

beforeAll(async () => {
  sandbox = await startSandbox({ clock, world: { settings: { codeTtlSeconds: 300 } } });
  for (const kind of KINDS) {
    await sandbox.world.addAccount({
      phone: phoneFor(kind),
      firstName: `User ${kind}`,
      ladder: LADDERS[kind],
      ...(kind === 'email' ? { loginEmail: 'someone@example.com' } : {}),
    });
  }
  // Short countdowns keep the test quick; the app still has to wait them out.
  await sandbox.world.addAccount({
    phone: '+15550109001',
    firstName: 'Ladder',
    ladder: [
      { type: 'app', timeout: 1 },
      { type: 'sms', timeout: 1 },
      { type: 'call', timeout: 1 },
    ],
  });
  await sandbox.world.addAccount({ phone: '+15550109002', firstName: 'Typo' });
  await sandbox.world.addAccount({ phone: '+15550109003', firstName: 'Late' });
  app = await AppHarness.start(sandbox);
  await useSandboxProfile(app);
});
afterAll(async () => {
  await app.stop();
  await sandbox.close();
});

const lastCode = (phone: string): string => {
  const code = sandbox.world.outbox.lastCode(phone);
  if (code === undefined) throw new Error(`no code delivered to ${phone}`);
  return code;
};

describe('a login per code type, through IPC', () => {
  it.each(KINDS)('%s', async (kind) => {
    const phone = phoneFor(kind);
    const card = await app.ok('login:start', { phone });
    expect(card.state.step).toBe('sendingCode');
    if (kind === 'setUpEmailRequired') {
      await app.waitForStep(card.id, 'emailSetup');
      const emailSent = await app.ok('login:perform', {
        loginId: card.id,
        request: { type: 'setUpEmail', email: 'new@example.com' },
      });
      if (emailSent.state.step !== 'emailSetup' || !emailSent.state.emailCode)
        throw new Error('no email code');
      expect(emailSent.state.emailCode.emailPattern).toContain('@example.com');
      const verified = await app.ok('login:perform', {
        loginId: card.id,
        request: { type: 'verifyEmail', code: lastCode(phone) },
      });
      expect(verified.state.step).toBe('codeSent');
    } else {
      const sent = await app.waitForStep(card.id, 'codeSent');
      expect(sent.sentCode.delivery.kind).toBe(kind);
    }
    const done = await app.ok('login:perform', {
      loginId: card.id,
      request: { type: 'submitCode', code: lastCode(phone) },
    });
    if (done.state.step !== 'signedIn') throw new Error(`expected signedIn, got ${done.state.step}`);
    expect(done.state.account.firstName).toBe(`User ${kind}`);
    expect(done.state.account.phone).toBe(phone);
  });
});

describe('resend, wrong and expired codes', () => {
  it('walks the resend ladder app → sms → call, then SEND_CODE_UNAVAILABLE hides the resend', async () => {
    const card = await app.ok('login:start', { phone: '+15550109001' });
    let state = await app.waitForStep(card.id, 'codeSent');
    const seen = [state.sentCode.delivery.kind];
    expect(state.sentCode.nextMedium).toBe('sms');
    // The resend is not allowed before its countdown ends (the app's own clock).
    expect(await app.fails('login:perform', { loginId: card.id, request: { type: 'resendCode' } })).toBe(
      'RESEND_NOT_YET',
    );
    for (;;) {
      const available = state.sentCode.resendAvailableAt ?? 0;
      if (state.sentCode.nextMedium === null) break;
      await waitUntil(available);
      const next = await app.invoke('login:perform', { loginId: card.id, request: { type: 'resendCode' } });
      if (!next.ok) throw new Error(next.error.code);
      if (next.value.state.step !== 'codeSent') throw new Error('left the code step');
      state = next.value.state;
      seen.push(state.sentCode.delivery.kind);
      if (seen.length > 5) break;
    }
    expect(seen).toEqual(['app', 'sms', 'call']);
    // The call rung names no next medium: the UI hides resend, and main refuses it.
    expect(await app.fails('login:perform', { loginId: card.id, request: { type: 'resendCode' } })).toBe(
      'SEND_CODE_UNAVAILABLE',
    );
    // The code of the last rung still signs in.
    const done = await app.ok('login:perform', {
      loginId: card.id,
      request: { type: 'submitCode', code: lastCode('+15550109001') },
    });
    expect(done.state.step).toBe('signedIn');
  });

  it('a server SEND_CODE_UNAVAILABLE (third-party apps get no SMS) keeps the code step and ends resending', async () => {
    await sandbox.world.addAccount({
      phone: '+15550109004',
      firstName: 'NoSms',
      ladder: [{ type: 'app', timeout: 1 }, { type: 'sms' }],
    });
    const card = await app.ok('login:start', { phone: '+15550109004' });
    const sent = await app.waitForStep(card.id, 'codeSent');
    expect(sent.sentCode.nextMedium).toBe('sms');
    sandbox.faults.inject({
      method: 'auth.ResendCode',
      error: { code: 406, message: 'SEND_CODE_UNAVAILABLE' },
    });
    await waitUntil(sent.sentCode.resendAvailableAt ?? 0);
    expect(await app.fails('login:perform', { loginId: card.id, request: { type: 'resendCode' } })).toBe(
      'SEND_CODE_UNAVAILABLE',
    );
    const after = await app.waitForLogin(
      card.id,
      (s) => s.error?.code === 'SEND_CODE_UNAVAILABLE',
      'to show the error',
    );
    if (after.step !== 'codeSent') throw new Error(after.step);
    expect(after.sentCode.nextMedium).toBeNull();
    expect(after.sentCode.delivery.kind).toBe('app');
    const done = await app.ok('login:perform', {
      loginId: card.id,
      request: { type: 'submitCode', code: lastCode('+15550109004') },
    });
    expect(done.state.step).toBe('signedIn');
  });

  it('a wrong code keeps the card at the code step; the right one then signs in', async () => {
    const card = await app.ok('login:start', { phone: '+15550109002' });
    await app.waitForStep(card.id, 'codeSent');
    const right = lastCode('+15550109002');
    const wrong = right === '11111' ? '22222' : '11111';
    expect(
      await app.fails('login:perform', { loginId: card.id, request: { type: 'submitCode', code: wrong } }),
    ).toBe('PHONE_CODE_INVALID');
    const after = app.ok('login:list', {});
    const state = (await after).find((c) => c.id === card.id)?.state;
    expect(state?.step).toBe('codeSent');
    expect(state?.error?.code).toBe('PHONE_CODE_INVALID');
    // A code of the wrong length never reaches Telegram.
    const calls = sandbox.stats(2).callsByMethod.get('auth.SignIn') ?? 0;
    expect(
      await app.fails('login:perform', { loginId: card.id, request: { type: 'submitCode', code: '123' } }),
    ).toBe('PHONE_CODE_INVALID');
    expect(sandbox.stats(2).callsByMethod.get('auth.SignIn') ?? 0).toBe(calls);
    expect(
      (await app.ok('login:perform', { loginId: card.id, request: { type: 'submitCode', code: right } }))
        .state.step,
    ).toBe('signedIn');
  });

  it('an expired code ends the login with PHONE_CODE_EXPIRED; retry sends a new code', async () => {
    const card = await app.ok('login:start', { phone: '+15550109003' });
    await app.waitForStep(card.id, 'codeSent');
    const code = lastCode('+15550109003');
    clock.advanceSeconds(301);
    expect(
      await app.fails('login:perform', { loginId: card.id, request: { type: 'submitCode', code } }),
    ).toBe('PHONE_CODE_EXPIRED');
    const failed = await app.waitForStep(card.id, 'failed');
    expect(failed.error.code).toBe('PHONE_CODE_EXPIRED');
    await app.ok('login:perform', { loginId: card.id, request: { type: 'retry' } });
    await app.waitForStep(card.id, 'codeSent');
    const done = await app.ok('login:perform', {
      loginId: card.id,
      request: { type: 'submitCode', code: lastCode('+15550109003') },
    });
    expect(done.state.step).toBe('signedIn');
  });
});

async function waitUntil(epochMs: number): Promise<void> {
  const wait = epochMs - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 5));
}
