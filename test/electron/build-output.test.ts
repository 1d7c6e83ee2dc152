import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { META_CONTENT_SECURITY_POLICY } from '../../main/electron/content-security-policy.ts';
import { cspMetaContents, inlineScripts, scriptSources } from '../support/html.ts';

/**
 * The three bundles as `npm run build` makes them (same CLI, same config), built into a temporary
 * folder so the assertions are always about the current sources.
 */
const ROOT = join(import.meta.dirname, '../..');
let out: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'switchboard-build-'));
  // Vitest sets NODE_ENV=test; a real build runs without it (Vite then builds for production).
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST')),
  );
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'),
      'build',
      '--outDir',
      out,
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, env },
  );
}, 120_000);

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(out, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

const read = (file: string): string => readFileSync(join(out, file), 'utf8');

describe('the build', () => {
  it('writes main as ESM index.js, the preload as index.cjs, and the renderer page; no source maps', () => {
    const files = filesUnder(out);
    expect(files).toContain('main/index.js');
    expect(files).toContain('preload/index.cjs');
    expect(files).toContain('renderer/index.html');
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('preload/'))).toEqual(['preload/index.cjs']);
  });
});

describe('out/renderer/index.html', () => {
  it('carries the strict CSP meta (not the dev one) and no inline script or handler', () => {
    const html = read('renderer/index.html');
    expect(cspMetaContents(html)).toEqual([META_CONTENT_SECURITY_POLICY]);
    expect(inlineScripts(html)).toEqual([]);
    expect(html).not.toContain('unsafe-inline');
  });

  it('loads only its own bundled, relative scripts', () => {
    const html = read('renderer/index.html');
    const sources = scriptSources(html);
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) {
      expect(src).toMatch(/^\.\/assets\/[\w.-]+\.js$/);
      expect(existsSync(join(out, 'renderer', src))).toBe(true);
    }
  });

  it('bundles no eval or Function constructor (script-src forbids them)', () => {
    for (const file of filesUnder(join(out, 'renderer')).filter((name) => name.endsWith('.js'))) {
      expect(read(file)).not.toMatch(/\beval\(|new Function\(/);
    }
  });
});

describe('out/preload/index.cjs', () => {
  const preload = (): string => read('preload/index.cjs');

  it('is CommonJS: no import or export statements', () => {
    expect(preload()).not.toMatch(/^\s*(import|export)\b/m);
    expect(preload()).not.toMatch(/\bimport\s*\(/);
  });

  it('requires electron and nothing else (a sandboxed preload can load nothing more)', () => {
    const required = [...preload().matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map(
      (match) => match[1],
    );
    expect(required).toEqual(['electron']);
    expect(preload()).not.toMatch(/\brequire\(\s*[^"'`\s]/); // no computed require
  });

  it('exposes the api and never ipcRenderer itself', () => {
    expect(preload()).toContain('exposeInMainWorld("api", api)');
    expect(preload()).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });
});

describe('out/main/index.js', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    main: string;
    dependencies: Record<string, string>;
  };

  it('is what package.json points Electron at', () => {
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('imports only electron, Node built-ins and production dependencies (keytar, telegram stay external)', () => {
    const main = read('main/index.js');
    const specifiers = [...main.matchAll(/^import\s[^'"]*?["']([^"']+)["'];?$/gm)].map(
      (match) => match[1] ?? '',
    );
    expect(specifiers).toContain('electron');
    const packageOf = (specifier: string): string => specifier.split('/')[0] ?? specifier;
    const unexpected = specifiers.filter(
      (specifier) =>
        specifier !== 'electron' &&
        !specifier.startsWith('node:') &&
        !(packageOf(specifier) in pkg.dependencies),
    );
    expect(unexpected).toEqual([]);
    expect(main).not.toMatch(/node_modules[\\/](telegram|keytar|zod)[\\/]/);
  });
});
