import { APP_ENTRY_URL } from '../ipc/renderer-origin.ts';

/**
 * The window may only ever show the app's own page: any navigation (a clicked link, a script setting
 * location, a redirect) to anything else is refused. The fragment is ignored; everything else must match
 * the entry exactly after URL normalisation.
 * @param entryUrl APP_ENTRY_URL, or the loopback dev server's URL under `electron-vite dev`.
 */
export function isAllowedNavigation(url: string, entryUrl: string = APP_ENTRY_URL): boolean {
  const target = parseWithoutHash(url);
  const entry = parseWithoutHash(entryUrl);
  return target !== null && entry !== null && target === entry;
}

function parseWithoutHash(raw: string): string | null {
  if (!URL.canParse(raw)) return null;
  const url = new URL(raw);
  url.hash = '';
  return url.href;
}
