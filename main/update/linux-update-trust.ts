import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkUpdateSignature, shipsKey, SIGNATURE_SUFFIX, type SignatureCheck } from './update-signature.ts';

/**
 * Where electron-updater's GitHub provider downloads release files from; the owner and repository are
 * electron-builder.yml's `publish` section (test/update/update-trust.test.ts keeps the two equal).
 */
export const RELEASE_OWNER = 'switchboard-app';
export const RELEASE_REPO = 'switchboard';

export function releaseFileUrl(version: string, fileName: string): string {
  return `https://github.com/${RELEASE_OWNER}/${RELEASE_REPO}/releases/download/v${encodeURIComponent(version)}/${encodeURIComponent(fileName)}`;
}

/** What electron-updater reports with 'update-downloaded' (the parts used here). */
export interface DownloadedUpdate {
  readonly version: string;
  readonly downloadedFile: string;
  readonly files: readonly { readonly url: string; readonly sha512: string }[];
}

export interface LinuxTrustDeps {
  /** The PEM the app ships (resources/update-signing-key.pem), undefined when the build has none. */
  readonly publicKeyPem: string | undefined;
  readonly hashFile: (path: string) => Promise<string>;
  /** GETs a small text file; rejects on a network failure or a status other than 200. */
  readonly fetchText: (url: string) => Promise<string>;
}

export type LinuxTrustVerdict =
  | SignatureCheck
  | {
      readonly ok: false;
      readonly reason:
        'the download matches no file of the release' | 'its signature could not be downloaded';
    };

/** Whether a downloaded Linux update may be installed: its release signature checks out. */
export async function verifyLinuxUpdate(
  update: DownloadedUpdate,
  deps: LinuxTrustDeps,
): Promise<LinuxTrustVerdict> {
  // Before any download: without a key nothing could be verified.
  if (!shipsKey(deps.publicKeyPem)) return { ok: false, reason: 'no public key shipped' };
  const sha512 = await deps.hashFile(update.downloadedFile);
  // electron-updater checked the download against one of these; the match names the release file.
  const file = update.files.find((candidate) => candidate.sha512 === sha512);
  if (file === undefined) return { ok: false, reason: 'the download matches no file of the release' };
  const fileName = file.url.split('/').at(-1) ?? file.url;
  let signature: string;
  try {
    signature = await deps.fetchText(releaseFileUrl(update.version, fileName + SIGNATURE_SUFFIX));
  } catch {
    return { ok: false, reason: 'its signature could not be downloaded' };
  }
  return checkUpdateSignature({ version: update.version, sha512 }, signature, deps.publicKeyPem);
}

/** The file name the build ships the public key under, in the app's resources folder (electron-builder.yml). */
export const SHIPPED_KEY_FILE = 'update-signing-key.pem';

/** The shipped public key, or undefined when this build has none (then Linux updates are never installed). */
export function readShippedKey(resourcesDir: string): string | undefined {
  try {
    return readFileSync(join(resourcesDir, SHIPPED_KEY_FILE), 'utf8');
  } catch {
    return undefined;
  }
}

const MAX_SIGNATURE_FILE_BYTES = 1024;

/** LinuxTrustDeps.fetchText over a fetch implementation (Electron's net.fetch follows the system proxy). */
export function smallTextFetcher(
  fetchImpl: (url: string) => Promise<Response>,
): (url: string) => Promise<string> {
  return async (url) => {
    const response = await fetchImpl(url);
    if (response.status !== 200) throw new Error(`HTTP ${String(response.status)}`);
    const text = await response.text();
    if (text.length > MAX_SIGNATURE_FILE_BYTES) throw new Error('the signature file is too large');
    return text;
  };
}
