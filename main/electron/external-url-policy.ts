/**
 * Which links the app hands to the system browser: https only, on Telegram's and Fragment's own hosts.
 * Everything else (http, other schemes such as tg: or javascript:, lookalike hosts, credentials in the
 * URL, unusual ports) is refused. external-links.ts is the only place that acts on the answer.
 */
const EXACT_HOSTS: ReadonlySet<string> = new Set(['t.me', 'telegram.org', 'fragment.com']);
/** my.telegram.org (API credentials), core.telegram.org (docs), ... */
const SUBDOMAIN_PARENTS: readonly string[] = ['telegram.org'];

/** Longer than any real link; keeps absurd inputs out of the URL parser and the logs. */
const MAX_URL_LENGTH = 2048;

/**
 * The normalised URL to open, or null if it may not be opened. Callers must open the returned string,
 * not their input, so what was checked is exactly what the browser gets.
 */
export function allowedExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) return null;
  // The URL parser silently drops tabs and newlines and trims spaces; a real link has none of them.
  if (hasControlOrSpace(raw)) return null;
  if (!URL.canParse(raw)) return null;
  const url = new URL(raw);
  if (url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.port !== '') return null;
  if (!isAllowedHost(url.hostname)) return null;
  return url.href;
}

export function isAllowedExternalUrl(raw: unknown): boolean {
  return allowedExternalUrl(raw) !== null;
}

function isAllowedHost(hostname: string): boolean {
  if (EXACT_HOSTS.has(hostname)) return true;
  return SUBDOMAIN_PARENTS.some((parent) => {
    if (!hostname.endsWith(`.${parent}`)) return false;
    const label = hostname.slice(0, -parent.length - 1);
    // Each label non-empty: "x..telegram.org" and ".telegram.org" are not hosts.
    return label.split('.').every((part) => part.length > 0);
  });
}

function hasControlOrSpace(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}
