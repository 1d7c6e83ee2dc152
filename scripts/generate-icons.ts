/**
 * `npm run icons`: draws the Switchboard mark (scripts/icons/logo.ts, the icons' only source) at every
 * size the installers need and writes build/icon.png, build/icons/*.png, build/icon.ico and
 * build/icon.icns. The files are committed; test/electron/icons.test.ts fails when they are stale.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { iconFiles } from './icons/icon-set.ts';

const ROOT = join(import.meta.dirname, '..');

for (const [path, bytes] of iconFiles()) {
  const target = join(ROOT, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, bytes);
  console.log(`${path} (${String(bytes.length)} bytes)`);
}
