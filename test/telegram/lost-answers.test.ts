import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { appErrorOf, codeSent, GatewayHarness, lastCode } from './harness.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * After an answer to signIn/signUp/checkPassword is lost, the app asks the same login client whether the
 * login completed at Telegram anyway (signedInUser), and ends it there if the user cancelled (logOut).
 */

const LIN = '+15550011001';
const PAM = '+15550011002';
const FEY = '+15550011003';
const OLA = '+15550011004';
const ROY = '+15550011005';

let sandbox: Sandbox;
let harness: GatewayHarness;

beforeAll(async () => {
  sandbox = await startSandbox({
    world: {
      accounts: [
        { phone: LIN, id: 11001, firstName: 'Lin' },
        { phone: PAM, id: 11002, firstName: 'Pam', password: 'pw-pam', passwordHint: 'pam' },
        { phone: FEY, id: 11003, firstName: 'Fey', dc: 4 },
        { phone: OLA, id: 11004, firstName: 'Ola' },
        { phone: ROY, id: 11005, firstName: 'Roy' },
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

describe('signedInUser', () => {
  it('is null before the code and at the password step, and the user (no token) once signed in', async () => {
    const login = await harness.login();
    expect(await login.signedInUser()).toBeNull();
    const sent = codeSent(await login.sendCode(PAM, []));
    expect(await login.signedInUser()).toBeNull();
    expect((await login.signIn(PAM, sent.phoneCodeHash, lastCode(sandbox, PAM))).kind).toBe('passwordNeeded');
    expect(await login.signedInUser()).toBeNull();
    expect((await login.checkPassword('pw-pam')).kind).toBe('signedIn');
    expect(await login.signedInUser()).toEqual({
      user: { userId: '11002', phone: PAM, firstName: 'Pam', lastName: '', username: null },
      dcId: 2,
      futureAuthToken: null,
    });
  });

  it('finds a sign-in that completed at Telegram after the app gave up on its answer, on the migrated DC', async () => {
    const login = await harness.login(harness.gateway({ requestTimeoutMs: 1_000 }));
    const sent = codeSent(await login.sendCode(FEY, []));
    sandbox.faults.inject({ method: 'auth.SignIn', delayMs: 2_500 });
    expect(await appErrorOf(login.signIn(FEY, sent.phoneCodeHash, lastCode(sandbox, FEY)))).toMatchObject({
      code: 'TIMEOUT',
    });
    // Telegram has not got to the sign-in yet: not signed in (so far).
    expect(await login.signedInUser()).toBeNull();
    await waitFor(() => sandbox.world.authorizations.keysOf(11003n).length > 0, 5_000);
    const completed = await login.signedInUser();
    expect(completed?.user).toMatchObject({ userId: '11003', firstName: 'Fey' });
    expect(completed?.dcId).toBe(4);
    expect((await login.exportSession()).dcId).toBe(4);
  });

  it('throws TIMEOUT instead of guessing when its own answer does not come', async () => {
    const login = await harness.login(harness.gateway({ requestTimeoutMs: 500 }));
    sandbox.faults.inject({ method: 'users.GetUsers', delayMs: 1_500 });
    expect(await appErrorOf(login.signedInUser())).toMatchObject({ code: 'TIMEOUT' });
  });
});

describe('logOut on a login client', () => {
  it('ends the authorization at Telegram', async () => {
    const login = await harness.login();
    const sent = codeSent(await login.sendCode(OLA, []));
    expect((await login.signIn(OLA, sent.phoneCodeHash, lastCode(sandbox, OLA))).kind).toBe('signedIn');
    expect(sandbox.world.authorizations.keysOf(11004n)).toHaveLength(1);
    await login.logOut();
    expect(sandbox.world.authorizations.keysOf(11004n)).toEqual([]);
    expect(await login.signedInUser()).toBeNull();
  });

  it('maps errors as usual: SIGNED_OUT for a key that is not signed in, FLOOD_WAIT from Telegram', async () => {
    const login = await harness.login(harness.gateway({ now: () => 1_000 }));
    expect(await appErrorOf(login.logOut())).toMatchObject({ code: 'SIGNED_OUT' });
    const sent = codeSent(await login.sendCode(ROY, []));
    await login.signIn(ROY, sent.phoneCodeHash, lastCode(sandbox, ROY));
    sandbox.faults.inject({ method: 'auth.LogOut', error: { code: 420, message: 'FLOOD_WAIT_30' } });
    expect(await appErrorOf(login.logOut())).toMatchObject({ code: 'FLOOD_WAIT', retryAt: 31_000 });
    expect(sandbox.world.authorizations.keysOf(11005n)).toHaveLength(1);
  });
});
