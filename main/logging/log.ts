/**
 * Main's one logger type, and the terminal's: one line per message on stdout/stderr. By design nothing secret is ever
 * passed to it (no sessions, codes, passwords, API hashes, login tokens); URLs are reduced to their
 * origin with describeUrlForLog, because a tg://login?token=... or a t.me link can carry a token.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, message: string) => void;

/** A logger whose lines start with `prefix: ` (a part of main naming itself), into `log`. */
export function childLogger(log: Logger, prefix: string): Logger {
  return (level, message) => {
    log(level, `${prefix}: ${message}`);
  };
}

export const LOG_RANK: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface LogOutput {
  log(line: string): void;
  error(line: string): void;
}

/** "2026-12-04T04:24:46.718Z WARN  message": the terminal's and the log file's line. */
export function formatLogLine(level: LogLevel, message: string): string {
  return `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}`;
}

export function createConsoleLogger(minLevel: LogLevel = 'info', output: LogOutput = console): Logger {
  return (level, message) => {
    if (LOG_RANK[level] < LOG_RANK[minLevel]) return;
    const line = formatLogLine(level, message);
    if (level === 'warn' || level === 'error') output.error(line);
    else output.log(line);
  };
}

/** "https://t.me", "tg:", or "<invalid url>": enough to see what was refused, never a path or query. */
export function describeUrlForLog(url: string): string {
  if (!URL.canParse(url)) return '<invalid url>';
  const { protocol, host } = new URL(url);
  return host === '' ? protocol : `${protocol}//${host}`;
}
