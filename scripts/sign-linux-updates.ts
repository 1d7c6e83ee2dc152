import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIGNATURE_SUFFIX, sha512OfFile, signUpdate } from '../main/update/update-signature.ts';

/** The Linux installers electron-builder.yml makes, which the app updates itself from. */
const LINUX_UPDATE_FILE = /\.(AppImage|deb)$/;

/**
 * Writes `<file>.sig` next to each Linux installer in dir: the Ed25519 signature the installed app checks
 * before it installs that file (main/update/linux-update-trust.ts). Returns the signature files written.
 */
export async function signLinuxUpdates(
  dir: string,
  version: string,
  privateKeyPem: string,
): Promise<string[]> {
  const written: string[] = [];
  for (const name of readdirSync(dir)
    .filter((entry) => LINUX_UPDATE_FILE.test(entry))
    .sort()) {
    const sha512 = await sha512OfFile(join(dir, name));
    const signaturePath = join(dir, name + SIGNATURE_SUFFIX);
    writeFileSync(signaturePath, `${signUpdate({ version, sha512 }, privateKeyPem)}\n`);
    written.push(signaturePath);
  }
  return written;
}

/** The version electron-builder put in the file names and the update metadata. */
export function packageVersion(root: string): string {
  const parsed: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (
    typeof parsed === 'object' &&
    parsed !== null &&
    'version' in parsed &&
    typeof parsed.version === 'string'
  )
    return parsed.version;
  throw new Error('package.json has no version');
}
