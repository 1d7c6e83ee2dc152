import electronUpdater, { type AppUpdater, type Logger as UpdaterLogger } from 'electron-updater';
import {
  createUpdateScheduler,
  decideUpdateChecks,
  sanitizeUpdateMessage,
  type UpdateConditions,
} from '../update/update-policy.ts';
import type { Logger } from './log.ts';

/**
 * electron-updater (GitHub releases, per the `publish` section of electron-builder.yml) on the schedule of
 * main/update/update-policy.ts: downloads in the background and installs when the app quits. Its log
 * lines go through our logger, sanitized (they contain download URLs).
 */
export interface AutoUpdates {
  /** Re-evaluates the policy, e.g. after the setting changed. */
  configure(conditions: UpdateConditions): void;
  stop(): void;
}

export function createAutoUpdates(log: Logger): AutoUpdates {
  // electron-updater builds the platform's updater on first access: not at all in development.
  let updater: AppUpdater | undefined;
  const get = (): AppUpdater => {
    if (updater !== undefined) return updater;
    // A CommonJS package: its named exports are not visible to an ES module import.
    const created = electronUpdater.autoUpdater;
    created.logger = routedLogger(log);
    created.autoDownload = true;
    created.allowPrerelease = false;
    created.allowDowngrade = false;
    // An unhandled 'error' event would throw in the main process: every updater failure is a log line.
    created.on('error', (error: unknown) => {
      log('warn', `update failed: ${sanitizeUpdateMessage(error)}`);
    });
    created.on('update-downloaded', (info: { version: string }) => {
      log(
        'info',
        `update ${sanitizeUpdateMessage(info.version)} downloaded; it installs when Switchboard quits`,
      );
    });
    updater = created;
    return created;
  };

  const scheduler = createUpdateScheduler({
    // Failures were logged by the 'error' listener already.
    check: () =>
      get()
        .checkForUpdates()
        .then(
          () => undefined,
          () => undefined,
        ),
    log,
  });

  return {
    configure: (conditions) => {
      const decision = decideUpdateChecks(conditions);
      // Turned off: a downloaded update is not installed behind the user's back either.
      if (decision.check) get().autoInstallOnAppQuit = true;
      else if (updater !== undefined) updater.autoInstallOnAppQuit = false;
      scheduler.apply(decision);
    },
    stop: () => {
      scheduler.stop();
    },
  };
}

function routedLogger(log: Logger): UpdaterLogger {
  return {
    debug: (message) => {
      log('debug', `updater: ${sanitizeUpdateMessage(message)}`);
    },
    info: (message: unknown) => {
      log('info', `updater: ${sanitizeUpdateMessage(message)}`);
    },
    warn: (message: unknown) => {
      log('warn', `updater: ${sanitizeUpdateMessage(message)}`);
    },
    error: (message: unknown) => {
      log('error', `updater: ${sanitizeUpdateMessage(message)}`);
    },
  };
}
