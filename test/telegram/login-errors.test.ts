import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../main/contract/errors.ts';
import { ManualClock, startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { appErrorOf, codeSent, GatewayHarness, lastCode, wellFormedSession } from './harness.ts';

/** Every error of the login flow, reached through real requests or scripted sandbox faults, as AppFailures. */

const NOW = Date.UTC(2026, 4, 2, 9, 0, 0);
const KNOWN = '+15550009001';
const BANNED = '+15550009002';
const FAR = '+15550009003';
const PASSWORD = '+15550009004';
const UNKNOWN = '+15550009099';

const clock = new ManualClock(NOW);
let sandbox: Sandbox;
let harness: GatewayHarness;

beforeAll(async () => {
  sandbox = await startSandbox({
    clock,
    world: {
      settings: { openRegistration: false, limits: { codesSent: { limit: 1000, windowSeconds: 3600 } } },
      accounts: [
        { phone: KNOWN, firstName: 'Kim' },
        { phone: BANNED, firstName: 'Bob', banned: true },
        { phone: FAR, firstName: 'Fay', dc: 4 },
        { phone: PASSWORD, firstName: 'Pat', password: 'secret-pat' },
      ],
    },
  });
  harness = new GatewayHarness(sandbox);
});
afterEach(async () => {
  sandbox.faults.clear();
  await harness.destroyAll();
});
afterAll(async () => {
  await sandbox.close();
});

describe('errors from real flows', () => {
  it('PHONE_NUMBER_INVALID for a number Telegram does not know, PHONE_NUMBER_BANNED for a banned one', async () => {
    const login = await harness.login();
    expect(await appErrorOf(login.sendCode(UNKNOWN, []))).toMatchObject({ code: 'PHONE_NUMBER_INVALID' });
    expect(await appErrorOf(login.sendCode(BANNED, []))).toMatchObject({ code: 'PHONE_NUMBER_BANNED' });
  });

  it('PHONE_CODE_INVALID, PHONE_CODE_EMPTY, then PHONE_CODE_EXPIRED once the code outlived its TTL', async () => {
    const login = await harness.login();
    const sent = codeSent(await login.sendCode(KNOWN, []));
    expect(await appErrorOf(login.signIn(KNOWN, sent.phoneCodeHash, '00000x'))).toMatchObject({
      code: 'PHONE_CODE_INVALID',
    });
    expect(await appErrorOf(login.signIn(KNOWN, sent.phoneCodeHash, ''))).toMatchObject({
      code: 'PHONE_CODE_EMPTY',
    });
    clock.advanceSeconds(301);
    expect(await appErrorOf(login.signIn(KNOWN, sent.phoneCodeHash, lastCode(sandbox, KNOWN)))).toMatchObject(
      {
        code: 'PHONE_CODE_EXPIRED',
      },
    );
  });

  it('follows PHONE_MIGRATE by itself: the code, the sign-in and the session are on the new DC', async () => {
    const gateway = harness.gateway();
    const login = await harness.login(gateway);
    const sent = codeSent(await login.sendCode(FAR, []));
    expect(sandbox.world.outbox.last(FAR)?.dcId).toBe(4);
    const outcome = await login.signIn(FAR, sent.phoneCodeHash, lastCode(sandbox, FAR));
    if (outcome.kind !== 'signedIn') throw new Error(`expected signedIn, got ${outcome.kind}`);
    expect(outcome.login.dcId).toBe(4);
    const secret = await login.exportSession();
    expect(secret.dcId).toBe(4);
    await login.destroy();
    const account = harness.track(gateway.openAccount(secret, 'fay'));
    await account.connect();
    expect(account.dcId).toBe(4);
    expect((await account.getSelf()).firstName).toBe('Fay');
  });

  it('SIGNED_OUT for a session that was logged out, and after SESSION_REVOKED / USER_DEACTIVATED', async () => {
    const gateway = harness.gateway();
    const login = await harness.login(gateway);
    const sent = codeSent(await login.sendCode(KNOWN, []));
    await login.signIn(KNOWN, sent.phoneCodeHash, lastCode(sandbox, KNOWN));
    const secret = await login.exportSession();
    await login.destroy();

    const account = harness.track(gateway.openAccount(secret, 'kim'));
    await account.connect();
    for (const message of [
      'SESSION_REVOKED',
      'SESSION_EXPIRED',
      'USER_DEACTIVATED',
      'USER_DEACTIVATED_BAN',
    ]) {
      sandbox.faults.inject({ method: 'users.GetUsers', error: { code: 401, message } });
      expect(await appErrorOf(account.getSelf()), message).toMatchObject({ code: 'SIGNED_OUT' });
    }
    await account.logOut();
    await account.destroy();
    const again = harness.track(gateway.openAccount(secret, 'kim again'));
    await again.connect();
    expect(await appErrorOf(again.getSelf())).toMatchObject({ code: 'SIGNED_OUT' });
  });

  it('SRP_ID_INVALID is refetched once; twice in a row is PASSWORD_CHANGED', async () => {
    const login = await harness.login();
    const sent = codeSent(await login.sendCode(PASSWORD, []));
    expect((await login.signIn(PASSWORD, sent.phoneCodeHash, lastCode(sandbox, PASSWORD))).kind).toBe(
      'passwordNeeded',
    );
    sandbox.faults.inject({
      method: 'auth.CheckPassword',
      times: 2,
      error: { code: 400, message: 'SRP_ID_INVALID' },
    });
    expect(await appErrorOf(login.checkPassword('secret-pat'))).toMatchObject({ code: 'PASSWORD_CHANGED' });
    sandbox.faults.inject({ method: 'auth.CheckPassword', error: { code: 400, message: 'SRP_ID_INVALID' } });
    expect((await login.checkPassword('secret-pat')).kind).toBe('signedIn');
  });
});

describe('errors scripted on the server', () => {
  it('FLOOD_WAIT with the time from which trying again is allowed', async () => {
    const login = await harness.login(harness.gateway({ now: () => NOW }));
    sandbox.faults.inject({ method: 'auth.SendCode', error: { code: 420, message: 'FLOOD_WAIT_3600' } });
    expect(await appErrorOf(login.sendCode(KNOWN, []))).toMatchObject({
      code: 'FLOOD_WAIT',
      retryAt: NOW + 3_600_000,
    });
    sandbox.faults.inject({
      method: 'auth.SignIn',
      error: { code: 420, message: 'FLOOD_TEST_PHONE_WAIT_5' },
    });
    expect(await appErrorOf(login.signIn(KNOWN, 'hash', '12345'))).toMatchObject({
      code: 'FLOOD_WAIT',
      retryAt: NOW + 5_000,
    });
  });

  it('maps each named RPC error of the login flow to its code', async () => {
    const login = await harness.login();
    const cases: [string, number, ErrorCode][] = [
      ['PHONE_NUMBER_FLOOD', 400, 'PHONE_NUMBER_FLOOD'],
      ['PHONE_PASSWORD_FLOOD', 406, 'PHONE_PASSWORD_FLOOD'],
      ['PHONE_NUMBER_APP_SIGNUP_FORBIDDEN', 400, 'SIGN_UP_FORBIDDEN'],
      ['API_ID_INVALID', 400, 'API_ID_INVALID'],
      ['API_ID_PUBLISHED_FLOOD', 400, 'API_ID_PUBLISHED_FLOOD'],
      ['UPDATE_APP_TO_LOGIN', 406, 'UPDATE_APP_TO_LOGIN'],
      ['AUTH_RESTART', 500, 'AUTH_RESTART'],
      ['AUTH_KEY_DUPLICATED', 406, 'AUTH_KEY_DUPLICATED'],
      ['SEND_CODE_UNAVAILABLE', 406, 'SEND_CODE_UNAVAILABLE'],
      ['PHONE_CODE_HASH_EMPTY', 400, 'PHONE_CODE_EMPTY'],
    ];
    for (const [message, code, expected] of cases) {
      sandbox.faults.inject({ method: 'auth.SendCode', error: { code, message } });
      expect(await appErrorOf(login.sendCode(KNOWN, [])), message).toMatchObject({ code: expected });
    }
    const signUpCases: [string, ErrorCode][] = [
      ['PHONE_NUMBER_OCCUPIED', 'PHONE_NUMBER_OCCUPIED'],
      ['FIRSTNAME_INVALID', 'FIRSTNAME_INVALID'],
      ['LASTNAME_INVALID', 'LASTNAME_INVALID'],
    ];
    for (const [message, expected] of signUpCases) {
      sandbox.faults.inject({ method: 'auth.SignUp', error: { code: 400, message } });
      expect(await appErrorOf(login.signUp(KNOWN, 'hash', 'A', 'B')), message).toMatchObject({
        code: expected,
      });
    }
    const emailCases: [string, ErrorCode][] = [
      ['EMAIL_NOT_ALLOWED', 'EMAIL_NOT_ALLOWED'],
      ['EMAIL_HASH_EXPIRED', 'EMAIL_HASH_EXPIRED'],
    ];
    for (const [message, expected] of emailCases) {
      sandbox.faults.inject({ method: 'account.SendVerifyEmailCode', error: { code: 400, message } });
      expect(await appErrorOf(login.sendLoginEmailCode(KNOWN, 'hash', 'a@b.example')), message).toMatchObject(
        {
          code: expected,
        },
      );
    }
    sandbox.faults.inject({
      method: 'auth.CheckPassword',
      error: { code: 400, message: 'SRP_PASSWORD_CHANGED' },
    });
    sandbox.faults.inject({ method: 'account.GetPassword', error: { code: 400, message: 'PASSWORD_EMPTY' } });
    expect(await appErrorOf(login.checkPassword('x'))).toMatchObject({
      code: 'TELEGRAM_ERROR',
      rpcMessage: 'PASSWORD_EMPTY',
    });
  });

  it('TELEGRAM_ERROR with Telegram’s name for an error the app does not know', async () => {
    const login = await harness.login();
    sandbox.faults.inject({
      method: 'auth.SignIn',
      error: { code: 400, message: 'PHONE_NUMBER_UNOCCUPIED' },
    });
    expect(await appErrorOf(login.signIn(KNOWN, 'hash', '12345'))).toEqual({
      code: 'TELEGRAM_ERROR',
      message: 'Telegram refused this step.',
      rpcMessage: 'PHONE_NUMBER_UNOCCUPIED',
    });
  });
});

describe('the connection', () => {
  it('AUTH_RESTART at once when the server forgets the auth key (GramJS would wait forever after the -404)', async () => {
    const login = await harness.login(harness.gateway({ requestTimeoutMs: 60_000 }));
    sandbox.faults.inject({ method: 'auth.SendCode', forgetAuthKey: true });
    expect(await appErrorOf(login.sendCode(KNOWN, []))).toMatchObject({ code: 'AUTH_RESTART' });
  }, 15_000);

  it('TIMEOUT when the answer comes later than the app waits', async () => {
    const login = await harness.login(harness.gateway({ requestTimeoutMs: 500 }));
    sandbox.faults.inject({ method: 'auth.SendCode', delayMs: 2_000 });
    expect(await appErrorOf(login.sendCode(KNOWN, []))).toMatchObject({ code: 'TIMEOUT' });
  });

  it('NETWORK_UNAVAILABLE when nothing listens on the DC’s port', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => {
          resolve(typeof address === 'object' && address !== null ? address.port : 0);
        });
      });
    });
    const gateway = harness.gateway({
      sandbox: { portFor: () => closedPort, publicKeyPem: sandbox.publicKeyPem },
      connectionRetries: 2,
    });
    expect(await appErrorOf(gateway.startLogin('nowhere'))).toMatchObject({ code: 'NETWORK_UNAVAILABLE' });
    const account = harness.track(gateway.openAccount({ session: wellFormedSession(2), dcId: 2 }, 'nowhere'));
    expect(await appErrorOf(account.connect())).toMatchObject({ code: 'NETWORK_UNAVAILABLE' });
  });
});
