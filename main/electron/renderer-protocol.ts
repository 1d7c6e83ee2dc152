import { readFile, realpath, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.ts';
import type { Logger } from '../logging/log.ts';
import { isInside, resolveRendererPath } from './renderer-path.ts';

/**
 * How app:// is registered before `ready` (protocol.registerSchemesAsPrivileged). standard: relative
 * URLs, a real origin, storage; secure: treated like https; supportFetchAPI: module scripts load.
 * Deliberately absent: bypassCSP, corsEnabled (would let other origins read app:// responses),
 * allowServiceWorkers, stream, codeCache.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/** Every file type Vite puts in out/renderer. Module scripts need a JavaScript MIME type. */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every response, errors included. */
function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

function errorResponse(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}

/**
 * The app:// protocol handler, without Electron: a fetch-style (Request) => Response over the built
 * renderer folder, so it runs under plain Node in tests. app-protocol.ts hands it to protocol.handle.
 * GET and HEAD only; anything outside rootDir (also through a symlink) is a 404.
 */
export function createRendererRequestHandler(
  rootDir: string,
  log: Logger,
): (request: Request) => Promise<Response> {
  const realRoot = realpath(rootDir);
  // Without this, a missing build would be an unhandled rejection before the first request.
  realRoot.catch(() => undefined);

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return errorResponse(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    }
    const file = resolveRendererPath(rootDir, request.url);
    if (file === null) return errorResponse(404, 'Not Found');
    try {
      const [root, real] = await Promise.all([realRoot, realpath(file)]);
      // Also refuses a symlink inside the build that points out of it.
      if (!isInside(root, real)) return errorResponse(404, 'Not Found');
      if (!(await stat(real)).isFile()) return errorResponse(404, 'Not Found');
      const body = request.method === 'HEAD' ? null : await readFile(real);
      return new Response(body, {
        status: 200,
        headers: { ...securityHeaders(), 'Content-Type': mimeTypeOf(real) },
      });
    } catch (error) {
      if (isNotFound(error)) return errorResponse(404, 'Not Found');
      log('error', `app:// could not read a renderer file: ${errorCode(error)}`);
      return errorResponse(500, 'Internal Server Error');
    }
  };
}

function isNotFound(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return 'unknown error';
}
