import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { publicKeyOf, sha512OfFile, signUpdate } from '../../main/update/update-signature.ts';

/**
 * The thin adapter over electron-updater, with electron-updater replaced (the real one loads Electron):
 * how it configures the updater, that it never touches it when the policy says no, and that the
 * updater's own log lines and errors reach our log sanitized.
 */
class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  allowPrerelease = true;
  allowDowngrade = true;
  logger: unknown = null;
  checks = 0;
  checkForUpdates = vi.fn(() => {
    this.checks++;
    return Promise.resolve(null);
  });
}

const state = vi.hoisted((): { created: number; updater: unknown } => ({ created: 0, updater: undefined }));

vi.mock('electron-updater', () => ({
  default: {
    get autoUpdater() {
      state.created++;
      return state.updater;
    },
  },
}));

const { createAutoUpdates } = await import('../../main/electron/auto-updater.ts');

/** Windows checks the installer's signature itself: nothing of the Linux trust is used. */
const onWindows = {
  platform: 'win32',
  linuxTrust: {
    publicKeyPem: undefined,
    hashFile: () => Promise.reject(new Error('not used on Windows')),
    fetchText: () => Promise.reject(new Error('not used on Windows')),
  },
} as const;

let updater: FakeUpdater;
let logs: string[];
const log = (level: string, message: string): void => {
  logs.push(`${level} ${message}`);
};

