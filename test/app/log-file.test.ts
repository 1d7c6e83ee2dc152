import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOG_FILE_NAME, logFolderOf, openAppLog } from '../../main/app/app-log.ts';

/** The app's log file on a real filesystem: levels, permissions, rotation, and a folder it cannot use. */
let dir: string;
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the log file', () => {
  it('keeps the lines at or above its level, for this user only, and the terminal gets them too', async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-log-'));
    const printed: string[] = [];
    const appLog = openAppLog({
      userDataDir: dir,
      console: {
        level: 'warn',
        output: { log: (line) => printed.push(line), error: (line) => printed.push(line) },
      },
    });
    appLog.log('debug', 'a debug line');
    appLog.log('info', 'login +15550901001: code sent by app');
    appLog.log('warn', 'account +15550901001 (42): signedOut: SIGNED_OUT');
    await appLog.close();
    const file = join(logFolderOf(dir), LOG_FILE_NAME);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO {2}login \+15550901001: code sent by app$/),
      expect.stringMatching(/Z WARN {2}account \+15550901001 \(42\): signedOut: SIGNED_OUT$/),
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(printed).toEqual([expect.stringContaining('WARN  account +15550901001')]);
  });

  it('rotates by size, keeping the newest lines in switchboard.log', async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-log-'));
    const appLog = openAppLog({ userDataDir: dir, console: null, rotateAt: '1K' });
    for (let i = 0; i < 60; i++) {
      appLog.log('info', `line ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await appLog.close();
    const files = readdirSync(logFolderOf(dir)).sort();
    expect(files).toEqual(expect.arrayContaining([LOG_FILE_NAME, `${LOG_FILE_NAME}.1`]));
    expect(readFileSync(join(logFolderOf(dir), LOG_FILE_NAME), 'utf8')).toContain('line 059');
    expect(statSync(join(logFolderOf(dir), LOG_FILE_NAME)).size).toBeLessThan(1024 + 100);
  });

  it('costs only the file when the folder cannot be used, and says so on the terminal', async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-log-'));
    writeFileSync(join(dir, 'logs'), 'a file where the folder should be');
    chmodSync(dir, 0o700);
    const printed: string[] = [];
    const appLog = openAppLog({
      userDataDir: dir,
      console: {
        level: 'info',
        output: { log: (line) => printed.push(line), error: (line) => printed.push(line) },
      },
    });
    appLog.log('info', 'still logged');
    await appLog.close();
    expect(printed).toEqual([
      expect.stringContaining('no log file in'),
      expect.stringContaining('still logged'),
    ]);
  });
});
