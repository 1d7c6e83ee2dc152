import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

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
    const updates = createAutoUpdates(log);
    updates.configure({ packaged: false, demo: false, enabled: true });
    updates.configure({ packaged: true, demo: true, enabled: true });
    updates.configure({ packaged: true, demo: false, enabled: false });
    vi.advanceTimersByTime(24 * 60 * 60 * 1000);
    expect(state.created).toBe(0);
    expect(updater.checks).toBe(0);
  });

  it('downloads in the background and installs on quit, releases only, no downgrades', async () => {
    const updates = createAutoUpdates(log);
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
    const updates = createAutoUpdates(log);
    updates.configure({ packaged: true, demo: false, enabled: true });
    updates.configure({ packaged: true, demo: false, enabled: false });
    expect(updater.autoInstallOnAppQuit).toBe(false);
    await vi.advanceTimersByTimeAsync(24 * 60 * 60 * 1000);
    expect(updater.checks).toBe(0);
  });

  it('routes the updater log and its errors through our log, without URL paths or queries', () => {
    const updates = createAutoUpdates(log);
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
    const updates = createAutoUpdates(log);
    updates.configure({ packaged: true, demo: false, enabled: true });
    await vi.advanceTimersByTimeAsync(60_000 + 6 * 60 * 60 * 1000);
    expect(updater.checks).toBe(2);
    expect(logs.filter((line) => line.startsWith('warn'))).toEqual([
      'warn update failed: net::ERR_NAME_NOT_RESOLVED',
      'warn update failed: net::ERR_NAME_NOT_RESOLVED',
    ]);
  });
});
