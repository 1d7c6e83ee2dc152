/**
 * The three bundles (`npm run build` → out/):
 * - main    main/index.ts     → out/main/index.js   ESM; package.json dependencies stay external
 *   (keytar is native, telegram and zod load from node_modules); main/telegram/worker/worker-main.ts →
 *   out/main/telegram-worker.js, the worker threads that run the GramJS clients; main/vault/keychain-host.ts
 *   → out/main/keychain-host.js, the utility process that alone loads keytar; main/app/demo-sandbox-host.ts
 *   → out/main/demo-sandbox-host.js, the demo's sandbox DC in a utility process.
 * - preload preload/index.ts  → out/preload/index.cjs   CommonJS with everything bundled: a sandboxed
 *   preload cannot load ESM and can require() nothing but `electron` and a few built-ins.
 * - renderer renderer/index.html → out/renderer   React; served on app://switchboard by main.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import {
  DEV_META_CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
} from './main/electron/content-security-policy.ts';

const root = import.meta.dirname;

/**
 * `electron-vite dev` only: Vite injects CSS as inline <style> tags, which the strict policy blocks, so
 * the dev server's index.html gets DEV_META_CONTENT_SECURITY_POLICY. Builds keep the strict one (a test
 * checks the built index.html).
 */
function devContentSecurityPolicy(): Plugin {
  return {
    name: 'switchboard:dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      if (!html.includes(META_CONTENT_SECURITY_POLICY)) {
        throw new Error('renderer/index.html: the CSP meta differs from META_CONTENT_SECURITY_POLICY');
      }
      return html.replace(META_CONTENT_SECURITY_POLICY, DEV_META_CONTENT_SECURITY_POLICY);
    },
  };
}

/**
 * Node's ESM loader (Electron's too) resolves a bare subpath such as `telegram/sessions` only through the
 * package's "exports" map, and GramJS has none: the directory or extension-less import fails to load
 * (ERR_UNSUPPORTED_DIR_IMPORT). The main bundle keeps its dependencies external, so each such import is
 * written as the file Node's CommonJS resolver finds, e.g. `telegram/sessions/index.js`.
 */
const requireFromRoot = createRequire(resolve(root, 'package.json'));
function fullySpecifiedImport(id: string): string {
  const match = /^((?:@[^/]+\/)?[^/.@][^/]*)\/(.+)$/.exec(id);
  if (!match || /\.[cm]?js$/.test(match[2] ?? '')) return id;
  const packageName = match[1] ?? '';
  let packageJsonPath: string;
  try {
    packageJsonPath = requireFromRoot.resolve(`${packageName}/package.json`);
  } catch {
    // Its exports map hides package.json: it has one, and Node resolves through it.
    return id;
  }
  const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { exports?: unknown };
  if (manifest.exports !== undefined) return id;
  const file = requireFromRoot.resolve(id);
  return `${packageName}/${relative(dirname(packageJsonPath), file).split(sep).join('/')}`;
}

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'main/index.ts'),
          'telegram-worker': resolve(root, 'main/telegram/worker/worker-main.ts'),
          'keychain-host': resolve(root, 'main/vault/keychain-host.ts'),
          'demo-sandbox-host': resolve(root, 'main/app/demo-sandbox-host.ts'),
        },
        output: {
          paths: fullySpecifiedImport,
          // The worker entry installs the native 64-bit codec before anything loads GramJS (see
          // main/telegram/gramjs/codec-first.ts): that module and the codec need a chunk of
          // their own, or they would share the chunk that imports `telegram`, which loads first.
          codeSplitting: {
            groups: [
              {
                name: 'native-codec',
                test: /gramjs[\\/](codec-first|read-bigint-patch)\.ts$/,
              },
            ],
          },
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devContentSecurityPolicy()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
