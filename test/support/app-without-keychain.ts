import { createAppServices } from '../../main/app/app-services.ts';
import { APP_ORIGIN } from '../../main/ipc/renderer-origin.ts';
import { startSandbox } from '../../main/sandbox/index.ts';
import { IndexedSecretStore } from '../../main/vault/indexed-secret-store.ts';
import { IsolatedKeychain } from '../../main/vault/isolated-keychain.ts';
import { nodeKeychainHost } from '../../main/vault/node-keychain-host.ts';
import { APP_SENDER } from './app-harness.ts';

/**
 * Run by test/app/keychain-unavailable.test.ts in a child process whose environment has no session bus:
 * the app's services against a sandbox, with the app's keychain stack (keytar in its host process). Prints one JSON line of what happened.
 */
const userDataDir = process.argv[2];
if (userDataDir === undefined) throw new Error('usage: app-without-keychain.ts USER_DATA_DIR');
const sandbox = await startSandbox({ dcIds: [2] });
const logs: string[] = [];
const services = await createAppServices({
  userDataDir,
  secretStore: new IndexedSecretStore(new IsolatedKeychain({ launch: nodeKeychainHost() })),
  appVersion: '0.0.0-test',
  trustedOrigins: [APP_ORIGIN],
  log: (level, message) => logs.push(`${level} ${message}`),
  sandbox,
});
const changes: unknown[] = [];
services.setEventSink((channel, payload) => changes.push({ channel, payload }));
await services.start();
const call = (channel: string, payload: unknown) =>
  services.dispatcher.dispatch(channel, payload, APP_SENDER);
const profile = await call('settings:setServerProfile', { profile: { kind: 'sandbox' } });
const credentials = await call('settings:setApiCredentials', { apiId: 1234, apiHash: 'ab'.repeat(16) });
const accounts = await call('accounts:list', {});
const started = await call('login:start', { phone: '+999 66 2 4321' });
let login: unknown = null;
for (let i = 0; i < 100 && login === null; i++) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  const cards = await call('login:list', {});
  const card = cards.ok
    ? (cards.value as { state: { step: string; error: { code: string } | null } }[])[0]
    : undefined;
  if (card && card.state.step !== 'sendingCode')
    login = { step: card.state.step, error: card.state.error?.code };
}
const code = (r: { ok: boolean; error?: { code: string } }): string => (r.ok ? 'ok' : (r.error?.code ?? '?'));
process.stdout.write(
  `${JSON.stringify({
    profile: code(profile),
    credentials: code(credentials),
    accounts: code(accounts),
    started: code(started),
    login,
    sendCodeCalls: sandbox.stats(2).callsByMethod.get('auth.SendCode') ?? 0,
    logs,
  })}\n`,
);
await services.shutdown();
await sandbox.close();
process.exit(0);
