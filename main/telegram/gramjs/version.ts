import { createRequire } from 'node:module';

/**
 * The one `telegram` (GramJS) version the patches and private-field reads in this folder were written and
 * tested against. They reach into GramJS's internals, which any release may change: another version is
 * refused at start-up with a sentence saying what to do, never run half-patched. Bump it together with
 * package.json after the canary tests (test/telegram/gramjs-room.test.ts) pass on the new version.
 */
export const TESTED_TELEGRAM_VERSION = '2.26.22';

/** GramJS's own Version.js lags its releases (2.26.22 says 2.26.21), so the package's manifest decides. */
export function installedTelegramVersion(): string {
  const manifest = createRequire(import.meta.url)('telegram/package.json') as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

export function checkTelegramVersion(installed: string): void {
  if (installed !== TESTED_TELEGRAM_VERSION) {
    throw new Error(
      `Switchboard's GramJS patches were tested with telegram ${TESTED_TELEGRAM_VERSION}, but ${installed} is installed. Reinstall the locked dependencies (npm ci), or update main/telegram/gramjs/ for ${installed} and run its canary tests.`,
    );
  }
}
