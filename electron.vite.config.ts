/**
 * The three bundles (`npm run build` → out/):
 * - main    main/index.ts     → out/main/index.js   ESM; package.json dependencies stay external
 *   (keytar is native, telegram and zod load from node_modules).
 * - preload preload/index.ts  → out/preload/index.cjs   CommonJS with everything bundled: a sandboxed
 *   preload cannot load ESM and can require() nothing but `electron` and a few built-ins.
 * - renderer renderer/index.html → out/renderer   React; served on app://switchboard by main.
 */
import { resolve } from 'node:path';
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

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rolldownOptions: { input: { index: resolve(root, 'main/index.ts') } },
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
