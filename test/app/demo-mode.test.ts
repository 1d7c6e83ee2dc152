import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chooseSandboxProfile,
  DEMO_SERVICE_BASE,
  demoUnlockProbe,
  demoUserDataDir,
  readLaunchMode,
} from '../../main/app/demo-mode.ts';
import { DEFAULT_UNLOCK_PROBE } from '../../main/vault/keytar-secret-store.ts';
import { APP_SERVICE } from '../../main/vault/service-names.ts';

describe('readLaunchMode', () => {
  const electron = ['/usr/lib/electron/electron', '.'];

  it('is the normal app without the argument or the variable', () => {
    expect(readLaunchMode(electron, {})).toEqual({ demo: false });
  });

  it('is the demo with --demo, as `electron-vite preview -- --demo` passes it', () => {
    expect(readLaunchMode([...electron, '--demo'], {})).toEqual({ demo: true });
  });

  it.each(['1', 'true', 'TRUE', 'yes', ' 1 '])('is the demo with SWITCHBOARD_DEMO=%j', (value) => {
    expect(readLaunchMode(electron, { SWITCHBOARD_DEMO: value })).toEqual({ demo: true });
  });

  it.each(['', '0', 'false', 'no', 'off'])('is not the demo with SWITCHBOARD_DEMO=%j', (value) => {
    expect(readLaunchMode(electron, { SWITCHBOARD_DEMO: value })).toEqual({ demo: false });
  });

  it('does not take look-alike arguments for the flag', () => {
    expect(readLaunchMode([...electron, '--demo=0', '--demos', 'demo'], {})).toEqual({ demo: false });
  });
});

describe('where the demo keeps its data', () => {
  it('uses a user-data folder next to the real one, never the real one', () => {
    const real = join('/home/ada/.config', 'Switchboard');
    expect(demoUserDataDir(real)).toBe(`${real}-demo`);
    expect(demoUserDataDir(real)).not.toBe(real);
  });

  it('uses keychain entries under a service name of its own', () => {
    expect(DEMO_SERVICE_BASE).not.toBe(APP_SERVICE);
    expect(demoUnlockProbe('linux')).toEqual({ service: DEMO_SERVICE_BASE, account: 'keychain-check' });
    expect(demoUnlockProbe('linux')).not.toEqual(DEFAULT_UNLOCK_PROBE);
  });

  it('needs no unlock probe where the keychain has no locked state to check', () => {
    expect(demoUnlockProbe('darwin')).toBeNull();
    expect(demoUnlockProbe('win32')).toBeNull();
  });
});

describe('chooseSandboxProfile', () => {
  let dir: string;
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
  };
  const settingsOnDisk = (): unknown => JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-demo-'));
    warnings.length = 0;
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the sandbox profile into a fresh demo folder', async () => {
    await chooseSandboxProfile(dir, warn);
    expect(settingsOnDisk()).toMatchObject({ serverProfile: { kind: 'sandbox' } });
    expect(warnings).toEqual([]);
  });

  it('switches an earlier demo back to the sandbox and keeps its other settings', async () => {
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({
        version: 1,
        apiId: 12345,
        serverProfile: { kind: 'production' },
        floodDeadlines: { '+15550601001': 1_900_000_000_000 },
        window: { width: 1000, height: 700, maximized: false },
      }),
    );
    await chooseSandboxProfile(dir, warn);
    expect(settingsOnDisk()).toEqual({
      version: 1,
      apiId: 12345,
      serverProfile: { kind: 'sandbox' },
      floodDeadlines: { '+15550601001': 1_900_000_000_000 },
      // A file from before these settings existed gets their defaults; the retired window field goes.
      autoUpdate: true,
      serverApiIds: {},
      confirmedServers: [],
    });
  });

  it('reports an unreadable settings file and still starts the demo on the sandbox', async () => {
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    await chooseSandboxProfile(dir, warn);
    expect(settingsOnDisk()).toMatchObject({ serverProfile: { kind: 'sandbox' } });
    expect(warnings.length).toBeGreaterThan(0);
  });
});
