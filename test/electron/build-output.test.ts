import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher.js';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { META_CONTENT_SECURITY_POLICY } from '../../main/electron/content-security-policy.ts';
import { cspMetaContents, inlineScripts, scriptSources } from '../support/html.ts';

/**
 * The three bundles as `npm run build` makes them (same CLI, same config), built into the out/ folder of a
 * temporary copy of the project (out/ and package.json: all electron-builder packs of the app's own files),
 * so the assertions are always about the current sources.
 */
const ROOT = join(import.meta.dirname, '../..');
let project: string;
let out: string;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'switchboard-build-'));
  out = join(project, 'out');
  await copyFile(join(ROOT, 'package.json'), join(project, 'package.json'));
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
  await rm(project, { recursive: true, force: true });
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

  /** Every module of main: index.js, the Telegram worker's entry and the chunks they share. */
  const mainImports = (): { file: string; specifier: string }[] =>
    filesUnder(join(out, 'main'))
      .filter((file) => file.endsWith('.js'))
      .flatMap((file) =>
        [...read(file).matchAll(/^import\s[^'"]*?["']([^"']+)["'];?$/gm)].map((match) => ({
          file,
          specifier: match[1] ?? '',
        })),
      );

  it('imports only electron, Node built-ins and production dependencies (keytar, telegram stay external)', () => {
    const specifiers = mainImports().map(({ specifier }) => specifier);
    expect(specifiers).toContain('electron');
    const packageOf = (specifier: string): string => specifier.split('/')[0] ?? specifier;
    const unexpected = specifiers.filter(
      (specifier) =>
        specifier !== 'electron' &&
        !specifier.startsWith('node:') &&
        !specifier.startsWith('./') &&
        !(packageOf(specifier) in pkg.dependencies),
    );
    expect(unexpected).toEqual([]);
    for (const file of filesUnder(join(out, 'main'))) {
      expect(read(file)).not.toMatch(/node_modules[\\/](telegram|keytar|zod)[\\/]/);
    }
  });

  it('has the Telegram worker entry the app starts its client threads from', () => {
    expect(filesUnder(join(out, 'main'))).toContain('main/telegram-worker.js');
  });

  it('has the keychain host entry, the only bundle that loads keytar', () => {
    expect(filesUnder(join(out, 'main'))).toContain('main/keychain-host.js');
    // keytar is loaded by name at run time (no import to find): its calls mark the module that uses it.
    const usingKeytar = filesUnder(join(out, 'main')).filter((file) =>
      read(file).includes('.findCredentials('),
    );
    expect(usingKeytar).toEqual(['main/keychain-host.js']);
  });

  it('has the demo sandbox host entry, the only bundle with the sandbox DC in it', () => {
    expect(filesUnder(join(out, 'main'))).toContain('main/demo-sandbox-host.js');
    // The sandbox's server side of the handshake and its world: never in main's own bundle or chunks.
    const withSandbox = filesUnder(join(out, 'main')).filter((file) => read(file).includes('captureState'));
    expect(withSandbox).toEqual(['main/demo-sandbox-host.js']);
  });

  it('has the worker install the native 64-bit codec before any module imports telegram', () => {
    // GramJS's tl/api.js copies the codec when it loads (main/telegram/gramjs/codec-first.ts).
    const imports = mainImports().filter(({ file }) => file === 'main/telegram-worker.js');
    const first = imports[0]?.specifier ?? '';
    expect(first).toMatch(/^\.\/chunks\/native-codec-[\w-]+\.js$/);
    const codecChunk = read(join('main', first));
    expect(codecChunk).toContain('installNativeBigIntReader');
    expect(codecChunk).not.toMatch(/^import\s[^'"]*?["']telegram/m);
  });

  it("imports dependencies by paths Node's ESM loader resolves (GramJS has no exports map)", async () => {
    const specifiers = [
      ...new Set(
        mainImports()
          .map(({ specifier }) => specifier)
          .filter((s) => s !== 'electron' && !s.startsWith('node:') && !s.startsWith('./')),
      ),
    ];
    expect(specifiers).toContain('telegram');
    // Resolved as if imported from out/main of the repository, next to its node_modules.
    const script = `
      import { statSync } from 'node:fs';
      import { fileURLToPath } from 'node:url';
      const parent = ${JSON.stringify(pathToFileURL(join(ROOT, 'out/main/index.js')).href)};
      const failures = [];
      for (const specifier of ${JSON.stringify(specifiers)}) {
        try {
          // import.meta.resolve does not check the file; the loader then refuses a directory or no file.
          const url = import.meta.resolve(specifier, parent);
          if (url.startsWith('file:') && !statSync(fileURLToPath(url)).isFile()) failures.push(specifier + ': not a file');
        } catch (error) { failures.push(specifier + ': ' + error.code); }
      }
      console.log(JSON.stringify(failures));`;
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--experimental-import-meta-resolve',
      '--input-type=module',
      '--eval',
      script,
    ]);
    expect(JSON.parse(stdout) as string[]).toEqual([]);
  });
});

