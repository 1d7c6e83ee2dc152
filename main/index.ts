/**
 * The Electron bootstrap: process-wide setup, the window, and wiring AppServices to Electron. Every
 * decision (web preferences, CSP, navigation, links, paths, senders) lives in electron-free modules
 * under main/electron/ with their own tests; this file and the adapters next to them only connect them.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, net, session } from 'electron';
import { createAppServices, type AppServices } from './app/app-services.ts';
import {
  chooseSandboxProfile,
  DEMO_SERVICE_BASE,
  demoUnlockProbe,
  demoUserDataDir,
  readLaunchMode,
} from './app/demo-mode.ts';
import type { RunningSandbox } from './app/demo-sandbox.ts';
import type { DemoSandboxRequest } from './app/demo-sandbox-protocol.ts';
import { startDemoSandboxProcess } from './app/demo-sandbox-process.ts';
import { openAppLog } from './app/app-log.ts';
import { appMenuTemplate } from './electron/app-menu.ts';
import { registerAppScheme, serveRenderer } from './electron/app-protocol.ts';
import { createAutoUpdates } from './electron/auto-updater.ts';
import { refusedSwitchesIn, refusedSwitchesMessage } from './electron/debug-switches.ts';
import { openExternalLink, showAppFolder } from './electron/external-links.ts';
import { createWindowEventSink, registerIpcBridge } from './electron/ipc-bridge.ts';
import { createMainWindow } from './electron/main-window.ts';
import { createQuitGate } from './electron/quit-gate.ts';
import { nativeServerConfirmer } from './electron/server-confirmation-dialog.ts';
import { rendererEntry } from './electron/renderer-entry.ts';
import { lockDownSession } from './electron/session-guard.ts';
import { confineNavigation, denyWindowsAndWebviews } from './electron/web-contents-guard.ts';
import { TelegramWorkerPool } from './telegram/worker/worker-pool.ts';
import { utilityHost } from './electron/utility-host.ts';
import { IndexedSecretStore } from './vault/indexed-secret-store.ts';
import { IsolatedKeychain } from './vault/isolated-keychain.ts';
import type { KeychainRequest } from './vault/keychain-protocol.ts';
import { readShippedKey, smallTextFetcher } from './update/linux-update-trust.ts';
import { sha512OfFile } from './update/update-signature.ts';

// out/main/index.js, next to out/preload and out/renderer (also inside the asar).
const PRELOAD_PATH = join(import.meta.dirname, '../preload/index.cjs');
const RENDERER_DIR = join(import.meta.dirname, '../renderer');
// out/main/telegram-worker.js: the GramJS clients' threads (main/telegram/worker/worker-main.ts).
const TELEGRAM_WORKER_PATH = join(import.meta.dirname, 'telegram-worker.js');
// out/main/keychain-host.js: the one process that loads keytar (main/vault/keychain-host.ts).
const KEYCHAIN_HOST_PATH = join(import.meta.dirname, 'keychain-host.js');
// out/main/demo-sandbox-host.js: the demo's sandbox DC, outside this process (main/app/demo-sandbox-host.ts).
const DEMO_SANDBOX_HOST_PATH = join(import.meta.dirname, 'demo-sandbox-host.js');

/** The demo sandbox in a utility process: its server key and world never share the main process. */
const startDemoSandbox = (dataDir: string): Promise<RunningSandbox> =>
  startDemoSandboxProcess({
    launch: utilityHost<DemoSandboxRequest>(DEMO_SANDBOX_HOST_PATH, 'Switchboard demo sandbox'),
    dataDir,
    log,
  });

// Both must happen before `ready`, so before anything is awaited.
registerAppScheme();
app.enableSandbox();

// An installed build never runs with a debugger attached from outside (main/electron/debug-switches.ts).
const refusedSwitches = app.isPackaged
  ? refusedSwitchesIn((name) => app.commandLine.hasSwitch(name), process.argv)
  : [];

const launch = readLaunchMode(process.argv, process.env);
// Before the single-instance lock, which lives in the user-data folder: the demo is an app of its own.
if (launch.demo) app.setPath('userData', demoUserDataDir(app.getPath('userData')));

// The terminal, and the log file under the user-data folder (the demo's own, in demo mode).
const appLog = openAppLog({
  userDataDir: app.getPath('userData'),
  console: { level: app.isPackaged ? 'info' : 'debug' },
});
const log = appLog.log;

