import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api, errors, password, type TelegramClient } from 'telegram';
import { ManualClock, startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { TELEGRAM_DH_PRIME } from '../../main/sandbox/crypto/dh-prime.ts';
import { ClientPool } from '../support/gram-client.ts';
import {
  expectAuthorization,
  failure,
  lastCode,
  rpcError,
  sendCode,
  sentCode,
  signIn,
  signedInClient,
  userOf,
} from '../support/login.ts';

/** 2FA with real SRP (GramJS's own computeCheck), and future auth tokens from sign-in and logOut. */

const TWO_FA = '+15550003001';
const TWO_FA_PASSWORD = 'correct horse battery';
const FLOODED = '+15550003002';
const PLAIN = '+15550003003';
const TOKEN_2FA = '+15550003004';
const START_DC4 = '+15550003005';

let sandbox: Sandbox;
let pool: ClientPool;
const clock = new ManualClock(Date.UTC(2026, 1, 1));

beforeAll(async () => {
  sandbox = await startSandbox({
    clock,
    world: {
      settings: {
        limits: {
          codesSent: { limit: 50, windowSeconds: 3600 },
          wrongPasswords: { limit: 3, windowSeconds: 3600 },
        },
        futureAuthTokenTtlSeconds: 7 * 86400,
      },
      accounts: [
        {
          phone: TWO_FA,
          firstName: 'Tess',
          code: '11111',
          password: TWO_FA_PASSWORD,
          passwordHint: 'horse',
          loginEmail: 'tess@example.com',
        },
        { phone: FLOODED, code: '11111', password: 'pw-flood' },
        { phone: PLAIN, firstName: 'Pat', code: '11111' },
        { phone: TOKEN_2FA, firstName: 'Toby', code: '11111', password: 'token-pw' },
        { phone: START_DC4, dc: 4, firstName: 'Stella', password: 'start-pw', passwordHint: 'star' },
      ],
    },
  });
  pool = new ClientPool(sandbox);
});
afterEach(async () => {
  await pool.destroyClients();
});
afterAll(async () => {
  await sandbox.close();
});

/** A client that proved the code of a 2FA account and now has to give the password. */
async function awaitingPassword(phone: string): Promise<TelegramClient> {
  const client = await pool.connected({ dcId: 2 });
  const sent = await sentCode(client, phone);
  await rpcError(signIn(client, phone, sent.phoneCodeHash, '11111'), 'SESSION_PASSWORD_NEEDED', 401);
  return client;
}

function checkPassword(
  client: TelegramClient,
  check: Api.TypeInputCheckPasswordSRP,
): Promise<Api.auth.TypeAuthorization> {
  return client.invoke(new Api.auth.CheckPassword({ password: check }));
}

describe('2FA with SRP', () => {
  it('asks for the password, describes the SRP parameters, and accepts GramJS’s computeCheck of the right one', async () => {
    const client = await awaitingPassword(TWO_FA);
    const state = await client.invoke(new Api.account.GetPassword());
    expect(state.hasPassword).toBe(true);
    expect(state.hint).toBe('horse');
    expect(state.loginEmailPattern).toBe('t***@example.com');
    const algo = state.currentAlgo;
    if (!(algo instanceof Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow)) {
      throw new Error('expected the SHA256/PBKDF2/ModPow algorithm');
    }
    expect(algo.g).toBe(3);
    expect(Buffer.from(algo.p).equals(TELEGRAM_DH_PRIME)).toBe(true);
    expect([algo.salt1.length, algo.salt2.length]).toEqual([40, 16]);
    expect(state.srp_B?.length).toBe(256);
    expect(state.srpId).toBeDefined();
    expect(state.newAlgo).toBeInstanceOf(
      Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow,
    );
    expect(state.secureRandom.length).toBe(32);

    // Not signed in yet: the password step is pending.
    await rpcError(client.invoke(new Api.updates.GetState()), 'AUTH_KEY_UNREGISTERED', 401);
    const user = userOf(
      expectAuthorization(await checkPassword(client, await password.computeCheck(state, TWO_FA_PASSWORD))),
    );
    expect(user.firstName).toBe('Tess');
    expect((await client.getMe()).firstName).toBe('Tess');
  });

  it('rejects a wrong password with PASSWORD_HASH_INVALID; a fresh getPassword and the right one then work', async () => {
    const client = await awaitingPassword(TWO_FA);
    const first = await client.invoke(new Api.account.GetPassword());
    await rpcError(
      checkPassword(client, await password.computeCheck(first, 'Correct horse battery')),
      'PASSWORD_HASH_INVALID',
      400,
    );
    const second = await client.invoke(new Api.account.GetPassword());
    expectAuthorization(await checkPassword(client, await password.computeCheck(second, TWO_FA_PASSWORD)));
  });

  it('answers SRP_ID_INVALID for a stale srp_id (a later getPassword) and for a used one', async () => {
    const client = await awaitingPassword(TWO_FA);
    const older = await client.invoke(new Api.account.GetPassword());
    const newer = await client.invoke(new Api.account.GetPassword());
    expect(newer.srpId?.toString()).not.toBe(older.srpId?.toString());
    await rpcError(
      checkPassword(client, await password.computeCheck(older, TWO_FA_PASSWORD)),
      'SRP_ID_INVALID',
      400,
    );

    const fresh = await client.invoke(new Api.account.GetPassword());
    const wrong = await password.computeCheck(fresh, 'nope');
    await rpcError(checkPassword(client, wrong), 'PASSWORD_HASH_INVALID', 400);
    await rpcError(checkPassword(client, wrong), 'SRP_ID_INVALID', 400);
    await rpcError(checkPassword(client, new Api.InputCheckPasswordEmpty()), 'PASSWORD_HASH_INVALID', 400);
  });

  it('limits wrong passwords per account: the 4th try within the hour waits the exact remaining seconds', async () => {
    const client = await awaitingPassword(FLOODED);
    for (let i = 0; i < 3; i++) {
      const state = await client.invoke(new Api.account.GetPassword());
      await rpcError(
        checkPassword(client, await password.computeCheck(state, `wrong-${i}`)),
        'PASSWORD_HASH_INVALID',
      );
      clock.advanceSeconds(100);
    }
    const state = await client.invoke(new Api.account.GetPassword());
    const check = await password.computeCheck(state, 'pw-flood');
    const flood = await failure(checkPassword(client, check));
    expect(flood).toBeInstanceOf(errors.FloodWaitError);
    // The first wrong try leaves the window 3600 s after it was made, i.e. 3300 s from now.
    expect((flood as errors.FloodWaitError).seconds).toBe(3300);
    clock.advanceSeconds(3300);
    expectAuthorization(await checkPassword(client, check));
  });

  it('getPassword without a pending login is 401 AUTH_KEY_UNREGISTERED; without a password it says so', async () => {
    const stranger = await pool.connected({ dcId: 2 });
    await rpcError(stranger.invoke(new Api.account.GetPassword()), 'AUTH_KEY_UNREGISTERED', 401);
    const { client } = await signedInClient(pool, sandbox, PLAIN, 2);
    const state = await client.invoke(new Api.account.GetPassword());
    expect(state.hasPassword).toBe(false);
    expect(state.currentAlgo).toBeNull();
    await rpcError(checkPassword(client, new Api.InputCheckPasswordEmpty()), 'PASSWORD_EMPTY', 400);
  });
});

describe('GramJS’s own client.start()', () => {
  it('migrates to DC 4, takes the code from the outbox and the password from its callback', async () => {
    const client = await pool.connected({ dcId: 2 });
    const hints: (string | undefined)[] = [];
    const failures: Error[] = [];
    await client.start({
      phoneNumber: START_DC4,
      phoneCode: () => Promise.resolve(lastCode(sandbox, START_DC4)),
      password: (hint) => {
        hints.push(hint);
        return Promise.resolve('start-pw');
      },
      onError: (error) => {
        failures.push(error);
        return Promise.resolve(true);
      },
    });
    expect(failures).toEqual([]);
    expect(hints).toEqual(['star']);
    expect(client.session.dcId).toBe(4);
    expect((await client.getMe()).firstName).toBe('Stella');
  });
});

describe('future auth tokens', () => {
  it('logOut hands out a token; sendCode with it logs in without a code (sentCodeSuccess), once', async () => {
    const { client } = await signedInClient(pool, sandbox, PLAIN, 2);
    const deliveredBefore = sandbox.world.outbox.entries(PLAIN).length;
    const loggedOut = await client.invoke(new Api.auth.LogOut());
    const token = loggedOut.futureAuthToken;
    if (!token) throw new Error('auth.loggedOut carried no future_auth_token');

    const next = await pool.connected({ dcId: 2 });
    const result = await sendCode(next, PLAIN, { logoutTokens: [Buffer.from('not a token'), token] });
    if (!(result instanceof Api.auth.SentCodeSuccess))
      throw new Error(`expected sentCodeSuccess, got ${result.className}`);
    const authorization = expectAuthorization(result.authorization);
    expect(userOf(authorization).firstName).toBe('Pat');
    expect(authorization.futureAuthToken?.length).toBeGreaterThan(0);
    expect(sandbox.world.outbox.entries(PLAIN)).toHaveLength(deliveredBefore);
    expect(await next.checkAuthorization()).toBe(true);

    // Single use: the same token again only gets a code sent.
    const third = await pool.connected({ dcId: 2 });
    expect(await sendCode(third, PLAIN, { logoutTokens: [token] })).toBeInstanceOf(Api.auth.SentCode);
    expect(sandbox.world.outbox.entries(PLAIN)).toHaveLength(deliveredBefore + 1);
  });

  it('the token from sign-in works too, and expires after the configured TTL', async () => {
    const { authorization } = await signedInClient(pool, sandbox, PLAIN, 2);
    const fromSignIn = authorization.futureAuthToken;
    if (!fromSignIn) throw new Error('auth.authorization carried no future_auth_token');
    const { authorization: again } = await signedInClient(pool, sandbox, PLAIN, 2);
    const expiring = again.futureAuthToken;
    if (!expiring) throw new Error('auth.authorization carried no future_auth_token');

    const client = await pool.connected({ dcId: 2 });
    expect(await sendCode(client, PLAIN, { logoutTokens: [fromSignIn] })).toBeInstanceOf(
      Api.auth.SentCodeSuccess,
    );

    clock.advanceSeconds(7 * 86400);
    const late = await pool.connected({ dcId: 2 });
    expect(await sendCode(late, PLAIN, { logoutTokens: [expiring] })).toBeInstanceOf(Api.auth.SentCode);
  });

  it('with 2FA on, a valid token answers SESSION_PASSWORD_NEEDED; getPassword/checkPassword finish the login', async () => {
    const client = await pool.connected({ dcId: 2 });
    const sent = await sentCode(client, TOKEN_2FA);
    await rpcError(
      signIn(client, TOKEN_2FA, sent.phoneCodeHash, lastCode(sandbox, TOKEN_2FA)),
      'SESSION_PASSWORD_NEEDED',
      401,
    );
    const first = expectAuthorization(
      await checkPassword(
        client,
        await password.computeCheck(await client.invoke(new Api.account.GetPassword()), 'token-pw'),
      ),
    );
    const token = (await client.invoke(new Api.auth.LogOut())).futureAuthToken ?? first.futureAuthToken;
    if (!token) throw new Error('no future auth token');

    const next = await pool.connected({ dcId: 2 });
    const codesBefore = sandbox.world.outbox.entries(TOKEN_2FA).length;
    await rpcError(sendCode(next, TOKEN_2FA, { logoutTokens: [token] }), 'SESSION_PASSWORD_NEEDED', 401);
    expect(sandbox.world.outbox.entries(TOKEN_2FA)).toHaveLength(codesBefore);
    const state = await next.invoke(new Api.account.GetPassword());
    expect(
      userOf(expectAuthorization(await checkPassword(next, await password.computeCheck(state, 'token-pw'))))
        .firstName,
    ).toBe('Toby');
  });
});
