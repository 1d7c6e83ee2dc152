import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import bigInt from 'big-integer';
import { Api, password, type TelegramClient } from 'telegram';
import { Raw } from 'telegram/events';
import { ManualClock, startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { ClientPool, TEST_API_HASH, TEST_API_ID } from '../support/gram-client.ts';
import { expectAuthorization, rpcError, signedInClient, userOf } from '../support/login.ts';

/** QR login: export / accept / export again (or migrate + import), 2FA, token errors, except_ids. */

const HOME2 = '+15550004002';
const HOME4 = '+15550004004';
const WITH_2FA = '+15550004005';
const OTHER2 = '+15550004006';

let sandbox: Sandbox;
let pool: ClientPool;
const clock = new ManualClock(Date.UTC(2026, 2, 1));

beforeAll(async () => {
  sandbox = await startSandbox({
    clock,
    world: {
      accounts: [
        { phone: HOME2, firstName: 'Quinn', dc: 2, code: '12121' },
        { phone: HOME4, firstName: 'Ravi', dc: 4, code: '14141' },
        { phone: WITH_2FA, firstName: 'Sana', dc: 2, code: '15151', password: 'qr-secret' },
        { phone: OTHER2, firstName: 'Omar', dc: 2, code: '16161' },
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

function exportToken(client: TelegramClient, exceptIds: bigint[] = []): Promise<Api.auth.TypeLoginToken> {
  return client.invoke(
    new Api.auth.ExportLoginToken({
      apiId: TEST_API_ID,
      apiHash: TEST_API_HASH,
      exceptIds: exceptIds.map((id) => bigInt(id.toString())),
    }),
  );
}

async function freshToken(client: TelegramClient, exceptIds: bigint[] = []): Promise<Api.auth.LoginToken> {
  const token = await exportToken(client, exceptIds);
  if (!(token instanceof Api.auth.LoginToken))
    throw new Error(`expected auth.loginToken, got ${token.className}`);
  return token;
}

/** Resolves when `client` receives updateLoginToken; rejects after 5 s. */
function loginTokenUpdate(client: TelegramClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('no updateLoginToken within 5 s'));
    }, 5000);
    client.addEventHandler((update: unknown) => {
      if (update instanceof Api.UpdateLoginToken) {
        clearTimeout(timer);
        resolve();
      }
    }, new Raw({}));
  });
}

function accept(client: TelegramClient, token: Buffer): Promise<Api.Authorization> {
  return client.invoke(new Api.auth.AcceptLoginToken({ token }));
}

describe('QR login', () => {
  it('on the account’s home DC: accepted by another session, the exporter gets updateLoginToken then loginTokenSuccess', async () => {
    const { client: phone, authorization } = await signedInClient(pool, sandbox, HOME2, 2);
    const desktop = await pool.connected({ dcId: 2 });
    const token = await freshToken(desktop);
    expect(token.expires).toBe(Math.floor(clock.now() / 1000) + 30);
    expect(token.token.length).toBe(32);
    const updated = loginTokenUpdate(desktop);

    const session = await accept(phone, token.token);
    expect(session).toBeInstanceOf(Api.Authorization);
    expect([session.deviceModel, session.apiId, session.current]).toEqual([
      'Switchboard test',
      TEST_API_ID,
      false,
    ]);
    expect(session.hash.isZero()).toBe(false);
    await updated;

    const success = await exportToken(desktop);
    if (!(success instanceof Api.auth.LoginTokenSuccess))
      throw new Error(`expected loginTokenSuccess, got ${success.className}`);
    const user = userOf(expectAuthorization(success.authorization));
    expect(user.id.toString()).toBe(userOf(authorization).id.toString());
    expect((await desktop.getMe()).firstName).toBe('Quinn');

    // The new session is the one the phone was told about.
    const sessions = await phone.invoke(new Api.account.GetAuthorizations());
    const other = sessions.authorizations.find((a) => a.current !== true);
    expect(other?.hash.toString()).toBe(session.hash.toString());
  });

  it('across DCs: loginTokenMigrateTo, then importLoginToken on the home DC (client.session.dcId becomes 4)', async () => {
    const { client: phone } = await signedInClient(pool, sandbox, HOME4, 4);
    const desktop = await pool.connected({ dcId: 2 });
    const token = await freshToken(desktop);
    const updated = loginTokenUpdate(desktop);
    await accept(phone, token.token);
    await updated;

    const migrate = await exportToken(desktop);
    if (!(migrate instanceof Api.auth.LoginTokenMigrateTo))
      throw new Error(`expected loginTokenMigrateTo, got ${migrate.className}`);
    expect(migrate.dcId).toBe(4);
    // What GramJS's own signInUserWithQrCode does next.
    await desktop._switchDC(4);
    expect(desktop.session.dcId).toBe(4);
    const imported = await desktop.invoke(new Api.auth.ImportLoginToken({ token: migrate.token }));
    if (!(imported instanceof Api.auth.LoginTokenSuccess))
      throw new Error(`expected loginTokenSuccess, got ${imported.className}`);
    expect(userOf(expectAuthorization(imported.authorization)).firstName).toBe('Ravi');
    expect(await desktop.checkAuthorization()).toBe(true);
    // A migrate token is single-use.
    const again = await pool.connected({ dcId: 4 });
    await rpcError(
      again.invoke(new Api.auth.ImportLoginToken({ token: migrate.token })),
      'AUTH_TOKEN_ALREADY_ACCEPTED',
      400,
    );
  });

  it('with 2FA the last step answers SESSION_PASSWORD_NEEDED; the password completes it', async () => {
    const phoneClient = await pool.connected({ dcId: 2 });
    const sent = await phoneClient.invoke(
      new Api.auth.SendCode({
        phoneNumber: WITH_2FA,
        apiId: TEST_API_ID,
        apiHash: TEST_API_HASH,
        settings: new Api.CodeSettings({}),
      }),
    );
    if (!(sent instanceof Api.auth.SentCode)) throw new Error('expected auth.sentCode');
    await rpcError(
      phoneClient.invoke(
        new Api.auth.SignIn({ phoneNumber: WITH_2FA, phoneCodeHash: sent.phoneCodeHash, phoneCode: '15151' }),
      ),
      'SESSION_PASSWORD_NEEDED',
    );
    const state = await phoneClient.invoke(new Api.account.GetPassword());
    expectAuthorization(
      await phoneClient.invoke(
        new Api.auth.CheckPassword({ password: await password.computeCheck(state, 'qr-secret') }),
      ),
    );

    const desktop = await pool.connected({ dcId: 2 });
    const token = await freshToken(desktop);
    await accept(phoneClient, token.token);
    await rpcError(exportToken(desktop), 'SESSION_PASSWORD_NEEDED', 401);
    const desktopState = await desktop.invoke(new Api.account.GetPassword());
    const done = await desktop.invoke(
      new Api.auth.CheckPassword({ password: await password.computeCheck(desktopState, 'qr-secret') }),
    );
    expect(userOf(expectAuthorization(done)).firstName).toBe('Sana');
  });

  it('refuses bad, reused and expired tokens, and acceptance by a user in except_ids', async () => {
    const { client: quinn, authorization } = await signedInClient(pool, sandbox, HOME2, 2);
    const { client: omar } = await signedInClient(pool, sandbox, OTHER2, 2);
    const quinnId = BigInt(userOf(authorization).id.toString());
    const desktop = await pool.connected({ dcId: 2 });

    await rpcError(accept(quinn, Buffer.alloc(32, 7)), 'AUTH_TOKEN_INVALID', 400);

    const stranger = await pool.connected({ dcId: 2 });
    const forStranger = await freshToken(desktop);
    await rpcError(accept(stranger, forStranger.token), 'AUTH_KEY_UNREGISTERED', 401);

    // Quinn is already logged in on the exporter: the exporter lists Quinn in except_ids.
    const excepting = await freshToken(desktop, [quinnId]);
    await rpcError(accept(quinn, excepting.token), 'USER_ALREADY_AUTHORIZED', 400);
    await accept(omar, excepting.token);
    await rpcError(accept(quinn, excepting.token), 'AUTH_TOKEN_ALREADY_ACCEPTED', 400);

    // Omar's acceptance logged the exporter in as Omar.
    const success = await exportToken(desktop);
    if (!(success instanceof Api.auth.LoginTokenSuccess))
      throw new Error(`expected loginTokenSuccess, got ${success.className}`);
    expect(userOf(expectAuthorization(success.authorization)).firstName).toBe('Omar');

    const expiring = await freshToken(stranger);
    clock.advanceSeconds(30);
    await rpcError(accept(quinn, expiring.token), 'AUTH_TOKEN_EXPIRED', 400);
    await rpcError(
      desktop.invoke(new Api.auth.ImportLoginToken({ token: Buffer.alloc(32, 1) })),
      'AUTH_TOKEN_INVALID',
      400,
    );
  });
});
