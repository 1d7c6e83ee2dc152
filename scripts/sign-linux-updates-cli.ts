import { join } from 'node:path';
import { packageVersion, signLinuxUpdates } from './sign-linux-updates.ts';

/** `tsx scripts/sign-linux-updates-cli.ts`: signs dist/'s Linux installers with UPDATE_SIGNING_KEY. */
const root = join(import.meta.dirname, '..');
const key = process.env.UPDATE_SIGNING_KEY ?? '';
if (key.trim() === '') {
  console.error('UPDATE_SIGNING_KEY is not set: nothing signed.');
  process.exit(1);
}
const written = await signLinuxUpdates(join(root, 'dist'), packageVersion(root), key);
if (written.length === 0) {
  console.error('no AppImage or deb in dist/: nothing signed.');
  process.exit(1);
}
for (const path of written) console.log(`signed: ${path}`);