describe('what goes into the asar', () => {
  /**
   * The files electron-builder's own matcher selects from `dir` with the `files` patterns of
   * electron-builder.yml (it excludes node_modules itself and adds the production dependencies apart).
   * Folders it rejects are not entered, as in electron-builder's walk.
   */
  async function selected(dir: string, skip: readonly string[] = []): Promise<string[]> {
    const config = await getConfig(ROOT, null, null);
    const patterns = (config.files as { filter: string[] }[]).flatMap((set) => set.filter);
    const filter = new FileMatcher(dir, '/app', (pattern) => pattern, [
      ...patterns,
      '!**/node_modules/**',
    ]).createFilter();
    const files: string[] = [];
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        const name = relative(dir, path).split('\\').join('/');
        if (skip.includes(name) || !filter(path, statSync(path))) continue;
        if (entry.isDirectory()) walk(path);
        else files.push(name);
      }
    };
    walk(dir);
    return files.sort();
  }

  it('takes nothing from the repository but package.json (sources, tests, scripts, build/ stay out)', async () => {
    // out/ of the working tree may be stale or missing; the built copy is checked below.
    expect(await selected(ROOT, ['.git', 'node_modules', 'out'])).toEqual(['package.json']);
  });

  it('takes the built bundles and package.json, and never a map, a TypeScript source or a test', async () => {
    // Decoys where a careless pattern would pick them up.
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(join(project, 'test'), { recursive: true });
    await mkdir(join(project, 'main'), { recursive: true });
    await writeFile(join(project, 'test', 'decoy.test.ts'), '');
    await writeFile(join(project, 'main', 'decoy.ts'), '');
    await writeFile(join(out, 'main', 'decoy.js.map'), '{}');
    await writeFile(join(out, 'renderer', 'assets', 'decoy.css.map'), '{}');

    const files = await selected(project);
    expect(files).toContain('package.json');
    expect(files).toEqual(
      expect.arrayContaining(['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']),
    );
    expect(files.filter((file) => file !== 'package.json' && !file.startsWith('out/'))).toEqual([]);
    expect(files.filter((file) => /\.(map|tsx?|mts|cts)$/.test(file))).toEqual([]);
    expect(files.filter((file) => /(^|\/)(test|tests|__tests__|bench|scripts)\//.test(file))).toEqual([]);
    expect(files.filter((file) => /\.(test|spec|bench)\.[cm]?js$/.test(file))).toEqual([]);
  });

  it('packs as node_modules only the production dependencies main actually loads', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const dependencies = Object.keys(pkg.dependencies).sort();
    expect(dependencies).toEqual([
      'big-integer',
      'electron-updater',
      'keytar',
      'rotating-file-stream',
      'telegram',
      'zod',
    ]);
    // Build tools, the renderer's libraries (Vite bundles them) and Electron itself are dev-only.
    for (const name of dependencies) expect(pkg.devDependencies).not.toHaveProperty(name);
    expect(dependencies).not.toContain('electron');
    const main = filesUnder(join(out, 'main'))
      .filter((file) => file.endsWith('.js'))
      .map(read)
      .join('\n');
    for (const name of dependencies) {
      // An import, or the package's name as a string (the keychain host requires keytar by name).
      const loaded = new RegExp(`["']${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/[^"']*)?["']`);
      expect(loaded.test(main), `${name} is packed but main never loads it`).toBe(true);
    }
  });
});
