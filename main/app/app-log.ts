import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createStream, type FileSize, type RotatingFileStream } from 'rotating-file-stream';
import {
  createConsoleLogger,
  formatLogLine,
  LOG_RANK,
  type Logger,
  type LogLevel,
  type LogOutput,
} from '../logging/log.ts';

/** Where the app's log lives: `<user data>/logs/switchboard.log`, then `.1` to `.5` (5 MB each). */
export const LOG_FOLDER_NAME = 'logs';
export const LOG_FILE_NAME = 'switchboard.log';
const ROTATE_AT = '5M';
const KEEP_OLD_FILES = 5;

export function logFolderOf(userDataDir: string): string {
  return join(userDataDir, LOG_FOLDER_NAME);
}

export interface AppLog {
  readonly log: Logger;
  /** The folder of the log files, for Settings' "Open log folder". */
  readonly folder: string;
  /** Writes what is buffered and closes the file. */
  close(): Promise<void>;
}

export interface AppLogOptions {
  readonly userDataDir: string;
  /** The file's threshold; default info. */
  readonly fileLevel?: LogLevel;
  /** The terminal's threshold and output; null for no terminal (default: info to the console). */
  readonly console?: { readonly level: LogLevel; readonly output?: LogOutput } | null;
  /** The size at which the file is rotated; default 5 MB. */
  readonly rotateAt?: FileSize;
}

/**
 * The app's logger: the terminal as before, and a file under the user data folder that rotates by size
 * (rotating-file-stream, classic logrotate naming), so a support request can attach it. Both get the same
 * lines, which by design never carry a secret (see log.ts); the file is this user's only (0600). A file
 * that cannot be written costs the file, never the app: the terminal keeps the lines, and one says why.
 */
export function openAppLog(options: AppLogOptions): AppLog {
  const folder = logFolderOf(options.userDataDir);
  const consoleLog =
    options.console === null
      ? null
      : createConsoleLogger(options.console?.level ?? 'info', options.console?.output);
  const fileLevel = options.fileLevel ?? 'info';
  let file: RotatingFileStream | null = null;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    file = createStream(LOG_FILE_NAME, {
      path: folder,
      size: options.rotateAt ?? ROTATE_AT,
      rotate: KEEP_OLD_FILES,
      mode: 0o600,
    });
    file.on('error', (error) => {
      file = null;
      consoleLog?.('warn', `the log file stopped: ${error.message}`);
    });
  } catch (error) {
    consoleLog?.(
      'warn',
      `no log file in ${folder}: ${error instanceof Error ? error.message : 'unknown error'}`,
    );
  }
  const log: Logger = (level, message) => {
    consoleLog?.(level, message);
    if (file !== null && LOG_RANK[level] >= LOG_RANK[fileLevel])
      file.write(`${formatLogLine(level, message)}\n`);
  };
  return {
    log,
    folder,
    close: () =>
      new Promise<void>((resolve) => {
        const open = file;
        file = null;
        if (open === null) resolve();
        else open.end(resolve);
      }),
  };
}
