/**
 * The renderer's Content-Security-Policy. The page is a local bundle that talks to main only through the
 * preload bridge, so it needs nothing from anywhere but its own origin: no inline code, no eval, no
 * plugins, no frames, no forms, and no network (MTProto runs in main).
 */
const DIRECTIVES: readonly (readonly [name: string, sources: string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // No 'unsafe-inline': Vite emits CSS as files, and React's `style` props go through CSSOM, which CSP allows.
  ['style-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-src', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** Chromium ignores these in a <meta> policy and logs a warning for each, so the meta leaves them out. */
const HEADER_ONLY = new Set(['frame-ancestors']);

function serialise(directives: readonly (readonly [string, string])[]): string {
  return directives.map(([name, sources]) => `${name} ${sources}`).join('; ');
}

/** Sent as a header with every response of the app:// protocol. */
export const CONTENT_SECURITY_POLICY = serialise(DIRECTIVES);

/** The same policy as renderer/index.html's <meta http-equiv="Content-Security-Policy"> (a test keeps them equal). */
export const META_CONTENT_SECURITY_POLICY = serialise(DIRECTIVES.filter(([name]) => !HEADER_ONLY.has(name)));

/**
 * Only for `electron-vite dev`, whose page comes from a loopback dev server: Vite injects CSS as <style>
 * tags, so styles may be inline there. Scripts stay 'self': Vite puts React Fast Refresh's inline
 * preamble before this <meta>, and a <meta> policy governs only what follows it. Never part of a build.
 */
export const DEV_META_CONTENT_SECURITY_POLICY = serialise(
  DIRECTIVES.filter(([name]) => !HEADER_ONLY.has(name)).map(([name, sources]) =>
    name === 'style-src' ? [name, `${sources} 'unsafe-inline'`] : [name, sources],
  ),
);