if (refusedSwitches.length > 0) {
  // Before any account, keychain entry or window is loaded.
  log('error', refusedSwitchesMessage(refusedSwitches));
  dialog.showErrorBox('Switchboard', refusedSwitchesMessage(refusedSwitches));
  app.exit(1);
} else if (app.requestSingleInstanceLock()) {
  start();
} else {
  // Another Switchboard is running: it gets 'second-instance' and shows its window; this one leaves.
  app.quit();
}

function start(): void {
  const entry = rendererEntry(app.isPackaged, process.env.ELECTRON_RENDERER_URL);
  let mainWindow: BrowserWindow | undefined;
  let services: AppServices | undefined;
  let demoSandbox: RunningSandbox | undefined;
  const telegramWorkers = new TelegramWorkerPool({ entry: TELEGRAM_WORKER_PATH, log });
  const keychain = new IsolatedKeychain({
    launch: utilityHost<KeychainRequest>(KEYCHAIN_HOST_PATH, 'Switchboard keychain'),
    ...(launch.demo ? { probe: demoUnlockProbe(process.platform) } : {}),
    log,
  });
  // main/update/update-policy.ts decides: packaged, not the demo, and the user's setting on.
  const autoUpdates = createAutoUpdates(log, {
    platform: process.platform,
    linuxTrust: {
      publicKeyPem: readShippedKey(process.resourcesPath),
      hashFile: sha512OfFile,
      fetchText: smallTextFetcher((url) => net.fetch(url)),
    },
  });
  const configureUpdates = (enabled: boolean): void => {
    autoUpdates.configure({ packaged: app.isPackaged, demo: launch.demo, enabled });
  };

  const openExternal = (url: string): void => {
    openExternalLink(url, log).catch(() => undefined); // refusals and failures are logged inside
  };

  const showWindow = (): void => {
    if (mainWindow === undefined || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow(PRELOAD_PATH, entry.entryUrl, app.isPackaged, log);
      confineNavigation(mainWindow.webContents, entry.entryUrl, openExternal, log);
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  };

  app.on('second-instance', () => {
    // During startup the window is about to appear anyway, once IPC is ready for it.
    if (services !== undefined) showWindow();
  });
  app.on('web-contents-created', (_event, contents) => {
    denyWindowsAndWebviews(contents, openExternal);
  });
  app.on('window-all-closed', () => {
    // macOS apps stay in the dock without windows; 'activate' brings the board back.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (services !== undefined && BrowserWindow.getAllWindows().length === 0) showWindow();
  });
  app.on(
    'before-quit',
    createQuitGate(
      async () => {
        autoUpdates.stop();
        await services?.shutdown();
        await telegramWorkers.close();
        keychain.close();
        await demoSandbox?.close();
        await appLog.close();
      },
      () => {
        app.quit();
      },
      log,
    ),
  );

  app
    .whenReady()
    .then(async () => {
      lockDownSession(session.defaultSession, log);
      Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform, app.isPackaged)));
      serveRenderer(RENDERER_DIR, log);

      const userDataDir = app.getPath('userData');
      if (launch.demo) {
        await chooseSandboxProfile(userDataDir, (message) => {
          log('warn', message);
        });
        demoSandbox = await startDemoSandbox(userDataDir);
        log('info', `demo mode: sandbox DC on 127.0.0.1, user data in ${userDataDir}`);
      }
      services = await createAppServices({
        userDataDir,
        secretStore: new IndexedSecretStore(keychain),
        appVersion: app.getVersion(),
        trustedOrigins: entry.trustedOrigins,
        log,
        openExternal: (url) => openExternalLink(url, log),
        logFolder: appLog.folder,
        showFolder: (path) => showAppFolder(path, log),
        confirmServer: nativeServerConfirmer(() => mainWindow),
        onAutoUpdateChanged: configureUpdates,
        startDemoSandbox,
        telegramWorkers,
        ...(demoSandbox ? { sandbox: demoSandbox, vaultServiceBase: DEMO_SERVICE_BASE } : {}),
      });
      // Handlers first, so the page's first invoke cannot race them.
      registerIpcBridge(services.dispatcher, () => mainWindow, log);
      services.setEventSink(createWindowEventSink(() => mainWindow, entry.entryUrl));
      showWindow();
      configureUpdates(services.autoUpdateEnabled());
      // The window is up: a failure from here on (a locked keychain, say) is the board's to show, not fatal.
      services.start().then(
        () => {
          log('info', `Switchboard ${app.getVersion()} started`);
        },
        (error: unknown) => {
          log(
            'error',
            `restoring accounts failed: ${error instanceof Error ? error.message : 'unknown error'}`,
          );
        },
      );
    })
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : 'unknown error';
      log('error', `startup failed: ${message}`);
      dialog.showErrorBox('Switchboard could not start', message);
      app.exit(1);
    });
}
