import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/content-security-policy.ts';
import type { LogLevel } from '../../main/logging/log.ts';
import {
  APP_SCHEME_PRIVILEGES,
  createRendererRequestHandler,
  mimeTypeOf,
} from '../../main/electron/renderer-protocol.ts';

let dir: string;
let root: string;
const logs: [LogLevel, string][] = [];
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-protocol-'));
  root = join(dir, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(root, 'assets', 'index-abc.js'), 'export {};');
  await writeFile(join(root, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(join(dir, 'secret.txt'), 'outside');
  await symlink(join(dir, 'secret.txt'), join(root, 'assets', 'link.txt'));
  handle = createRendererRequestHandler(root, (level, message) => logs.push([level, message]));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const get = (url: string, method = 'GET'): Promise<Response> => handle(new Request(url, { method }));

describe('the app:// request handler', () => {
  it('serves index.html for / with the CSP and hardening headers', async () => {
    const response = await get('app://switchboard/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>t</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves module scripts and styles with their MIME types', async () => {
    const script = await get('app://switchboard/assets/index-abc.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const style = await get('app://switchboard/assets/index-abc.css');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://switchboard/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it.each([
    'app://switchboard/missing.js',
    'app://switchboard/assets',
    'app://switchboard/%2e%2e/secret.txt',
    'app://switchboard/assets/link.txt',
    'app://other/index.html',
  ])('answers 404 to %j, with the CSP', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not Found');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await handle(new Request('app://switchboard/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 404, not a crash, when the build is missing', async () => {
    const missing = createRendererRequestHandler(join(dir, 'no-such-build'), () => undefined);
    expect((await missing(new Request('app://switchboard/index.html'))).status).toBe(404);
  });

  it('logged nothing for these ordinary refusals', () => {
    expect(logs).toEqual([]);
  });
});

describe('mimeTypeOf', () => {
  it('knows what Vite emits and falls back to octet-stream', () => {
    expect(mimeTypeOf('a/b.MJS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('x.svg')).toBe('image/svg+xml');
    expect(mimeTypeOf('x.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('x.exe')).toBe('application/octet-stream');
    expect(mimeTypeOf('Makefile')).toBe('application/octet-stream');
  });
});

describe('APP_SCHEME_PRIVILEGES', () => {
  it('makes app:// a standard secure origin without bypassing CSP or enabling CORS', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true });
  });
});
