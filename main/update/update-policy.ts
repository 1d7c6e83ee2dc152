import type { Logger } from '../logging/log.ts';
/**
 * When Switchboard looks for updates, and what it does when that fails; no Electron here, so every rule
 * has a unit test. main/electron/auto-updater.ts connects this to electron-updater.
 *
 * - Only a packaged app checks: a development run has no update feed and nothing to replace.
 * - Never in demo mode: the demo is offline by design and must not reach the network on its own.
 * - Never when the user turned "Check for updates automatically" off (settings.json `autoUpdate`).
 * - Otherwise shortly after start-up (not competing with restoring accounts), then every six hours.
 * - A failed check is one log line and nothing else: no dialog, no crash, no retry storm, and the line
 *   holds no URL path or query (a signed download URL carries credentials) and no stack.
 */
export const FIRST_CHECK_DELAY_MS = 60_000;
export const CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

export interface UpdateConditions {
  /** Electron's app.isPackaged. */
  readonly packaged: boolean;
  /** Started with --demo (main/app/demo-mode.ts). */
  readonly demo: boolean;
  /** The user's setting. */
  readonly enabled: boolean;
}

export type UpdateDecision =
  | { readonly check: true }
  | { readonly check: false; readonly reason: 'not packaged' | 'demo mode' | 'turned off in settings' };

export function decideUpdateChecks(conditions: UpdateConditions): UpdateDecision {
  if (!conditions.packaged) return { check: false, reason: 'not packaged' };
  if (conditions.demo) return { check: false, reason: 'demo mode' };
  if (!conditions.enabled) return { check: false, reason: 'turned off in settings' };
  return { check: true };
}

const MAX_LOG_LENGTH = 300;
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>()[\]{}]+/gi;
/** key=value pairs whose value is a credential, in case one appears outside a URL. */
const SECRET_PAIR =
  /\b(token|access_token|auth|authorization|signature|x-amz-[a-z-]+|sig|key|password)\s*[=:]\s*\S+/gi;

/**
 * One line for the log about an updater message or error: the first line of its text, every URL reduced
 * to its origin, credential-looking pairs removed, and a bounded length.
 */
export function sanitizeUpdateMessage(value: unknown): string {
  const text = value instanceof Error ? value.message : typeof value === 'string' ? value : 'unknown error';
  const firstLine = text.split(/\r?\n/, 1)[0]?.trim() ?? '';
  const cleaned = firstLine
    .replace(URL_IN_TEXT, (url) => (URL.canParse(url) ? new URL(url).origin : '<url>'))
    .replace(SECRET_PAIR, (_pair, name: string) => `${name}=<redacted>`);
  if (cleaned === '') return 'unknown error';
  return cleaned.length > MAX_LOG_LENGTH ? `${cleaned.slice(0, MAX_LOG_LENGTH)}…` : cleaned;
}

export interface UpdateTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface UpdateSchedulerOptions {
  /** Looks for an update (and lets the updater download it); may reject. */
  readonly check: () => Promise<unknown>;
  readonly log: Logger;
  readonly timers?: UpdateTimers;
  readonly firstDelayMs?: number;
  readonly intervalMs?: number;
}

export interface UpdateScheduler {
  /** Applies a decision: starts the schedule (first check after the delay) or stops it. Idempotent. */
  apply(decision: UpdateDecision): void;
  /** Stops for good (app quitting). */
  stop(): void;
}

const nodeTimers: UpdateTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // Never keep the process alive for an update check.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

/**
 * Runs `check` on the policy's schedule. One check at a time (a slow one is not stacked), each failure
 * logged through sanitizeUpdateMessage, and the next one scheduled whatever happened.
 */
export function createUpdateScheduler(options: UpdateSchedulerOptions): UpdateScheduler {
  const timers = options.timers ?? nodeTimers;
  const firstDelay = options.firstDelayMs ?? FIRST_CHECK_DELAY_MS;
  const interval = options.intervalMs ?? CHECK_INTERVAL_MS;
  let active = false;
  let stopped = false;
  let running = false;
  let timer: unknown = undefined;
  let lastReason: string | undefined;
  const isActive = (): boolean => active;

  const schedule = (ms: number): void => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = undefined;
      void run();
    }, ms);
  };

  const run = async (): Promise<void> => {
    if (!active || running) return;
    running = true;
    try {
      await options.check();
    } catch (error) {
      options.log('warn', `update check failed: ${sanitizeUpdateMessage(error)}`);
    } finally {
      running = false;
      // `active` may have changed while the check ran (read through a function: TypeScript keeps the
      // narrowing from the top of run() across the await).
      if (isActive()) schedule(interval);
    }
  };

  return {
    apply: (decision) => {
      if (stopped) return;
      if (decision.check) {
        lastReason = undefined;
        if (active) return;
        active = true;
        options.log('info', 'automatic update checks are on');
        schedule(firstDelay);
        return;
      }
      const wasActive = active;
      active = false;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      if (wasActive || lastReason !== decision.reason) {
        options.log('info', `automatic update checks are off: ${decision.reason}`);
      }
      lastReason = decision.reason;
    },
    stop: () => {
      stopped = true;
      active = false;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}
