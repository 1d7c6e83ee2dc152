import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appError } from '../../main/contract/errors.ts';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { AppHarness, useSandboxProfile } from '../support/app-harness.ts';

/** 2FA, sign-up, DC migration and dropped connections at each step, through IPC against the sandbox. */

let sandbox: Sandbox;
let app: AppHarness;

beforeAll(async () => {
  sandbox = await startSandbox();
  await sandbox.world.addAccount({
    phone: '+15550201001',
    firstName: 'Grace',
    password: 'correct horse',
    passwordHint: 'a horse',
  });
  await sandbox.world.addAccount({ phone: '+15550201002', firstName: 'Nomad', dc: 4 });
  for (let i = 0; i < 6; i++) {
    await sandbox.world.addAccount({
      phone: `+1555020200${i}`,
      firstName: `Drop${i}`,
      ...(i >= 3 ? { password: 'pw', passwordHint: 'pw' } : {}),
    });
  }
  app = await AppHarness.start(sandbox);
  await useSandboxProfile(app);
});
afterEach(() => {
  sandbox.faults.clear();
});
afterAll(async () => {
  await app.stop();
  await sandbox.close();
});

const code = (phone: string): string => sandbox.world.outbox.lastCode(phone) ?? '';

describe('login steps', () => {
  it('2FA: a wrong password keeps the password step with the hint, the right one signs in', async () => {
    const card = await app.ok('login:start', { phone: '+15550201001' });
    await app.waitForStep(card.id, 'codeSent');
    const afterCode = await app.ok('login:perform', {
      loginId: card.id,
      request: { type: 'submitCode', code: code('+15550201001') },
    });
    if (afterCode.state.step !== 'passwordNeeded') throw new Error(afterCode.state.step);
    expect(afterCode.state.hint).toBe('a horse');
    expect(
      await app.fails('login:perform', {
        loginId: card.id,
        request: { type: 'submitPassword', password: 'wrong horse' },
      }),
    ).toBe('PASSWORD_HASH_INVALID');
    const list = await app.ok('login:list', {});
    expect(list.find((c) => c.id === card.id)?.state.step).toBe('passwordNeeded');
    const done = await app.ok('login:perform', {
      loginId: card.id,
      request: { type: 'submitPassword', password: 'correct horse' },
    });
    expect(done.state.step).toBe('signedIn');
  });

  it('sign-up: a number without an account gets the terms of service, then signs up', async () => {
    const phone = '+999 66 2 5555';
    const card = await app.ok('login:start', { phone });
    await app.waitForStep(card.id, 'codeSent');
    const asked = await app.ok('login:perform', {
      loginId: card.id,
      request: { type: 'submitCode', code: code(phone) },
    });
    if (asked.state.step !== 'signUpNeeded') throw new Error(asked.state.step);
    const terms = asked.state.termsOfService;
    expect(terms?.text.length).toBeGreaterThan(10);
    // Terms shown but not accepted: refused before anything reaches Telegram.
    expect(
      await app.fails('login:perform', {
        loginId: card.id,
        request: { type: 'signUp', firstName: 'New', lastName: 'Person', acceptTerms: false },
      }),
    ).toBe('BAD_INPUT');
    // A blank first name gets its own sentence, not zod's words; the card stays at sign-up.
    const blank = await app.invoke('login:perform', {
      loginId: card.id,
      request: { type: 'signUp', firstName: '   ', lastName: '', acceptTerms: true },
    });
    expect(blank).toEqual({ ok: false, error: appError('FIRSTNAME_INVALID') });
    expect((await app.ok('login:list', {})).find((c) => c.id === card.id)?.state.step).toBe('signUpNeeded');
    const done = await app.ok('login:perform', {
      loginId: card.id,
      request: { type: 'signUp', firstName: 'New', lastName: 'Person', acceptTerms: true },
    });
    if (done.state.step !== 'signedIn') throw new Error(done.state.step);
    expect(done.state.account.firstName).toBe('New');
  });

  it('PHONE_MIGRATE: a number homed on DC 4 signs in there and the account is on DC 4', async () => {
    const card = await app.ok('login:start', { phone: '+15550201002' });
    await app.waitForStep(card.id, 'codeSent');
    const done = await app.ok('login:perform', {
      loginId: card.id,
      request: { type: 'submitCode', code: code('+15550201002') },
    });
    if (done.state.step !== 'signedIn') throw new Error(done.state.step);
    expect(done.state.account.dcId).toBe(4);
    const accounts = await app.waitForAccounts(
      (list) => list.some((a) => a.phone === '+15550201002' && a.status === 'online'),
      'with Nomad online',
    );
    expect(accounts.find((a) => a.phone === '+15550201002')?.dcId).toBe(4);
  });

  it.each([
    ['auth.SendCode', '+15550202000', false],
    ['auth.SignIn', '+15550202001', false],
    ['users.GetUsers', '+15550202002', false], // the account's first check, after the login
    ['account.GetPassword', '+15550202003', true],
    ['auth.CheckPassword', '+15550202004', true],
  ])(
    'a connection dropped at %s: GramJS reconnects, the step completes',
    async (method, phone, twoFactor) => {
      sandbox.faults.inject({ method, drop: true });
      const card = await app.ok('login:start', { phone });
      await app.waitForStep(card.id, 'codeSent');
      const afterCode = await app.ok('login:perform', {
        loginId: card.id,
        request: { type: 'submitCode', code: code(phone) },
      });
      const done = twoFactor
        ? await app.ok('login:perform', {
            loginId: card.id,
            request: { type: 'submitPassword', password: 'pw' },
          })
        : afterCode;
      expect(done.state.step).toBe('signedIn');
      // users.GetUsers is the new account's own check: the account still comes online after the drop.
      await app.waitForAccounts(
        (list) => list.some((a) => a.phone === phone && a.status === 'online'),
        `${phone} online`,
      );
      expect(sandbox.faults.pending).toBe(0);
    },
  );

  it('a dropped connection during sign-up still signs up', async () => {
    const phone = '+999 66 2 5556';
    const card = await app.ok('login:start', { phone });
    await app.waitForStep(card.id, 'codeSent');
    await app.ok('login:perform', { loginId: card.id, request: { type: 'submitCode', code: code(phone) } });
    sandbox.faults.inject({ method: 'auth.SignUp', drop: true });
    const done = await app.ok('login:perform', {
      loginId: card.id,
      request: { type: 'signUp', firstName: 'Robust', lastName: '', acceptTerms: true },
    });
    expect(done.state.step).toBe('signedIn');
    expect(sandbox.faults.pending).toBe(0);
  });

  it('a server that stops answering gives TIMEOUT and the card stays usable', async () => {
    const phone = '+15550202005';
    const card = await app.ok('login:start', { phone });
    await app.waitForStep(card.id, 'codeSent');
    sandbox.faults.inject({ method: 'auth.SignIn', delayMs: 12_000 });
    expect(
      await app.fails('login:perform', {
        loginId: card.id,
        request: { type: 'submitCode', code: code(phone) },
      }),
    ).toBe('TIMEOUT');
    const state = (await app.ok('login:list', {})).find((c) => c.id === card.id)?.state;
    expect(state?.step).toBe('codeSent');
    expect(state?.error?.code).toBe('TIMEOUT');
    // Trying again works (the same code; this number has 2FA).
    const again = await app.ok('login:perform', {
      loginId: card.id,
      request: { type: 'submitCode', code: code(phone) },
    });
    expect(again.state.step).toBe('passwordNeeded');
  });
});
