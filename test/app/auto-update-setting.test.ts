import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../main/app/app-services.ts';
import { APP_ORIGIN } from '../../main/ipc/renderer-origin.ts';
import type { SecretStore } from '../../main/vault/secret-store.ts';
import { APP_SENDER } from '../support/app-harness.ts';

/**
 * settings:setAutoUpdate through the real dispatcher and settings file: saved, reported in the settings
 * view, and handed to the bootstrap (which re-applies the update policy). Nothing here touches a
 * keychain or a Telegram server: the secrets live in a Map and no profile is started.
 */
class MapSecretStore implements SecretStore {
  private readonly entries = new Map<string, string>();
  get(service: string, account: string): Promise<string | null> {
    return Promise.resolve(this.entries.get(`${service}\n${account}`) ?? null);
  }
  set(service: string, account: string, secret: string): Promise<void> {
    this.entries.set(`${service}\n${account}`, secret);
    return Promise.resolve();
  }
  delete(service: string, account: string): Promise<boolean> {
    return Promise.resolve(this.entries.delete(`${service}\n${account}`));
  }
  names(): Promise<string[]> {
    return Promise.resolve([]);
  }
  list(): Promise<{ account: string; secret: string | null }[]> {
    return Promise.resolve([]);
  }
}

let dir: string;
let services: AppServices;
let changes: boolean[];

async function open(): Promise<AppServices> {
  return createAppServices({
    userDataDir: dir,
    secretStore: new MapSecretStore(),
    appVersion: '0.0.0-test',
    trustedOrigins: [APP_ORIGIN],
    log: () => undefined,
    onAutoUpdateChanged: (enabled) => changes.push(enabled),
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-autoupdate-'));
  changes = [];
  services = await open();
});

afterEach(async () => {
  await services.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

describe('the auto-update setting', () => {
  it('is on by default', async () => {
    expect(services.autoUpdateEnabled()).toBe(true);
    const view = await services.dispatcher.dispatch('settings:get', {}, APP_SENDER);
    expect(view).toMatchObject({ ok: true, value: { autoUpdate: true } });
  });

  it('is saved, shown in the settings view, and announced to the bootstrap', async () => {
    const off = await services.dispatcher.dispatch('settings:setAutoUpdate', { enabled: false }, APP_SENDER);
    expect(off).toMatchObject({ ok: true, value: { autoUpdate: false } });
    expect(services.autoUpdateEnabled()).toBe(false);
    expect(changes).toEqual([false]);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ autoUpdate: false });

    await services.shutdown();
    services = await open();
    expect(services.autoUpdateEnabled()).toBe(false);
  });

  it('refuses anything but a boolean, and changes nothing', async () => {
    for (const payload of [{ enabled: 'no' }, { enabled: 1 }, {}, { enabled: true, extra: 1 }, null]) {
      const result = await services.dispatcher.dispatch('settings:setAutoUpdate', payload, APP_SENDER);
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(changes).toEqual([]);
    expect(services.autoUpdateEnabled()).toBe(true);
  });
});
