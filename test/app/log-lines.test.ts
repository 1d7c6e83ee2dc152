import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { AppHarness, useSandboxProfile } from '../support/app-harness.ts';

/**
 * What the terminal (and the log file) says during normal work: logins named by their phone, each step
 * and error code in words at info, and nothing at warn or error for healthy logins and accounts, even
 * across a dropped connection (GramJS's own "Disconnecting..." and its post-reconnect getMe on a login
 * that is not signed in yet used to warn and err there). Real services, GramJS, sandbox and keychain.
 */
let sandbox: Sandbox;
let app: AppHarness;
const PHONES = ['+15550901001', '+15550901002', '+15550901003'] as const;

beforeAll(async () => {
  sandbox = await startSandbox({ dcIds: [1, 2, 4] });
  for (const phone of PHONES) await sandbox.world.addAccount({ phone, firstName: 'Log' });
  app = await AppHarness.start(sandbox);
  await useSandboxProfile(app);
});
afterAll(async () => {
  await app.stop();
  await sandbox.close();
});

const loud = (): string[] =>
  app.logs.filter((line) => line.level === 'warn' || line.level === 'error').map((line) => line.message);

describe('the log of normal work', () => {
  it('names logins by phone, says each step and error code, and warns about nothing healthy', async () => {
    const [first, second, third] = PHONES;
    const firstId = await app.signIn(first);
    await app.signIn(second);
    // A login left waiting for its code while every connection drops, and a mistyped code.
    const waiting = await app.ok('login:start', { phone: third });
    await app.waitForStep(waiting.id, 'codeSent');
    await app.invoke('login:perform', {
      loginId: waiting.id,
      request: { type: 'submitCode', code: '00000' },
    });
    expect(sandbox.dropAllConnections()).toBeGreaterThan(2);
    await app.waitForAccounts(
      (list) => list.length === 2 && list.every((a) => a.status === 'online'),
      'both accounts back online',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the login's reconnect and getMe
    await app.restart();
    await app.waitForAccounts((list) => list.every((a) => a.status === 'online'), 'restored');

    const info = app.logs.filter((line) => line.level === 'info').map((line) => line.message);
    expect(info).toEqual(
      expect.arrayContaining([
        `login ${first}: code sent by app`,
        `login ${first}: signed in as user ${firstId}`,
        `login ${third}: codeSent refused: PHONE_CODE_INVALID`,
        'restored 2 accounts: 2 online',
      ]),
    );
    expect(app.logs.some((line) => /[0-9a-f]{8}-[0-9a-f]{4}-/.test(line.message))).toBe(false);
    expect(loud()).toEqual([]);
  });

  it('warns when an account needs the user: signed out elsewhere', async () => {
    expect(sandbox.world.signOutEverywhere(PHONES[0])).toBe(1);
    await app.restart();
    await app.waitForAccounts((list) => list.some((a) => a.status === 'signedOut'), 'signed out');
    expect(loud()).toEqual([expect.stringMatching(/^account \+15550901001 \(\d+\): signedOut: SIGNED_OUT$/)]);
  });
});
