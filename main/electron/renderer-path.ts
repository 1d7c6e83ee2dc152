import { isAbsolute, relative, resolve, sep, win32 } from 'node:path';
import { APP_HOST, APP_SCHEME } from '../ipc/renderer-origin.ts';

/** `.` or `..`, plain or percent-encoded, as a whole segment (the URL parser would resolve them silently). */
const DOT_SEGMENT = /(?:^|[/\\])(?:\.|%2e){1,2}(?=[/\\?#]|$)/i;
/** DOS device names open devices, not files, on Windows whatever folder they are in. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d|conin\$|conout\$)(\..*)?$/i;

/**
 * Maps a request of the app:// protocol to a file inside the built renderer folder, or null.
 * Chromium already normalises dot segments of a standard scheme, but this is the line between the page
 * and the disk, so it trusts nothing: only `app://switchboard/<path>` (host as Chromium sends it, lower
 * case), and no `..` or `.` segments (encoded or not), empty segments, backslashes, colons (drive
 * letters, NTFS streams), `%` left after decoding (double encoding), control characters or device
 * names. "/" serves index.html. The result is checked to be inside rootDir.
 */
export function resolveRendererPath(rootDir: string, requestUrl: string): string | null {
  if (DOT_SEGMENT.test(requestUrl) || !URL.canParse(requestUrl)) return null;
  const url = new URL(requestUrl);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;

  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (decoded === '/' || decoded === '') decoded = '/index.html';
  if (!decoded.startsWith('/') || hasForbiddenCharacter(decoded)) return null;

  const segments = decoded.slice(1).split('/');
  const badSegment = (segment: string): boolean =>
    segment === '' || segment === '.' || segment === '..' || WINDOWS_DEVICE.test(segment);
  if (segments.some(badSegment)) return null;

  const relativePath = segments.join('/');
  if (isAbsolute(relativePath) || win32.isAbsolute(relativePath)) return null;

  const file = resolve(rootDir, relativePath);
  return isInside(rootDir, file) ? file : null;
}

/** true if file is strictly below root (not root itself). Both are resolved first. */
export function isInside(root: string, file: string): boolean {
  const path = relative(resolve(root), resolve(file));
  return path !== '' && path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path);
}

function hasForbiddenCharacter(path: string): boolean {
  for (const char of path) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f || char === '\\' || char === ':' || char === '%') return true;
  }
  return false;
}
