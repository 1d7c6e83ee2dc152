import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { AppHarness, useSandboxProfile } from '../support/app-harness.ts';

/**
 * Requests that overlap, answers that are lost, sessions that die: nothing is lost, nothing is left open at
 * Telegram, nothing is sent twice. A short request timeout (1.5 s) keeps lost answers quick to provoke.
 */

let sandbox: Sandbox;
let app: AppHarness;
let next = 0;

async function account(options: { password?: string } = {}): Promise<string> {
  const phone = `+1555050${String(next++).padStart(4, '0')}`;
  await sandbox.world.addAccount({ phone, firstName: `Race${next}`, ...options });
  return phone;
}

const code = (phone: string): string => sandbox.world.outbox.lastCode(phone) ?? '';
const signedInKeys = (phone: string): number => {
  const id = sandbox.world.account(phone)?.id;
  return id === undefined ? 0 : sandbox.world.authorizations.keysOf(id).length;
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  sandbox = await startSandbox({ dcIds: [2] });
  app = await AppHarness.start(sandbox, { requestTimeoutMs: 1_500 });
  await useSandboxProfile(app);
});
afterEach(() => {
  sandbox.faults.clear();
});
afterAll(async () => {
  await app.stop();
  await sandbox.close();
});

async function codeSentCard(phone: string): Promise<string> {
  const card = await app.ok('login:start', { phone });
  await app.waitForStep(card.id, 'codeSent');
  return card.id;
}

