import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api, errors } from 'telegram';
import { StringSession } from 'telegram/sessions';
import { ManualClock, startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { ClientPool } from '../support/gram-client.ts';
import {
  expectAuthorization,
  lastCode,
  rpcError,
  sendCode,
  sentCode,
  signIn,
  signedInClient,
  userOf,
} from '../support/login.ts';

/** Phone-code login: sendCode, the default ladder, signIn/signUp, code errors, PHONE_MIGRATE, sessions. */

const ALICE = '+1 555 000 1001';
const DC4_USER = '+15550001004';
const BANNED = '+15550001009';

let sandbox: Sandbox;
let pool: ClientPool;
const clock = new ManualClock(Date.UTC(2026, 0, 1));

beforeAll(async () => {
  sandbox = await startSandbox({
    clock,
    world: {
      settings: { limits: { codesSent: { limit: 50, windowSeconds: 3600 } } },
      accounts: [
        { phone: ALICE, dc: 2, firstName: 'Alice', lastName: 'Example', username: 'alice_sb', code: '13579' },
        { phone: DC4_USER, dc: 4, firstName: 'Dora', code: '24680' },
        { phone: BANNED, dc: 2, banned: true },
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

describe("Telegram's test numbers work without seeding", () => {
  it('99966XYYYY lives on DC X, gets code XXXXX by app, and signs up then stays registered', async () => {
    const phone = '9996621001';
    const client = await pool.connected({ dcId: 2 });
    const sent = await sentCode(client, phone);
    expect(sent.type).toBeInstanceOf(Api.auth.SentCodeTypeApp);
    expect((sent.type as Api.auth.SentCodeTypeApp).length).toBe(5);
    expect(sent.nextType).toBeInstanceOf(Api.auth.CodeTypeSms);
    expect(sent.timeout).toBe(60);
    expect(sandbox.world.outbox.last(phone)).toMatchObject({
      kind: 'app',
      code: '22222',
      dcId: 2,
      phoneCodeHash: sent.phoneCodeHash,
      atMs: clock.now(),
    });

    const required = await signIn(client, phone, sent.phoneCodeHash, '22222');
    expect(required).toBeInstanceOf(Api.auth.AuthorizationSignUpRequired);
    const terms = (required as Api.auth.AuthorizationSignUpRequired).termsOfService;
    expect(terms?.text).toBe('Sandbox terms of service: nothing here is real.');

    const signedUp = expectAuthorization(
      await client.invoke(
        new Api.auth.SignUp({
          phoneNumber: phone,
          phoneCodeHash: sent.phoneCodeHash,
          firstName: 'Ann',
          lastName: 'Lee',
        }),
      ),
    );
    const user = userOf(signedUp);
    expect([user.firstName, user.lastName, user.phone, user.self]).toEqual(['Ann', 'Lee', phone, true]);
    expect(signedUp.futureAuthToken?.length).toBeGreaterThan(0);
    if (!terms) throw new Error('no terms of service');
    expect(await client.invoke(new Api.help.AcceptTermsOfService({ id: terms.id }))).toBe(true);
    expect(sandbox.world.account(phone)?.acceptedTerms.has(terms.id.data)).toBe(true);
    expect((await client.getMe()).id.toString()).toBe(user.id.toString());

    // A second login to the same number finds the account it made.
    const again = await pool.connected({ dcId: 2 });
    const second = await sentCode(again, '+999 66 2 1001');
    const back = userOf(expectAuthorization(await signIn(again, phone, second.phoneCodeHash, '22222')));
    expect(back.id.toString()).toBe(user.id.toString());
    expect(back.firstName).toBe('Ann');
  });

  it('accepts any formatting of a test number on its own DC (+999 66 3 1002 -> DC 3, code 33333)', async () => {
    const client = await pool.connected({ dcId: 3 });
    const sent = await sentCode(client, '+999 66 3 1002');
    expect(lastCode(sandbox, '9996631002')).toBe('33333');
    expect(await signIn(client, '+9996631002', sent.phoneCodeHash, '33333')).toBeInstanceOf(
      Api.auth.AuthorizationSignUpRequired,
    );
  });

  it('answers PHONE_NUMBER_INVALID for a test number whose DC is not running, and for malformed numbers', async () => {
    const client = await pool.connected({ dcId: 2 });
    for (const phone of ['9996671234', '+999 66 0 1234', 'abc', '12', '+1 555 abc 1234', '']) {
      await rpcError(sendCode(client, phone), 'PHONE_NUMBER_INVALID', 400);
    }
  });

  it('answers PHONE_NUMBER_BANNED for a banned number', async () => {
    const client = await pool.connected({ dcId: 2 });
    await rpcError(sendCode(client, BANNED), 'PHONE_NUMBER_BANNED', 400);
  });
});

describe('PHONE_MIGRATE', () => {
  it('sends a client on DC 2 to the phone’s home DC 4 by itself; sign-in then works there', async () => {
    const handshakesOnDc4 = sandbox.stats(4).handshakes;
    const client = await pool.connected({ dcId: 2 });
    const sent = await sentCode(client, DC4_USER);
    expect(client.session.dcId).toBe(4);
    expect(sandbox.stats(4).handshakes).toBe(handshakesOnDc4 + 1);
    expect(sandbox.world.outbox.last(DC4_USER)).toMatchObject({ dcId: 4, code: '24680' });
    const user = userOf(expectAuthorization(await signIn(client, DC4_USER, sent.phoneCodeHash, '24680')));
    expect(user.firstName).toBe('Dora');
    expect(client.session.dcId).toBe(4);
  });
});

describe('the default delivery ladder', () => {
  it('goes app -> sms -> call, each resend with a new hash, then 406 SEND_CODE_UNAVAILABLE', async () => {
    const phone = '9996621003';
    const client = await pool.connected({ dcId: 2 });
    const first = await sentCode(client, phone);
    expect(first.type).toBeInstanceOf(Api.auth.SentCodeTypeApp);
    expect(first.nextType).toBeInstanceOf(Api.auth.CodeTypeSms);

    const sms = await client.invoke(
      new Api.auth.ResendCode({ phoneNumber: phone, phoneCodeHash: first.phoneCodeHash }),
    );
    if (!(sms instanceof Api.auth.SentCode)) throw new Error('expected auth.sentCode');
    expect(sms.type).toBeInstanceOf(Api.auth.SentCodeTypeSms);
    expect(sms.nextType).toBeInstanceOf(Api.auth.CodeTypeCall);
    expect(sms.timeout).toBe(60);
    expect(sms.phoneCodeHash).not.toBe(first.phoneCodeHash);
    expect(sandbox.world.outbox.last(phone)?.kind).toBe('sms');

    const call = await client.invoke(
      new Api.auth.ResendCode({ phoneNumber: phone, phoneCodeHash: sms.phoneCodeHash }),
    );
    if (!(call instanceof Api.auth.SentCode)) throw new Error('expected auth.sentCode');
    expect(call.type).toBeInstanceOf(Api.auth.SentCodeTypeCall);
    expect((call.type as Api.auth.SentCodeTypeCall).length).toBe(5);
    // GramJS reads absent optional fields as null: no next type and no timeout on the last rung.
    expect(call.nextType).toBeNull();
    expect(call.timeout).toBeNull();
    expect(sandbox.world.outbox.last(phone)).toMatchObject({
      kind: 'call',
      phoneCodeHash: call.phoneCodeHash,
    });

    await rpcError(
      client.invoke(new Api.auth.ResendCode({ phoneNumber: phone, phoneCodeHash: call.phoneCodeHash })),
      'SEND_CODE_UNAVAILABLE',
      406,
    );
    // The replaced hashes no longer work; the last one still does.
    await rpcError(signIn(client, phone, first.phoneCodeHash, '22222'), 'PHONE_CODE_EXPIRED', 400);
    await rpcError(signIn(client, phone, sms.phoneCodeHash, '22222'), 'PHONE_CODE_EXPIRED', 400);
    expect(await signIn(client, phone, call.phoneCodeHash, '22222')).toBeInstanceOf(
      Api.auth.AuthorizationSignUpRequired,
    );
  });
});

describe('code errors', () => {
  it('expires a code after the TTL (300 s by the world clock)', async () => {
    const client = await pool.connected({ dcId: 2 });
    const sent = await sentCode(client, ALICE);
    clock.advanceSeconds(299);
    // Still valid one second before: a wrong code is "invalid", not "expired".
    await rpcError(signIn(client, ALICE, sent.phoneCodeHash, '00000'), 'PHONE_CODE_INVALID', 400);
    clock.advanceSeconds(1);
    await rpcError(signIn(client, ALICE, sent.phoneCodeHash, '13579'), 'PHONE_CODE_EXPIRED', 400);
    await rpcError(
      client.invoke(new Api.auth.ResendCode({ phoneNumber: ALICE, phoneCodeHash: sent.phoneCodeHash })),
      'PHONE_CODE_EXPIRED',
      400,
    );
  });

  it('keeps the hash usable after a wrong code; rejects an empty code and an empty hash', async () => {
    const client = await pool.connected({ dcId: 2 });
    const sent = await sentCode(client, ALICE);
    await rpcError(signIn(client, ALICE, sent.phoneCodeHash, '97531'), 'PHONE_CODE_INVALID', 400);
    await rpcError(signIn(client, ALICE, sent.phoneCodeHash, ''), 'PHONE_CODE_EMPTY', 400);
    await rpcError(signIn(client, ALICE, '', '13579'), 'PHONE_CODE_HASH_EMPTY', 400);
    await rpcError(signIn(client, ALICE, 'deadbeef', '13579'), 'PHONE_CODE_EXPIRED', 400);
    const user = userOf(expectAuthorization(await signIn(client, ALICE, sent.phoneCodeHash, '13579')));
    expect([user.firstName, user.lastName, user.username, user.phone]).toEqual([
      'Alice',
      'Example',
      'alice_sb',
      '15550001001',
    ]);
    // A used hash is spent.
    await rpcError(signIn(client, ALICE, sent.phoneCodeHash, '13579'), 'PHONE_CODE_EXPIRED', 400);
  });

  it('refuses a hash from another client (another auth key): PHONE_CODE_EXPIRED; the asking client signs in', async () => {
    const asker = await pool.connected({ dcId: 2 });
    const other = await pool.connected({ dcId: 2 });
    const sent = await sentCode(asker, ALICE);
    await rpcError(signIn(other, ALICE, sent.phoneCodeHash, '13579'), 'PHONE_CODE_EXPIRED', 400);
    expectAuthorization(await signIn(asker, ALICE, sent.phoneCodeHash, '13579'));
  });

  it('cancels a code with auth.cancelCode', async () => {
    const client = await pool.connected({ dcId: 2 });
    const sent = await sentCode(client, ALICE);
    const cancel = new Api.auth.CancelCode({ phoneNumber: ALICE, phoneCodeHash: sent.phoneCodeHash });
    expect(await client.invoke(cancel)).toBe(true);
    await rpcError(signIn(client, ALICE, sent.phoneCodeHash, '13579'), 'PHONE_CODE_EXPIRED', 400);
    await rpcError(client.invoke(cancel), 'PHONE_CODE_EXPIRED', 400);
  });

  it('a new sendCode from the same client replaces the previous hash', async () => {
    const client = await pool.connected({ dcId: 2 });
    const first = await sentCode(client, ALICE);
    const second = await sentCode(client, ALICE);
    expect(second.phoneCodeHash).not.toBe(first.phoneCodeHash);
    await rpcError(signIn(client, ALICE, first.phoneCodeHash, '13579'), 'PHONE_CODE_EXPIRED', 400);
    expectAuthorization(await signIn(client, ALICE, second.phoneCodeHash, '13579'));
  });
});

describe('sign-up', () => {
  it('refuses a bad first name, a sign-up before the code was confirmed, and a registered number', async () => {
    const phone = '9996621004';
    const client = await pool.connected({ dcId: 2 });
    const sent = await sentCode(client, phone);
    const signUp = (firstName: string): Promise<unknown> =>
      client.invoke(
        new Api.auth.SignUp({
          phoneNumber: phone,
          phoneCodeHash: sent.phoneCodeHash,
          firstName,
          lastName: '',
        }),
      );
    await rpcError(signUp('Zed'), 'PHONE_CODE_EMPTY', 400);
    expect(await signIn(client, phone, sent.phoneCodeHash, '22222')).toBeInstanceOf(
      Api.auth.AuthorizationSignUpRequired,
    );
    await rpcError(signUp('   '), 'FIRSTNAME_INVALID', 400);
    await rpcError(signUp('x'.repeat(65)), 'FIRSTNAME_INVALID', 400);
    expect(userOf(expectAuthorization(await signUp('Zed'))).firstName).toBe('Zed');

    const other = await pool.connected({ dcId: 2 });
    const forAlice = await sentCode(other, ALICE);
    await rpcError(
      other.invoke(
        new Api.auth.SignUp({
          phoneNumber: ALICE,
          phoneCodeHash: forAlice.phoneCodeHash,
          firstName: 'Eve',
          lastName: '',
        }),
      ),
      'PHONE_NUMBER_OCCUPIED',
      400,
    );
  });
});

describe('sessions', () => {
  it('a saved StringSession is still authorised in a new client, and no longer after auth.logOut', async () => {
    const { client, authorization } = await signedInClient(pool, sandbox, ALICE, 2);
    if (!(client.session instanceof StringSession)) throw new Error('expected a StringSession');
    const saved = client.session.save();
    await client.destroy();

    const restored = pool.create({ session: saved });
    expect(await restored.connect()).toBe(true);
    expect(await restored.checkAuthorization()).toBe(true);
    expect((await restored.getMe()).id.toString()).toBe(userOf(authorization).id.toString());

    const loggedOut = await restored.invoke(new Api.auth.LogOut());
    expect(loggedOut.futureAuthToken?.length).toBeGreaterThan(0);
    await restored.destroy();

    const after = pool.create({ session: saved });
    expect(await after.connect()).toBe(true);
    expect(await after.checkAuthorization()).toBe(false);
    await rpcError(
      after.invoke(new Api.users.GetUsers({ id: [new Api.InputUserSelf()] })),
      'AUTH_KEY_UNREGISTERED',
      401,
    );
    await rpcError(after.invoke(new Api.auth.LogOut()), 'AUTH_KEY_UNREGISTERED', 401);
  });

  it('a key that never signed in gets 401 AUTH_KEY_UNREGISTERED from updates.getState', async () => {
    const client = await pool.connected({ dcId: 5 });
    const error = await rpcError(client.invoke(new Api.updates.GetState()), 'AUTH_KEY_UNREGISTERED', 401);
    expect(error).not.toBeInstanceOf(errors.FloodWaitError);
    expect(await client.checkAuthorization()).toBe(false);
  });
});
