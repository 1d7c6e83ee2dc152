import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api } from 'telegram';
import { loadWorldFile, startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { ClientPool } from '../support/gram-client.ts';
import { rpcError, sentCode, signIn } from '../support/login.ts';

/** The README's table of demo accounts, checked against the demo world file. */
let sandbox: Sandbox;
let pool: ClientPool;

beforeAll(async () => {
  sandbox = await startSandbox({ world: await loadWorldFile('main/sandbox/worlds/demo.json') });
  pool = new ClientPool(sandbox);
});
afterEach(async () => {
  await pool.destroyClients();
});
afterAll(async () => {
  await sandbox.close();
});

describe('the demo world', () => {
  it.each([
    ['+999 66 2 0001', 2, 'Ada', '22222'],
    ['+999 66 4 0001', 4, 'Linus', '44444'],
    ['+888 0000 0001', 2, 'Anon', '88888'],
  ])('%s signs in on DC %i as %s with code %s', async (phone, dcId, firstName, code) => {
    const client = await pool.connected({ dcId });
    const sent = await sentCode(client, phone);
    const result = await signIn(client, phone, sent.phoneCodeHash, code);
    if (!(result instanceof Api.auth.Authorization)) throw new Error('expected a signed-in authorization');
    expect((result.user as Api.User).firstName).toBe(firstName);
  });

  it('Grace needs her 2FA password after the code', async () => {
    const client = await pool.connected({ dcId: 2 });
    const sent = await sentCode(client, '+999 66 2 0002');
    await rpcError(signIn(client, '+999 66 2 0002', sent.phoneCodeHash, '22222'), 'SESSION_PASSWORD_NEEDED');
    const password = await client.invoke(new Api.account.GetPassword());
    expect(password.hint).toBe('demo, a dash, password');
  });

  it('+999 66 2 0003 has no account yet and is asked to sign up', async () => {
    const client = await pool.connected({ dcId: 2 });
    const sent = await sentCode(client, '+999 66 2 0003');
    expect(await signIn(client, '+999 66 2 0003', sent.phoneCodeHash, '22222')).toBeInstanceOf(
      Api.auth.AuthorizationSignUpRequired,
    );
  });

  it("Emma's code goes to her login email first", async () => {
    const client = await pool.connected({ dcId: 2 });
    const sent = await sentCode(client, '+999 66 2 0004');
    expect(sent.type).toBeInstanceOf(Api.auth.SentCodeTypeEmailCode);
    expect(sandbox.world.outbox.lastCode('+999 66 2 0004')).toBe('22222');
  });

  it("Wendy's codes are a word, then a phrase", async () => {
    const client = await pool.connected({ dcId: 2 });
    const sent = await sentCode(client, '+999 66 2 0005');
    expect(sent.type).toBeInstanceOf(Api.auth.SentCodeTypeSmsWord);
    expect(sandbox.world.outbox.lastCode('+999 66 2 0005')).toBe('lantern');
    const resent = await client.invoke(
      new Api.auth.ResendCode({ phoneNumber: '+999 66 2 0005', phoneCodeHash: sent.phoneCodeHash }),
    );
    if (!(resent instanceof Api.auth.SentCode)) throw new Error('expected a code');
    expect(resent.type).toBeInstanceOf(Api.auth.SentCodeTypeSmsPhrase);
    expect(sandbox.world.outbox.lastCode('+999 66 2 0005')).toBe('quiet amber harbor');
  });
});
