import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api, errors } from 'telegram';
import { ManualClock, startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { ClientPool, TEST_API_ID } from '../support/gram-client.ts';
import { failure, rpcError, sendCode, sentCode, signIn, signedInClient } from '../support/login.ts';

/** Signed-in calls: users.getUsers/getFullUser, updates.getState, active sessions; per-phone flood limits. */

const MAYA = '+15550005001';
const SESSIONS = '+15550005002';
const EVERYONE_OUT = '+15550005003';

let sandbox: Sandbox;
let pool: ClientPool;
const clock = new ManualClock(Date.UTC(2026, 3, 1));

beforeAll(async () => {
  sandbox = await startSandbox({
    clock,
    world: {
      settings: {
        limits: {
          codesSent: { limit: 3, windowSeconds: 3600 },
          wrongCodes: { limit: 2, windowSeconds: 600 },
        },
      },
      accounts: [
        {
          phone: MAYA,
          id: 4242,
          firstName: 'Maya',
          lastName: 'Stone',
          username: 'maya_stone',
          code: '50505',
        },
        { phone: SESSIONS, firstName: 'Sid', code: '50505' },
        { phone: EVERYONE_OUT, firstName: 'Evan', code: '50505' },
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

describe('who am I', () => {
  it('answers users.getUsers / users.getFullUser for inputUserSelf and updates.getState', async () => {
    const { client } = await signedInClient(pool, sandbox, MAYA, 2);
    const [me] = await client.invoke(new Api.users.GetUsers({ id: [new Api.InputUserSelf()] }));
    if (!(me instanceof Api.User)) throw new Error('expected a User');
    expect([me.id.toString(), me.firstName, me.lastName, me.username, me.phone, me.self]).toEqual([
      '4242',
      'Maya',
      'Stone',
      'maya_stone',
      '15550005001',
      true,
    ]);
    expect(me.accessHash?.toString()).toMatch(/^-?\d+$/);

    const full = await client.invoke(new Api.users.GetFullUser({ id: new Api.InputUserSelf() }));
    expect(full.fullUser.id.toString()).toBe('4242');
    expect(full.users.map((u) => (u as Api.User).firstName)).toEqual(['Maya']);

    const state = await client.invoke(new Api.updates.GetState());
    expect(state.date).toBe(Math.floor(clock.now() / 1000));
    // The app code of this very login is the one message in Maya's 777000 chat: pts 1.
    expect([state.pts, state.qts, state.seq, state.unreadCount]).toEqual([1, 0, 0, 0]);
  });
});

describe('active sessions', () => {
  it('lists one authorization per signed-in key, ends one with resetAuthorization (401 SESSION_REVOKED)', async () => {
    const { client: laptop } = await signedInClient(pool, sandbox, SESSIONS, 2);
    clock.advanceSeconds(60);
    const { client: phone } = await signedInClient(pool, sandbox, SESSIONS, 2);

    const list = await laptop.invoke(new Api.account.GetAuthorizations());
    expect(list.authorizationTtlDays).toBe(180);
    expect(list.authorizations).toHaveLength(2);
    const [current, other] = list.authorizations;
    if (!current || !other) throw new Error('expected two authorizations');
    expect([current.current, current.hash.toString()]).toEqual([true, '0']);
    expect(other.current).toBeFalsy();
    expect(other.hash.isZero()).toBe(false);
    expect([other.deviceModel, other.systemVersion, other.appVersion, other.apiId, other.ip]).toEqual([
      'Switchboard test',
      'test',
      '0.0.0',
      TEST_API_ID,
      '127.0.0.1',
    ]);
    expect(other.dateCreated - current.dateCreated).toBe(60);

    await rpcError(
      laptop.invoke(new Api.account.ResetAuthorization({ hash: current.hash })),
      'HASH_INVALID',
      400,
    );
    expect(await laptop.invoke(new Api.account.ResetAuthorization({ hash: other.hash }))).toBe(true);
    await rpcError(
      phone.invoke(new Api.users.GetUsers({ id: [new Api.InputUserSelf()] })),
      'SESSION_REVOKED',
      401,
    );
    await rpcError(phone.invoke(new Api.updates.GetState()), 'SESSION_REVOKED', 401);
    expect(await phone.checkAuthorization()).toBe(false);
    expect((await laptop.invoke(new Api.account.GetAuthorizations())).authorizations).toHaveLength(1);
    await rpcError(
      laptop.invoke(new Api.account.ResetAuthorization({ hash: other.hash })),
      'HASH_INVALID',
      400,
    );
  });

  it('auth.resetAuthorizations ends every other session', async () => {
    const { client: keep } = await signedInClient(pool, sandbox, EVERYONE_OUT, 2);
    const { client: a } = await signedInClient(pool, sandbox, EVERYONE_OUT, 2);
    expect(await keep.invoke(new Api.auth.ResetAuthorizations())).toBe(true);
    await rpcError(a.invoke(new Api.updates.GetState()), 'SESSION_REVOKED', 401);
    expect((await keep.getMe()).firstName).toBe('Evan');
  });
});

describe('exported authorizations', () => {
  it('signs a key on another DC in with auth.exportAuthorization / importAuthorization, once', async () => {
    const { client } = await signedInClient(pool, sandbox, MAYA, 2);
    await rpcError(client.invoke(new Api.auth.ExportAuthorization({ dcId: 2 })), 'DC_ID_INVALID', 400);
    const exported = await client.invoke(new Api.auth.ExportAuthorization({ dcId: 4 }));
    expect(exported.id.toString()).toBe('4242');

    const onDc4 = await pool.connected({ dcId: 4 });
    const onDc3 = await pool.connected({ dcId: 3 });
    const request = new Api.auth.ImportAuthorization({ id: exported.id, bytes: exported.bytes });
    await rpcError(onDc3.invoke(request), 'AUTH_BYTES_INVALID', 400);
    const imported = await onDc4.invoke(request);
    expect(imported).toBeInstanceOf(Api.auth.Authorization);
    expect((await onDc4.getMe()).id.toString()).toBe('4242');
    await rpcError(onDc4.invoke(request), 'AUTH_BYTES_INVALID', 400);
  });
});

describe('per-phone flood limits (world clock)', () => {
  it('after 3 codes in an hour, sendCode waits exactly until the oldest leaves the window', async () => {
    const phone = '9996621501';
    const client = await pool.connected({ dcId: 2 });
    const first = await sentCode(client, phone);
    clock.advanceSeconds(10);
    await client.invoke(new Api.auth.ResendCode({ phoneNumber: phone, phoneCodeHash: first.phoneCodeHash }));
    clock.advanceSeconds(10);
    await sentCode(client, phone);
    clock.advanceSeconds(80);

    const flood = await failure(sendCode(client, phone));
    expect(flood).toBeInstanceOf(errors.FloodWaitError);
    expect((flood as errors.FloodWaitError).seconds).toBe(3500);
    // Another number is not affected.
    expect(await sendCode(client, '9996621502')).toBeInstanceOf(Api.auth.SentCode);

    clock.advanceSeconds(3499);
    expect(((await failure(sendCode(client, phone))) as errors.FloodWaitError).seconds).toBe(1);
    clock.advanceSeconds(1);
    const again = await sentCode(client, phone);
    expect(await signIn(client, phone, again.phoneCodeHash, '22222')).toBeInstanceOf(
      Api.auth.AuthorizationSignUpRequired,
    );
  });

  it('after 2 wrong codes in 10 minutes, sign-in waits (even with the right code)', async () => {
    const phone = '9996621503';
    const client = await pool.connected({ dcId: 2 });
    const sent = await sentCode(client, phone);
    await rpcError(signIn(client, phone, sent.phoneCodeHash, '12345'), 'PHONE_CODE_INVALID');
    clock.advanceSeconds(30);
    await rpcError(signIn(client, phone, sent.phoneCodeHash, '54321'), 'PHONE_CODE_INVALID');
    const flood = await failure(signIn(client, phone, sent.phoneCodeHash, '22222'));
    expect(flood).toBeInstanceOf(errors.FloodWaitError);
    expect((flood as errors.FloodWaitError).seconds).toBe(570);
    clock.advanceSeconds(570);
    // The code's TTL (300 s) has run out meanwhile: the wait is over, the code is not.
    await rpcError(signIn(client, phone, sent.phoneCodeHash, '22222'), 'PHONE_CODE_EXPIRED');
  });

  it('a short flood wait is slept through by GramJS when it is under floodSleepThreshold', async () => {
    const phone = '9996621504';
    const client = await pool.connected({ dcId: 2 });
    client.floodSleepThreshold = 5;
    for (let i = 0; i < 3; i++) {
      await sentCode(client, phone);
      clock.advanceSeconds(i < 2 ? 1 : 3597);
    }
    // 1 s left by the world clock: GramJS sleeps 1 s (real time) and retries. Once the first attempt has
    // reached the server (and got FLOOD_WAIT_1), move the world clock past the window.
    const calls = (): number => sandbox.stats(2).callsByMethod.get('auth.SendCode') ?? 0;
    const before = calls();
    const retried = sendCode(client, phone);
    while (calls() === before) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    clock.advanceSeconds(1);
    expect(await retried).toBeInstanceOf(Api.auth.SentCode);
    expect(calls()).toBe(before + 2);
    expect(sandbox.world.outbox.entries(phone)).toHaveLength(4);
  });
});
