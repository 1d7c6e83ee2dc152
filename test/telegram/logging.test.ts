import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { redactLogLine, SecretRegistry } from '../../main/telegram/log-redaction.ts';
import { codeSent, GatewayHarness, lastCode } from './harness.ts';

/** No log line, ours or GramJS's (even at debug level), and nothing on the console carries a secret. */

const GRACE = '+15550011001';
const PASSWORD = 'hunter2-is-not-a-password';

let sandbox: Sandbox;
let harness: GatewayHarness;

beforeAll(async () => {
  sandbox = await startSandbox({
    dcIds: [2, 4],
    world: { accounts: [{ phone: GRACE, firstName: 'Grace', password: PASSWORD, dc: 4 }] },
  });
  harness = new GatewayHarness(sandbox);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await harness.destroyAll();
});
afterAll(async () => {
  await sandbox.close();
});

describe('logging a whole login at debug level', () => {
  it('never outputs the code, the password, the session, the auth key or the future auth token', async () => {
    const consoleLines: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleLines.push(
          args.map((a) => (a instanceof Error ? `${a.message} ${a.stack ?? ''}` : String(a))).join(' '),
        );
      });
    }
    const gateway = harness.gateway({ gramLogLevel: 'debug', requestTimeoutMs: 1_000 });
    const login = await harness.login(gateway, 'grace');
    // Through a DC migration, a wrong code, 2FA with a wrong password, a timeout and a dropped connection.
    const sent = codeSent(await login.sendCode(GRACE, []));
    const code = lastCode(sandbox, GRACE);
    await expect(login.signIn(GRACE, sent.phoneCodeHash, `${code}9`)).rejects.toThrow();
    expect((await login.signIn(GRACE, sent.phoneCodeHash, code)).kind).toBe('passwordNeeded');
    await expect(login.checkPassword(`${PASSWORD}!`)).rejects.toThrow();
    const done = await login.checkPassword(PASSWORD);
    if (done.kind !== 'signedIn' || done.login.futureAuthToken === null)
      throw new Error('expected a signed-in login');
    const secret = await login.exportSession();
    await login.destroy();

    const account = harness.track(gateway.openAccount(secret, 'grace'));
    await account.connect();
    await account.getSelf();
    sandbox.dropAllConnections();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    sandbox.faults.inject({ method: 'users.GetUsers', forgetAuthKey: true });
    await expect(account.getSelf()).rejects.toThrow();

    const authKey = Buffer.from(secret.session.slice(1), 'base64').subarray(-256);
    const secrets = [
      code,
      PASSWORD,
      secret.session,
      secret.session.slice(1),
      authKey.toString('hex'),
      authKey.toString('base64'),
      done.login.futureAuthToken.toString('hex'),
      done.login.futureAuthToken.toString('base64'),
      sent.phoneCodeHash,
    ];
    const lines = [...harness.logs.map((l) => l.message), ...consoleLines];
    // The debug log is really on: GramJS's own messages came through.
    expect(harness.logs.filter((l) => l.level === 'debug').length).toBeGreaterThan(20);
    expect(harness.logs.some((l) => l.message.startsWith('[grace] '))).toBe(true);
    for (const line of lines) {
      for (const value of secrets) expect(line.toLowerCase()).not.toContain(value.toLowerCase());
    }
    // GramJS's raw console dumps of error objects are switched off; its messages go to the sink.
    expect(consoleLines).toEqual([]);
  });
});

describe('redaction', () => {
  it('removes registered secrets in any case, and key-shaped text whatever it is', () => {
    const secrets = new SecretRegistry();
    secrets.add('Lantern');
    secrets.add(Buffer.from('00112233445566778899aabbccddeeff', 'hex'));
    const line = redactLogLine(
      'code lantern; key 00112233445566778899aabbccddeeff; b64 ABEiM0RVZneImaq7zN3u/w==; ' +
        'other abcdef0123456789abcdef0123456789; session 1AQAOMTQ5LjE1NC4xNjcuNTEAUGmr3xYzbXc4tQ; <Buffer 01 02 03>',
      secrets,
    );
    expect(line).toBe('code [secret]; key [secret]; b64 [secret]; other [hex]; session [data]; <bytes>');
  });

  it('finds a registered secret in any case, also after lines without one and after new secrets', () => {
    const secrets = new SecretRegistry();
    secrets.add('Kιλίμι-σοφία');
    expect(redactLogLine('Disconnecting...', secrets)).toBe('Disconnecting...');
    expect(redactLogLine('word KΙΛΊΜΙ-ΣΟΦΊΑ end', secrets)).toBe('word [secret] end');
    expect(redactLogLine('word kιλίμι-σοφία end', secrets)).toBe('word [secret] end');
    secrets.add('Tulip');
    expect(redactLogLine('tulip and TULIP', secrets)).toBe('[secret] and [secret]');
  });

  it('keeps ordinary GramJS messages readable', () => {
    const line =
      'Connecting to 127.0.0.1:41234/TCPFull... Assigned msgId = 7312345678901234567 to auth.SignIn';
    expect(redactLogLine(line, new SecretRegistry())).toBe(line);
  });
});
