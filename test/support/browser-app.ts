import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { openAppLog } from '../../main/app/app-log.ts';
import { createAppServices, type AppServices } from '../../main/app/app-services.ts';
import { terminalServerConfirmer } from '../../main/app/server-confirmation.ts';
import type { LogLevel } from '../../main/logging/log.ts';
import {
  harnessOrigin,
  newHarnessToken,
  reserveHarnessPort,
  startBrowserHarness,
  type BrowserHarness,
} from '../../main/harness/browser-harness.ts';
import type { Sandbox } from '../../main/sandbox/index.ts';
import { requireBrowser } from '../../scripts/find-browser.ts';
import { deleteServices, servicesOf, testSecretStore, testServiceBase } from './keychain.ts';

/**
 * The app as a browser sees it: the real main-process services on the sandbox profile, the real keychain
 * (entries under a per-run service name) and the browser harness serving the built renderer. Used by the
 * end-to-end tests and the renderer benchmark; the browser is the one scripts/find-browser.ts finds
 * (Debian's Chromium here), driven by playwright-core.
 */

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const RENDERER_DIR = resolve(import.meta.dirname, '../../out/renderer');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: requireBrowser(), headless: true, args: CHROMIUM_ARGS });
}

/** A fresh context (its own storage), so pages of different tests share nothing. */
export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 } });
}

export interface BrowserAppOptions {
  readonly sandbox: Sandbox;
  /**
   * Keep the keychain entries, settings and address (port and token) of an earlier run (a restart, as the
   * browser demo does it); default fresh ones.
   */
  readonly reuse?: Pick<BrowserApp, 'serviceBase' | 'userDataDir' | 'port' | 'token'>;
  readonly log?: (line: string) => void;
}

export interface BrowserApp {
  readonly services: AppServices;
  readonly harness: BrowserHarness;
  readonly serviceBase: string;
  readonly userDataDir: string;
  readonly port: number;
  readonly token: string;
  /** What the services printed to their terminal (the browser harness's server confirmations), in order. */
  readonly terminal: readonly string[];
  /** Stops the harness and the services; keeps the keychain entries and settings (for a restart). */
  stop(): Promise<void>;
  /** stop(), then deletes this run's keychain entries and settings. */
  destroy(): Promise<void>;
}

export async function startBrowserApp(options: BrowserAppOptions): Promise<BrowserApp> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('no built renderer in out/renderer: run `npm run build` first (npm test does)');
  }
  const serviceBase = options.reuse?.serviceBase ?? testServiceBase();
  const userDataDir = options.reuse?.userDataDir ?? mkdtempSync(join(tmpdir(), 'switchboard-browser-'));
  const store = testSecretStore(serviceBase);
  // The log file under the user data folder, as the installed app and demo:browser write it.
  const appLog = openAppLog({ userDataDir, fileLevel: 'debug', console: null });
  const log = (level: LogLevel, message: string): void => {
    appLog.log(level, message);
    options.log?.(`${level} ${message}`);
  };
  const port = await reserveHarnessPort(options.reuse?.port);
  const token = options.reuse?.token ?? newHarnessToken();
  const terminal: string[] = [];
  const services = await createAppServices({
    userDataDir,
    secretStore: store,
    appVersion: '0.0.0-test',
    logFolder: appLog.folder,
    trustedOrigins: [harnessOrigin(port)],
    log,
    sandbox: options.sandbox,
    tuning: { requestTimeoutMs: 8_000, reconnectDelaysMs: [200, 500, 1_000] },
    vaultServiceBase: serviceBase,
    // As demo:browser confirms a custom server: a code printed where the harness runs, never in the page.
    confirmServer: terminalServerConfirmer({ print: (text) => terminal.push(text) }),
  });
  const harness = await startBrowserHarness({ services, rendererDir: RENDERER_DIR, port, token, log });
  await services.start();
  const profile = await services.dispatcher.dispatch(
    'settings:setServerProfile',
    { profile: { kind: 'sandbox' } },
    { frameUrl: `${harness.origin}/index.html`, isMainFrame: true, isAppWindow: true },
  );
  if (!profile.ok) throw new Error(`could not switch to the sandbox profile: ${profile.error.code}`);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await harness.close();
    await services.shutdown();
    await appLog.close();
  };
  return {
    services,
    harness,
    serviceBase,
    userDataDir,
    port,
    token,
    terminal,
    stop,
    async destroy() {
      await stop();
      await deleteServices(serviceBase, servicesOf(serviceBase, [{ kind: 'sandbox' }]));
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
