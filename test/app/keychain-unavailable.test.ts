import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Without a session bus there is no Secret Service: every secret the app would store is refused with
 * KEYCHAIN_UNAVAILABLE, nothing falls back to a file, and no code is even requested (a login that could
 * not be stored would be lost).
 */
describe('a missing keychain', () => {
  it('gives KEYCHAIN_UNAVAILABLE and writes no secret anywhere', async () => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'switchboard-nokeychain-'));
    const home = mkdtempSync(join(tmpdir(), 'switchboard-nokeychain-home-'));
    // No bus address, and nowhere GDBus could find one either ($XDG_RUNTIME_DIR/bus on a desktop).
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_RUNTIME_DIR: home, XDG_DATA_HOME: home };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/support/app-without-keychain.ts', userDataDir],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(exitCode, stderr).toBe(0);
    const report = JSON.parse(stdout) as {
      profile: string;
      credentials: string;
      accounts: string;
      started: string;
      login: { step: string; error: string };
      sendCodeCalls: number;
    };
    expect(report.profile).toBe('ok');
    expect(report.credentials).toBe('KEYCHAIN_UNAVAILABLE');
    expect(report.accounts).toBe('KEYCHAIN_UNAVAILABLE');
    expect(report.started).toBe('ok');
    expect(report.login).toEqual({ step: 'failed', error: 'KEYCHAIN_UNAVAILABLE' });
    expect(report.sendCodeCalls).toBe(0);
    // Only the non-secret settings file exists, and it holds neither the API hash nor the API ID it refused.
    expect(readdirSync(userDataDir)).toEqual(['settings.json']);
    const settings = readFileSync(join(userDataDir, 'settings.json'), 'utf8');
    expect(settings).not.toContain('abababab');
    expect(JSON.parse(settings)).toMatchObject({ apiId: null, serverProfile: { kind: 'sandbox' } });
    expect(readdirSync(home)).toEqual([]);
    rmSync(userDataDir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });
});