beforeEach(() => {
  updater = new FakeUpdater();
  state.updater = updater;
  state.created = 0;
  logs = [];
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createAutoUpdates', () => {
  it('never creates the updater in development, in demo mode or when turned off', () => {
    const updates = createAutoUpdates(log, onWindows);
    updates.configure({ packaged: false, demo: false, enabled: true });
    updates.configure({ packaged: true, demo: true, enabled: true });
    updates.configure({ packaged: true, demo: false, enabled: false });
    vi.advanceTimersByTime(24 * 60 * 60 * 1000);
    expect(state.created).toBe(0);
    expect(updater.checks).toBe(0);
  });

  it('downloads in the background and installs on quit, releases only, no downgrades', async () => {
    const updates = createAutoUpdates(log, onWindows);
    updates.configure({ packaged: true, demo: false, enabled: true });
    expect(updater).toMatchObject({
      autoDownload: true,
      autoInstallOnAppQuit: true,
      allowPrerelease: false,
      allowDowngrade: false,
    });
    expect(updater.checks).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(updater.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(6 * 60 * 60 * 1000);
    expect(updater.checks).toBe(2);
    updates.stop();
  });

  it('stops checking and installing when the user turns it off', async () => {
    const updates = createAutoUpdates(log, onWindows);
    updates.configure({ packaged: true, demo: false, enabled: true });
    updates.configure({ packaged: true, demo: false, enabled: false });
    expect(updater.autoInstallOnAppQuit).toBe(false);
    await vi.advanceTimersByTimeAsync(24 * 60 * 60 * 1000);
    expect(updater.checks).toBe(0);
  });

  it('routes the updater log and its errors through our log, without URL paths or queries', () => {
    const updates = createAutoUpdates(log, onWindows);
    updates.configure({ packaged: true, demo: false, enabled: true });
    const logger = updater.logger as Record<'info' | 'warn' | 'error', (message: unknown) => void>;
    logger.info('Downloading update from https://github.com/o/r/releases/download/v1/S.exe?token=abc');
    logger.error(new Error('sha512 checksum mismatch'));
    // electron-updater emits 'error' for download failures; without a listener the main process would throw.
    expect(() =>
      updater.emit('error', new Error('HttpError: 404 https://example.com/latest.yml?sig=1')),
    ).not.toThrow();
    updater.emit('update-downloaded', { version: '1.2.3' });
    expect(logs).toEqual([
      'info automatic update checks are on',
      'info updater: Downloading update from https://github.com',
      'error updater: sha512 checksum mismatch',
      'warn update failed: HttpError: 404 https://example.com',
      'info update 1.2.3 downloaded; it installs when Switchboard quits',
    ]);
    expect(logs.join('\n')).not.toMatch(/token|sig=|releases\/download/);
  });

  it('treats a failed check as logged (by the error event) and keeps the schedule', async () => {
    updater.checkForUpdates.mockImplementation(() => {
      updater.checks++;
      updater.emit('error', new Error('net::ERR_NAME_NOT_RESOLVED'));
      return Promise.reject(new Error('net::ERR_NAME_NOT_RESOLVED'));
    });
    const updates = createAutoUpdates(log, onWindows);
    updates.configure({ packaged: true, demo: false, enabled: true });
    await vi.advanceTimersByTimeAsync(60_000 + 6 * 60 * 60 * 1000);
    expect(updater.checks).toBe(2);
    expect(logs.filter((line) => line.startsWith('warn'))).toEqual([
      'warn update failed: net::ERR_NAME_NOT_RESOLVED',
      'warn update failed: net::ERR_NAME_NOT_RESOLVED',
    ]);
  });
});

describe('createAutoUpdates on Linux: installs only what the release key signed', () => {
  const version = '1.2.3';
  const fileName = 'Switchboard-1.2.3-x86_64.AppImage';
  const releaseKey = generateKeyPairSync('ed25519');
  const releasePrivatePem = releaseKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const shippedPublicPem = publicKeyOf(releasePrivatePem);
  let dir: string;
  let downloaded: string;
  let sha512: string;
  let served: Map<string, string>;
  let requested: string[];

  beforeEach(async () => {
    vi.useRealTimers();
    dir = await mkdtemp(join(tmpdir(), 'switchboard-update-'));
    downloaded = join(dir, fileName);
    await writeFile(downloaded, randomBytes(300_000));
    sha512 = createHash('sha512')
      .update(await readFile(downloaded))
      .digest('base64');
    served = new Map();
    requested = [];
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const onLinux = (publicKeyPem: string | undefined) => ({
    platform: 'linux' as const,
    linuxTrust: {
      publicKeyPem,
      hashFile: sha512OfFile,
      fetchText: (url: string) => {
        requested.push(url);
        const text = served.get(url);
        return text === undefined ? Promise.reject(new Error('HTTP 404')) : Promise.resolve(text);
      },
    },
  });
  const signatureUrl = `https://github.com/switchboard-app/switchboard/releases/download/v${version}/${fileName}.sig`;
  const download = (files = [{ url: fileName, sha512 }]): void => {
    updater.emit('update-downloaded', { version, downloadedFile: downloaded, files });
  };
  const settled = async (): Promise<string> => {
    await vi.waitFor(() => {
      expect(logs.some((line) => line.includes(`update ${version} downloaded`))).toBe(true);
    });
    return logs.find((line) => line.includes(`update ${version} downloaded`)) ?? '';
  };

  it('installs on quit once the signature over version and sha512 is verified, not before', async () => {
    served.set(signatureUrl, signUpdate({ version, sha512 }, releasePrivatePem) + '\n');
    const updates = createAutoUpdates(log, onLinux(shippedPublicPem));
    updates.configure({ packaged: true, demo: false, enabled: true });
    expect(updater.autoInstallOnAppQuit).toBe(false);
    download();
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(await settled()).toBe(
      'info update 1.2.3 downloaded and its release signature verified; it installs when Switchboard quits',
    );
    expect(requested).toEqual([signatureUrl]);
    expect(updater.autoInstallOnAppQuit).toBe(true);

    updates.configure({ packaged: true, demo: false, enabled: false });
    expect(updater.autoInstallOnAppQuit).toBe(false);
    updates.stop();
  });

  const refusals: [string, () => void, string][] = [
    [
      'a signature by another key',
      () => {
        const other = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
        served.set(signatureUrl, signUpdate({ version, sha512 }, other.toString()));
      },
      'the signature does not match',
    ],
    [
      'a genuine signature of another version (a replayed release)',
      () => {
        served.set(signatureUrl, signUpdate({ version: '1.2.2', sha512 }, releasePrivatePem));
      },
      'the signature does not match',
    ],
    [
      'a signature file that holds no signature',
      () => {
        served.set(signatureUrl, '<html>Not Found</html>');
      },
      'the signature is malformed',
    ],
    ['no signature in the release', () => undefined, 'its signature could not be downloaded'],
  ];
  it.each(refusals)('does not install a download with %s', async (_case, arrange, reason) => {
    arrange();
    const updates = createAutoUpdates(log, onLinux(shippedPublicPem));
    updates.configure({ packaged: true, demo: false, enabled: true });
    download();
    expect(await settled()).toBe(
      `warn update 1.2.3 downloaded but not installed: ${reason}. Install it from the release page (or with your package manager, for the deb) instead`,
    );
    expect(updater.autoInstallOnAppQuit).toBe(false);
    updates.stop();
  });

  it('does not install a download that matches no file of the release metadata', async () => {
    served.set(signatureUrl, signUpdate({ version, sha512 }, releasePrivatePem));
    const updates = createAutoUpdates(log, onLinux(shippedPublicPem));
    updates.configure({ packaged: true, demo: false, enabled: true });
    download([{ url: fileName, sha512: createHash('sha512').update('other').digest('base64') }]);
    expect(await settled()).toContain('not installed: the download matches no file of the release.');
    expect(updater.autoInstallOnAppQuit).toBe(false);
    updates.stop();
  });

  it('never installs and asks nothing of the network when the build ships no key', async () => {
    served.set(signatureUrl, signUpdate({ version, sha512 }, releasePrivatePem));
    const updates = createAutoUpdates(log, onLinux(undefined));
    updates.configure({ packaged: true, demo: false, enabled: true });
    download();
    expect(await settled()).toContain('not installed: no public key shipped.');
    expect(requested).toEqual([]);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    updates.stop();
  });
});
