import { Api, TelegramClient } from 'telegram';
import { Logger, LogLevel } from 'telegram/extensions/Logger';
import { StringSession } from 'telegram/sessions';
import { registerSandboxRsaKey, sandboxConnection } from '../../main/sandbox/index.ts';
import { cpuMs, report, sandboxFromEnv, StallProbe } from './probe.ts';
import { LOGIN_CODE, stockPhones } from './world.ts';

/**
 * Phase (a), the reference: the same logins as the app's, done by a plain GramJS script with stock
 * settings (its own arithmetic, no handshake limit, default retries), all started at once, in a process
 * of its own. Only the two sandbox seams differ from a script against Telegram (the sandbox's RSA key and
 * its address), and GramJS's console logging is off so it does not cost the run.
 */
const API_ID = 12345;
const API_HASH = '0123456789abcdef0123456789abcdef';

async function login(phone: string, connection: ReturnType<typeof sandboxConnection>): Promise<void> {
  const session = new StringSession('');
  session.setDC(2, '127.0.0.1', 443);
  const client = new TelegramClient(session, API_ID, API_HASH, {
    connection,
    baseLogger: new Logger(LogLevel.NONE),
  });
  try {
    await client.connect();
    const sent = await client.invoke(
      new Api.auth.SendCode({
        phoneNumber: phone,
        apiId: API_ID,
        apiHash: API_HASH,
        settings: new Api.CodeSettings({}),
      }),
    );
    if (!(sent instanceof Api.auth.SentCode)) throw new Error('no code was sent');
    const signedIn = await client.invoke(
      new Api.auth.SignIn({ phoneNumber: phone, phoneCodeHash: sent.phoneCodeHash, phoneCode: LOGIN_CODE }),
    );
    if (!(signedIn instanceof Api.auth.Authorization)) throw new Error('not signed in');
  } finally {
    await client.destroy();
  }
}

async function main(): Promise<void> {
  const sandbox = sandboxFromEnv();
  registerSandboxRsaKey(sandbox.publicKeyPem);
  const connection = sandboxConnection(sandbox.portFor);
  const probe = new StallProbe();
  probe.start();
  const cpuBefore = cpuMs();
  const start = performance.now();
  await Promise.all(stockPhones.map((phone) => login(phone, connection)));
  const wallMs = performance.now() - start;
  const cpu = cpuMs() - cpuBefore;
  const stall = await probe.stop();
  report('stock', {
    logins: stockPhones.length,
    wallMs,
    cpuPerLoginMs: cpu / stockPhones.length,
    worstStallMs: stall.worstMs,
    p99DelayMs: stall.p99Ms,
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
