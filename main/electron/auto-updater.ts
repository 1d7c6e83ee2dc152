import electronUpdater, { type AppUpdater, type Logger as UpdaterLogger } from 'electron-updater';
import {
  createUpdateScheduler,
  decideUpdateChecks,
  sanitizeUpdateMessage,
  type UpdateConditions,
} from '../update/update-policy.ts';
import {
  verifyLinuxUpdate,
  type DownloadedUpdate,
  type LinuxTrustDeps,
} from '../update/linux-update-trust.ts';
import { childLogger, type Logger } from '../logging/log.ts';

/**
 * electron-updater (GitHub releases, per the `publish` section of electron-builder.yml) on the schedule of
 * main/update/update-policy.ts: downloads in the background and installs when the app quits. Its log
 * lines go through our logger, sanitized (they contain download URLs).
 *
 * Windows and macOS check the installer's code signature themselves (the release workflow refuses to
 * publish unsigned ones). On Linux nothing does, so a download is installed only once its release
 * signature is verified (main/update/linux-update-trust.ts); otherwise it stays where it is and the log says
 * how to update by hand.
 */
export interface AutoUpdates {
  /** Re-evaluates the policy, e.g. after the setting changed. */
  configure(conditions: UpdateConditions): void;
  stop(): void;
}

export interface AutoUpdateOptions {
  readonly platform: NodeJS.Platform;
  /** How a Linux download is verified; only used on Linux. */
  readonly linuxTrust: LinuxTrustDeps;
}

export function createAutoUpdates(log: Logger, options: AutoUpdateOptions): AutoUpdates {
  const needsReleaseSignature = options.platform === 'linux';
  // electron-updater builds the platform's updater on first access: not at all in development.
  let updater: AppUpdater | undefined;
  let checksOn = false;
  /** Linux: the version whose download passed the signature check. */
  let verifiedVersion: string | undefined;
  const applyInstallRule = (): void => {
    if (updater === undefined) return;
    // Turned off: a downloaded update is not installed behind the user's back either.
    updater.autoInstallOnAppQuit = checksOn && (!needsReleaseSignature || verifiedVersion !== undefined);
  };
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
    created.on('update-downloaded', (info: DownloadedUpdate) => {
      const version = sanitizeUpdateMessage(info.version);
      if (!needsReleaseSignature) {
        log('info', `update ${version} downloaded; it installs when Switchboard quits`);
        return;
      }
      verifiedVersion = undefined;
      applyInstallRule();
      void verifyLinuxUpdate(info, options.linuxTrust).then(
        (verdict) => {
          if (verdict.ok) {
            verifiedVersion = info.version;
            applyInstallRule();
            log(
              'info',
              `update ${version} downloaded and its release signature verified; it installs when Switchboard quits`,
            );
          } else {
            log(
              'warn',
              `update ${version} downloaded but not installed: ${verdict.reason}. ${MANUAL_UPDATE_HINT}`,
            );
          }
        },
        (error: unknown) => {
          log(
            'warn',
            `update ${version} downloaded but not installed: ${sanitizeUpdateMessage(error)}. ${MANUAL_UPDATE_HINT}`,
          );
        },
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
      checksOn = decision.check;
      if (decision.check) get();
      applyInstallRule();
      scheduler.apply(decision);
    },
    stop: () => {
      scheduler.stop();
    },
  };
}

const MANUAL_UPDATE_HINT =
  'Install it from the release page (or with your package manager, for the deb) instead';

function routedLogger(log: Logger): UpdaterLogger {
  const updater = childLogger(log, 'updater');
  return {
    debug: (message) => {
      updater('debug', sanitizeUpdateMessage(message));
    },
    info: (message: unknown) => {
      updater('info', sanitizeUpdateMessage(message));
    },
    warn: (message: unknown) => {
      updater('warn', sanitizeUpdateMessage(message));
    },
    error: (message: unknown) => {
      updater('error', sanitizeUpdateMessage(message));
    },
  };
}
