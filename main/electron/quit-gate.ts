import type { Logger } from '../logging/log.ts';

export interface QuitEvent {
  preventDefault(): void;
}

/** Long enough to log out cleanly of many accounts, short enough that a hung client cannot block quitting. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * The `before-quit` listener: the first quit is held back until services.shutdown() has finished (or
 * timed out), then quitting resumes; shutdown runs exactly once however often quit is asked for.
 * @param quit app.quit, called again once shutdown is over.
 */
export function createQuitGate(
  shutdown: () => Promise<void>,
  quit: () => void,
  log: Logger,
  timeoutMs: number = SHUTDOWN_TIMEOUT_MS,
): (event: QuitEvent) => void {
  let state: 'running' | 'stopping' | 'stopped' = 'running';

  return (event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log('warn', `shutdown did not finish within ${timeoutMs} ms; quitting anyway`);
        resolve();
      }, timeoutMs);
    });
    const stopped = shutdown().catch((error: unknown) => {
      log('error', `shutdown failed: ${error instanceof Error ? error.message : 'unknown error'}`);
    });
    void Promise.race([stopped, timeout]).then(() => {
      clearTimeout(timer);
      state = 'stopped';
      quit();
    });
  };
}