describe('overlapping and lost requests', () => {
  it('a second request while one is in flight is refused at once, and only one reaches Telegram', async () => {
    const phone = await account();
    const loginId = await codeSentCard(phone);
    sandbox.faults.inject({ method: 'auth.SignIn', delayMs: 300 });
    const before = sandbox.stats(2).callsByMethod.get('auth.SignIn') ?? 0;
    const [first, second] = await Promise.all([
      app.invoke('login:perform', { loginId, request: { type: 'submitCode', code: code(phone) } }),
      app.invoke('login:perform', { loginId, request: { type: 'submitCode', code: code(phone) } }),
    ]);
    expect(first.ok).toBe(true);
    expect(second.ok ? 'ok' : second.error.code).toBe('WRONG_STEP');
    expect((sandbox.stats(2).callsByMethod.get('auth.SignIn') ?? 0) - before).toBe(1);
  });

  it('cancel while signing in: the card is cancelled and the login that completed is logged out at Telegram', async () => {
    const phone = await account();
    const loginId = await codeSentCard(phone);
    sandbox.faults.inject({ method: 'auth.SignIn', delayMs: 400 });
    const submitted = app.invoke('login:perform', {
      loginId,
      request: { type: 'submitCode', code: code(phone) },
    });
    await pause(100);
    const cancelled = await app.ok('login:perform', { loginId, request: { type: 'cancel' } });
    expect(cancelled.state.step).toBe('cancelled');
    const answer = await submitted;
    expect(answer.ok ? 'ok' : answer.error.code).toBe('WRONG_STEP');
    expect(signedInKeys(phone)).toBe(0);
    expect((await app.ok('accounts:list', {})).some((a) => a.phone === phone)).toBe(false);
  });

  it('a sign-in whose answer is lost, then retried, is recovered instead of being lost at Telegram', async () => {
    const phone = await account();
    const loginId = await codeSentCard(phone);
    sandbox.faults.inject({ method: 'auth.SignIn', delayMs: 2_500 });
    expect(
      await app.fails('login:perform', { loginId, request: { type: 'submitCode', code: code(phone) } }),
    ).toBe('TIMEOUT');
    // Meanwhile Telegram signs the key in.
    await pause(1_500);
    expect(signedInKeys(phone)).toBe(1);
    const done = await app.ok('login:perform', {
      loginId,
      request: { type: 'submitCode', code: code(phone) },
    });
    expect(done.state.step).toBe('signedIn');
    expect(signedInKeys(phone)).toBe(1);
  });

  it('sign-up stays done when accepting the terms of service times out', async () => {
    const phone = '+999 66 2 7300';
    const loginId = await codeSentCard(phone);
    const asked = await app.ok('login:perform', {
      loginId,
      request: { type: 'submitCode', code: code(phone) },
    });
    expect(asked.state.step).toBe('signUpNeeded');
    sandbox.faults.inject({ method: 'help.AcceptTermsOfService', delayMs: 2_500 });
    const done = await app.ok('login:perform', {
      loginId,
      request: { type: 'signUp', firstName: 'Terms', lastName: 'Late', acceptTerms: true },
    });
    expect(done.state.step).toBe('signedIn');
    expect(app.logs.some((l) => l.message.includes('terms of service'))).toBe(true);
  });

  it('with 2FA, the future auth token from a log-out leads straight to the password, which completes the login', async () => {
    const phone = await account({ password: 'second factor' });
    const loginId = await codeSentCard(phone);
    await app.ok('login:perform', { loginId, request: { type: 'submitCode', code: code(phone) } });
    const signedIn = await app.ok('login:perform', {
      loginId,
      request: { type: 'submitPassword', password: 'second factor' },
    });
    if (signedIn.state.step !== 'signedIn') throw new Error(signedIn.state.step);
    await app.ok('accounts:logOut', { accountId: signedIn.state.account.id });

    const codesBefore = sandbox.world.outbox.entries(phone).length;
    const again = await app.ok('login:start', { phone });
    const asked = await app.waitForStep(again.id, 'passwordNeeded');
    expect(asked.phone).toBe(phone);
    const done = await app.ok('login:perform', {
      loginId: again.id,
      request: { type: 'submitPassword', password: 'second factor' },
    });
    expect(done.state.step).toBe('signedIn');
    expect(sandbox.world.outbox.entries(phone).length).toBe(codesBefore);
  });

  it('switching the server profile takes running logins off the board', async () => {
    const phone = await account();
    const loginId = await codeSentCard(phone);
    await app.ok('settings:setServerProfile', { profile: { kind: 'test' } });
    expect(
      app.events.some(
        (e) => e.channel === 'login:removed' && (e.payload as { loginId: string }).loginId === loginId,
      ),
    ).toBe(true);
    expect(await app.ok('login:list', {})).toEqual([]);
    await useSandboxProfile(app);
    // Choosing the profile already in use changes nothing.
    const kept = await codeSentCard(phone);
    await useSandboxProfile(app);
    expect((await app.ok('login:list', {})).map((c) => c.id)).toEqual([kept]);
  });
});

describe('accounts at start-up', () => {
  it('a listing during start-up does not restore twice, and accounts are online only once checked', async () => {
    const phones = [await account(), await account()];
    for (const phone of phones) {
      const loginId = await codeSentCard(phone);
      await app.ok('login:perform', { loginId, request: { type: 'submitCode', code: code(phone) } });
    }
    const revoked = await account();
    const revokedLogin = await codeSentCard(revoked);
    const revokedCard = await app.ok('login:perform', {
      loginId: revokedLogin,
      request: { type: 'submitCode', code: code(revoked) },
    });
    if (revokedCard.state.step !== 'signedIn') throw new Error(revokedCard.state.step);
    const revokedId = revokedCard.state.account.id;
    expect(sandbox.world.signOutEverywhere(revoked)).toBe(1);

    const total = (await app.ok('accounts:list', {})).length;
    const checksBefore = sandbox.stats(2).callsByMethod.get('users.GetUsers') ?? 0;
    await app.restart({ awaitStart: false });
    const during = await app.ok('accounts:list', {});
    expect(during.length).toBe(total);
    await app.starting;
    await app.waitForAccounts((list) => list.every((a) => a.status !== 'connecting'), 'all checked');
    expect((sandbox.stats(2).callsByMethod.get('users.GetUsers') ?? 0) - checksBefore).toBe(total);
    expect(app.statusHistory(revokedId)).toEqual(['connecting', 'signedOut']);
  });
});
