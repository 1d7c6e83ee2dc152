import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOG_FILE_NAME, LOG_FOLDER_NAME } from '../../main/app/app-log.ts';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { AppHarness, useSandboxProfile } from '../support/app-harness.ts';

/**
 * After logins (with a code, 2FA, a future auth token), a log-out and a restart: no session string, auth
 * key, token, code or password is anywhere under the user data folder (the log file included), in the
 * app's logs or on the console.
 */

const API_HASH = '5f0c2a7e9b1d4c3a8e6f0b2d4a6c8e1f';
const PASSWORD = 'amber-lantern-2FA-secret';
const CODE_PLAIN = '58213947';
const CODE_2FA = '60417329';

let sandbox: Sandbox;
let app: AppHarness;
const consoleLines: string[] = [];

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleLines.push(
        args.map((a) => (a instanceof Error ? `${a.message} ${a.stack ?? ''}` : String(a))).join(' '),
      );
    });
  }
  sandbox = await startSandbox({ dcIds: [2, 4] });
  await sandbox.world.addAccount({ phone: '+15550401001', firstName: 'Plain', code: CODE_PLAIN });
  await sandbox.world.addAccount({
    phone: '+15550401002',
    firstName: 'Guarded',
    code: CODE_2FA,
    password: PASSWORD,
    dc: 4,
  });
  app = await AppHarness.start(sandbox);
  await useSandboxProfile(app);
});
afterAll(async () => {
  await app.stop();
  await sandbox.close();
  vi.restoreAllMocks();
});

describe('secrets stay in the keychain', () => {
  it('never reach the user data folder, the logs or the console', async () => {
    await app.ok('settings:setApiCredentials', { apiId: 424242, apiHash: API_HASH });
    const plain = await app.ok('login:start', { phone: '+15550401001' });
    await app.waitForStep(plain.id, 'codeSent');
    expect(
      (
        await app.ok('login:perform', {
          loginId: plain.id,
          request: { type: 'submitCode', code: CODE_PLAIN },
        })
      ).state.step,
    ).toBe('signedIn');

    const guarded = await app.ok('login:start', { phone: '+15550401002' });
    await app.waitForStep(guarded.id, 'codeSent');
    await app.ok('login:perform', { loginId: guarded.id, request: { type: 'submitCode', code: CODE_2FA } });
    expect(
      await app.fails('login:perform', {
        loginId: guarded.id,
        request: { type: 'submitPassword', password: `${PASSWORD}-wrong` },
      }),
    ).toBe('PASSWORD_HASH_INVALID');
    expect(
      (
        await app.ok('login:perform', {
          loginId: guarded.id,
          request: { type: 'submitPassword', password: PASSWORD },
        })
      ).state.step,
    ).toBe('signedIn');

    // The secrets the app holds now, read back from the keychain and from the server's side.
    const store = app.store;
    const secrets = new Set<string>([API_HASH, PASSWORD, CODE_PLAIN, CODE_2FA]);
    for (const service of [
      `${app.serviceBase} (sandbox)`,
      `${app.serviceBase} future auth tokens (sandbox)`,
    ]) {
      for (const { secret } of await store.list(service)) {
        if (secret === null) throw new Error(`an entry of ${service} could not be read`);
        secrets.add(secret);
        const session = /"session":"([^"]+)"/.exec(secret)?.[1];
        if (session) secrets.add(session);
      }
    }
    for (const keys of sandbox.world.topology.keyStores.values()) {
      for (const record of keys.all()) {
        secrets.add(record.key.toString('hex'));
        secrets.add(record.key.toString('base64'));
      }
    }
    expect(secrets.size).toBeGreaterThan(6);

    // Log out (keeps a future auth token), restart, and sign in again with it.
    const accounts = await app.ok('accounts:list', {});
    const plainAccount = accounts.find((a) => a.firstName === 'Plain');
    if (!plainAccount) throw new Error('Plain is not signed in');
    await app.ok('accounts:logOut', { accountId: plainAccount.id });
    for (const { secret } of await store.list(`${app.serviceBase} future auth tokens (sandbox)`))
      if (secret !== null) secrets.add(secret);
    await app.restart();
    const again = await app.ok('login:start', { phone: '+15550401001' });
    await app.waitForStep(again.id, 'signedIn');

    // The log file the app writes under its user data folder (at debug level here) is among the files.
    const logFile = join(app.userDataDir, LOG_FOLDER_NAME, LOG_FILE_NAME);
    await expect.poll(() => statSync(logFile, { throwIfNoEntry: false })?.size ?? 0).toBeGreaterThan(0);
    expect(readFileSync(logFile, 'utf8')).toContain('login +15550401002: asks for the 2FA password');
    const haystacks: [string, string][] = [
      ...filesUnder(app.userDataDir).map((file): [string, string] => [file, readFileSync(file, 'latin1')]),
      ['app logs', app.logs.map((l) => l.message).join('\n')],
      ['console', consoleLines.join('\n')],
      ['IPC events', JSON.stringify(app.events)],
    ];
    for (const [where, text] of haystacks) {
      for (const secret of secrets) {
        if (secret.length < 8) continue;
        expect(text.includes(secret), `a secret was found in ${where}`).toBe(false);
      }
    }
    expect(app.logs.length).toBeGreaterThan(0);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
