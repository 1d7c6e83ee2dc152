import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { appErrorOf, codeSent, GatewayHarness, lastCode } from './harness.ts';

/** Whole logins through the gateway: code, 2FA, sign-up with terms, email setup, sessions, log-out. */

const ADA = '+15550007001';
const GRACE = '+15550007002';
const NEWCOMER = '+15550007003';
const SETUP = '+15550007004';
const TOKENS = '+15550007005';
const TOKENS_2FA = '+15550007006';

let sandbox: Sandbox;
let harness: GatewayHarness;

beforeAll(async () => {
  sandbox = await startSandbox({
    world: {
      accounts: [
        { phone: ADA, id: 7001, firstName: 'Ada', lastName: 'Demo', username: 'ada_demo' },
        { phone: GRACE, firstName: 'Grace', password: 'correct horse', passwordHint: 'horse' },
        { phone: NEWCOMER, registered: false },
        { phone: SETUP, firstName: 'Sam', ladder: [{ type: 'setUpEmail', length: 6 }, { type: 'sms' }] },
        { phone: TOKENS, firstName: 'Tom' },
        { phone: TOKENS_2FA, firstName: 'Tina', password: 'pw-tina', passwordHint: 'tina' },
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

describe('a code login', () => {
  it('signs in with the code that was sent, and reports the user and DC', async () => {
    const login = await harness.login();
    const sent = codeSent(await login.sendCode(ADA, []));
    expect(sent.view.delivery).toEqual({ kind: 'app', length: 5 });
    const outcome = await login.signIn(ADA, sent.phoneCodeHash, lastCode(sandbox, ADA));
    if (outcome.kind !== 'signedIn') throw new Error(`expected signedIn, got ${outcome.kind}`);
    expect(outcome.login.user).toEqual({
      userId: '7001',
      phone: '+15550007001',
      firstName: 'Ada',
      lastName: 'Demo',
      username: 'ada_demo',
    });
    expect(outcome.login.dcId).toBe(2);
    expect(outcome.login.futureAuthToken).toBeInstanceOf(Buffer);
  });

  it('exports a session that a new account client restores; getSelf works and logOut returns a token', async () => {
    const gateway = harness.gateway();
    const login = await harness.login(gateway);
    const sent = codeSent(await login.sendCode(ADA, []));
    await login.signIn(ADA, sent.phoneCodeHash, lastCode(sandbox, ADA));
    const secret = await login.exportSession();
    expect(secret.dcId).toBe(2);
    expect(secret.session).toMatch(/^1/);
    await login.destroy();

    const account = harness.track(gateway.openAccount(secret, 'ada'));
    const states: string[] = [];
    account.onConnectionState((state) => states.push(state));
    await account.connect();
    expect(account.dcId).toBe(2);
    expect((await account.getSelf()).userId).toBe('7001');
    expect(states).toContain('online');
    const token = await account.logOut();
    expect(token).toBeInstanceOf(Buffer);
    expect(await appErrorOf(account.getSelf())).toMatchObject({ code: 'SIGNED_OUT' });
  });
});

describe('2FA', () => {
  it('asks for the password with its hint, refuses a wrong one, accepts the right one', async () => {
    const login = await harness.login();
    const sent = codeSent(await login.sendCode(GRACE, []));
    const outcome = await login.signIn(GRACE, sent.phoneCodeHash, lastCode(sandbox, GRACE));
    expect(outcome).toEqual({ kind: 'passwordNeeded', hint: 'horse' });
    expect(await appErrorOf(login.checkPassword('wrong horse'))).toMatchObject({
      code: 'PASSWORD_HASH_INVALID',
    });
    const done = await login.checkPassword('correct horse');
    expect(done.kind).toBe('signedIn');
  });
});

describe('sign-up', () => {
  it('asks for sign-up with the terms of service, signs up and accepts them', async () => {
    const login = await harness.login();
    const sent = codeSent(await login.sendCode(NEWCOMER, []));
    const outcome = await login.signIn(NEWCOMER, sent.phoneCodeHash, lastCode(sandbox, NEWCOMER));
    if (outcome.kind !== 'signUpNeeded') throw new Error(`expected signUpNeeded, got ${outcome.kind}`);
    expect(outcome.termsOfService?.text).toBe('Sandbox terms of service: nothing here is real.');
    expect(outcome.termsOfService?.minAgeConfirm).toBeNull();
    const termsId = outcome.termsOfService?.id ?? '';
    expect(termsId).not.toBe('');
    const done = await login.signUp(NEWCOMER, sent.phoneCodeHash, 'New', 'Comer');
    if (done.kind !== 'signedIn') throw new Error(`expected signedIn, got ${done.kind}`);
    expect([done.login.user.firstName, done.login.user.lastName]).toEqual(['New', 'Comer']);
    await login.acceptTermsOfService(termsId);
    expect(sandbox.world.account(NEWCOMER)?.acceptedTerms.has(termsId)).toBe(true);
  });
});

describe('login email setup', () => {
  it('adds an email, verifies it, and signs in with the code Telegram then sends there', async () => {
    const login = await harness.login();
    const sent = codeSent(await login.sendCode(SETUP, []));
    expect(sent.view.delivery).toEqual({
      kind: 'setUpEmailRequired',
      appleSignInAllowed: false,
      googleSignInAllowed: false,
    });
    expect(
      await appErrorOf(login.sendLoginEmailCode(SETUP, sent.phoneCodeHash, 'not-an-email')),
    ).toMatchObject({
      code: 'EMAIL_INVALID',
    });
    const emailCode = await login.sendLoginEmailCode(SETUP, sent.phoneCodeHash, 'sam@example.net');
    expect(emailCode).toEqual({ emailPattern: 's***@example.net', length: 6 });
    expect(await appErrorOf(login.verifyLoginEmail(SETUP, sent.phoneCodeHash, '000000'))).toMatchObject({
      code: 'EMAIL_CODE_INVALID',
    });
    const verified = codeSent(
      await login.verifyLoginEmail(SETUP, sent.phoneCodeHash, lastCode(sandbox, SETUP)),
    );
    expect(verified.view.delivery).toMatchObject({ kind: 'email', emailPattern: 's***@example.net' });
    const outcome = await login.signInWithEmailCode(SETUP, verified.phoneCodeHash, lastCode(sandbox, SETUP));
    expect(outcome.kind).toBe('signedIn');
  });
});

describe('future auth tokens', () => {
  async function tokenFor(phone: string, password?: string): Promise<Buffer> {
    const login = await harness.login();
    const sent = codeSent(await login.sendCode(phone, []));
    let outcome = await login.signIn(phone, sent.phoneCodeHash, lastCode(sandbox, phone));
    if (outcome.kind === 'passwordNeeded' && password !== undefined)
      outcome = await login.checkPassword(password);
    if (outcome.kind !== 'signedIn' || outcome.login.futureAuthToken === null) throw new Error('no token');
    return outcome.login.futureAuthToken;
  }

  it('sendCode with a logout token signs in at once (auth.sentCodeSuccess)', async () => {
    const token = await tokenFor(TOKENS);
    const login = await harness.login();
    const outcome = await login.sendCode(TOKENS, [token]);
    if (outcome.kind !== 'signedIn') throw new Error(`expected signedIn, got ${outcome.kind}`);
    expect(outcome.login.user.firstName).toBe('Tom');
    expect((await login.exportSession()).dcId).toBe(2);
  });

  it('with 2FA the token leads straight to the password (SESSION_PASSWORD_NEEDED from sendCode)', async () => {
    const token = await tokenFor(TOKENS_2FA, 'pw-tina');
    const login = await harness.login();
    expect(await login.sendCode(TOKENS_2FA, [token])).toEqual({ kind: 'passwordNeeded', hint: 'tina' });
    expect((await login.checkPassword('pw-tina')).kind).toBe('signedIn');
  });
});
