/**
 * `npm run demo:browser` (scripts/demo-browser.sh): the app's renderer in any browser, against the offline demo sandbox and the real
 * keychain, without Electron. Builds the renderer first (the npm script does), starts the demo sandbox, the
 * app services on the sandbox profile and the browser harness, and prints the URL to open. Ctrl-C stops it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAppServices } from '../app/app-services.ts';
import { startDemoSandboxProcess } from '../app/demo-sandbox-process.ts';
import { nodeDemoSandboxHost } from '../app/node-demo-sandbox-host.ts';
import { openAppLog } from '../app/app-log.ts';
import { terminalServerConfirmer } from '../app/server-confirmation.ts';
import { IndexedSecretStore } from '../vault/indexed-secret-store.ts';
import { IsolatedKeychain } from '../vault/isolated-keychain.ts';
import { nodeKeychainHost } from '../vault/node-keychain-host.ts';
import {
  harnessOrigin,
  newHarnessToken,
  reserveHarnessPort,
  startBrowserHarness,
} from './browser-harness.ts';
import { loadHarnessAddress, saveHarnessAddress } from './harness-address.ts';

const RENDERER_DIR = resolve(import.meta.dirname, '../../out/renderer');
/** Its own keychain entries, so the demo never reads or changes the installed app's accounts. */
const SERVICE_BASE = 'Switchboard browser demo';

async function main(): Promise<void> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`no built renderer in ${RENDERER_DIR}: run \`npm run build\` first`);
  }
  // scripts/demo-browser.sh names the folder (and its keyring beside it).
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });
  const userDataDir = values['data-dir'];
  if (userDataDir === undefined) throw new Error('usage: demo-browser.ts --data-dir <folder>');
  mkdirSync(userDataDir, { recursive: true, mode: 0o700 });
  const appLog = openAppLog({ userDataDir });
  const log = appLog.log;

  // In a process of its own, as in the app: the demo server's key and world never share this one.
  const sandbox = await startDemoSandboxProcess({ launch: nodeDemoSandboxHost(), dataDir: userDataDir, log });
  // The same address as last time, so a tab left open on it reconnects by itself.
  const kept = await loadHarnessAddress(userDataDir);
  const port = await reserveHarnessPort(kept?.port);
  const token = kept?.token ?? newHarnessToken();
  await saveHarnessAddress(userDataDir, { port, token });
  const origin = harnessOrigin(port);
  const keychain = new IsolatedKeychain({
    launch: nodeKeychainHost(),
    probe: { service: SERVICE_BASE, account: 'keychain-check' },
    log,
  });
  const services = await createAppServices({
    userDataDir,
    secretStore: new IndexedSecretStore(keychain),
    appVersion: '0.1.0-browser-demo',
    trustedOrigins: [origin],
    log,
    logFolder: appLog.folder,
    sandbox,
    vaultServiceBase: SERVICE_BASE,
    // A custom server is confirmed with a code printed here, in the terminal: the page cannot read it.
    confirmServer: terminalServerConfirmer({ print: (text) => process.stdout.write(text) }),
  });
  const harness = await startBrowserHarness({ services, rendererDir: RENDERER_DIR, port, token, log });
  await services.start();
  const profile = await services.dispatcher.dispatch(
    'settings:setServerProfile',
    { profile: { kind: 'sandbox' } },
    { frameUrl: `${origin}/index.html`, isMainFrame: true, isAppWindow: true },
  );
  if (!profile.ok) log('warn', `could not switch to the sandbox profile: ${profile.error.code}`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    log('info', 'stopping the browser demo');
    void (async () => {
      await harness.close();
      await services.shutdown();
      keychain.close();
      await sandbox.close();
      await appLog.close();
      process.exit(0);
    })().catch((error: unknown) => {
      log('error', `stopping failed: ${error instanceof Error ? error.message : 'unknown error'}`);
      process.exit(1);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const moved =
    kept !== null && kept.port !== port
      ? `\nPort ${String(kept.port)} of the last run is taken, so this run is on ${String(port)}: a tab still open ` +
        'on the old address no longer reaches the demo. Open the new one.\n'
      : '';
  console.log(
    `\nSwitchboard browser demo (user data in ${userDataDir}). Open:\n\n  ${harness.url}\n${moved}\n` +
      'A tab left open reconnects by itself when the demo is started again. Ctrl-C stops it.',
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
