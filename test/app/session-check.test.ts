import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { AppHarness, useSandboxProfile } from '../support/app-harness.ts';

/**
 * Connected accounts' sessions are checked again now and then: a session ended elsewhere shows as signed
 * out without a restart or a dropped connection, and a new name reaches the list.
 */

const GIL = '+15550302001';
const HAL = '+15550302002';
/** The check's period here; the app's is minutes. */
const CHECK_MS = 300;

let sandbox: Sandbox;
let app: AppHarness;
let gilId: string;
let halId: string;

beforeAll(async () => {
  sandbox = await startSandbox({
    world: {
      accounts: [
        { phone: GIL, firstName: 'Gil' },
        { phone: HAL, firstName: 'Hal' },
      ],
    },
  });
  app = await AppHarness.start(sandbox, { sessionCheckMs: CHECK_MS });
  await useSandboxProfile(app);
  gilId = await app.signIn(GIL);
  halId = await app.signIn(HAL);
  await app.waitForAccounts((list) => list.filter((a) => a.status === 'online').length === 2, 'both online');
});
afterAll(async () => {
  await app.stop();
  await sandbox.close();
});

describe('session checks of connected accounts', () => {
  it('marks an account signed out when its session is ended elsewhere while it stays connected', async () => {
    const connectionsBefore = sandbox.stats(2).connections;

    // "Terminate all other sessions" on Gil's phone: nothing happens on the connection itself.
    expect(sandbox.world.signOutEverywhere(GIL)).toBe(1);

    const accounts = await app.waitForAccounts(
      (list) => list.some((a) => a.id === gilId && a.status === 'signedOut'),
      'Gil signed out',
    );
    expect(accounts.find((a) => a.id === gilId)?.statusError?.code).toBe('SIGNED_OUT');
    expect(accounts.find((a) => a.id === halId)?.status).toBe('online');
    expect(app.statusHistory(gilId).at(-1)).toBe('signedOut');
    // Noticed by asking, not by reconnecting.
    expect(sandbox.stats(2).connections).toBe(connectionsBefore);
  });

  it('brings a new name and username into the list', async () => {
    const hal = sandbox.world.account(HAL);
    if (!hal) throw new Error('no such sandbox account');
    hal.firstName = 'Harold';
    hal.username = 'harold';
    const accounts = await app.waitForAccounts(
      (list) => list.some((a) => a.firstName === 'Harold' && a.username === 'harold'),
      'Hal renamed',
    );
    expect(accounts.find((a) => a.firstName === 'Harold')?.status).toBe('online');
  });

  it('marks an account signed out with the reason when a check finds its session in use elsewhere', async () => {
    // Gil is signed out, so Hal's is the only session still checked.
    sandbox.faults.inject({
      method: 'users.GetUsers',
      error: { code: 406, message: 'AUTH_KEY_DUPLICATED' },
    });
    const accounts = await app.waitForAccounts(
      (list) => list.some((a) => a.id === halId && a.status === 'signedOut'),
      'Hal signed out',
    );
    expect(accounts.find((a) => a.id === halId)?.statusError?.code).toBe('AUTH_KEY_DUPLICATED');
  });
});
