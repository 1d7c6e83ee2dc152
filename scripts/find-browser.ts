// The Chromium (or Google Chrome) that the browser tests, the board benchmark and the harness drive:
// $SWITCHBOARD_BROWSER when set, else the first of the usual install locations on Linux and macOS.
// No dependencies and only erasable TypeScript, so scripts/system-deps.sh runs it with Node 22 itself,
// before `npm ci`:  node scripts/find-browser.ts  prints the path, or says what is missing and exits 1.
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BROWSER_ENV = 'SWITCHBOARD_BROWSER';

export type BrowserLookup =
  { readonly found: true; readonly path: string } | { readonly found: false; readonly reason: string };

export interface BrowserPlaces {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
  readonly home?: string;
  readonly isExecutable?: (path: string) => boolean;
}

/** Where Chromium and Chrome install themselves, in the order they are tried. */
export function browserCandidates(platform: NodeJS.Platform, home: string): string[] {
  if (platform === 'darwin') {
    const apps = ['Chromium.app/Contents/MacOS/Chromium', 'Google Chrome.app/Contents/MacOS/Google Chrome'];
    return ['/Applications', join(home, 'Applications')].flatMap((folder) =>
      apps.map((app) => join(folder, app)),
    );
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/lib/chromium/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
  ];
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findBrowser(places: BrowserPlaces = {}): BrowserLookup {
  const env = places.env ?? process.env;
  const isExecutable = places.isExecutable ?? isExecutableFile;
  const chosen = env[BROWSER_ENV];
  if (chosen !== undefined && chosen !== '') {
    return isExecutable(chosen)
      ? { found: true, path: chosen }
      : { found: false, reason: `${BROWSER_ENV} is ${chosen}, which is not an executable file.` };
  }
  const candidates = browserCandidates(places.platform ?? process.platform, places.home ?? homedir());
  const path = candidates.find(isExecutable);
  if (path !== undefined) return { found: true, path };
  return {
    found: false,
    reason:
      `No Chromium or Google Chrome found (looked in ${candidates.join(', ')}). ` +
      `Install one, or set ${BROWSER_ENV} to its executable.`,
  };
}

/** The browser's path; throws the lookup's reason when there is none. */
export function requireBrowser(): string {
  const lookup = findBrowser();
  if (!lookup.found) throw new Error(lookup.reason);
  return lookup.path;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const lookup = findBrowser();
  if (lookup.found) console.log(lookup.path);
  else {
    console.error(lookup.reason);
    process.exitCode = 1;
  }
}
