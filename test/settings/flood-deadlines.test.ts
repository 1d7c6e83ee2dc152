import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FloodDeadlines } from '../../main/settings/flood-deadlines.ts';
import { SettingsRejected, SettingsStore, type Settings } from '../../main/settings/settings-store.ts';
import { RecordingLogger } from '../support/keychain.ts';

let dir: string;
let path: string;
const logger = new RecordingLogger();
const T0 = 1_750_000_000_000;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-flood-'));
  path = join(dir, 'settings.json');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function onDisk(): Settings['floodDeadlines'] {
  return (JSON.parse(readFileSync(path, 'utf8')) as Settings).floodDeadlines;
}

describe('FloodDeadlines', () => {
  it('answers the deadline until it passes, then null', async () => {
    const floods = new FloodDeadlines(await SettingsStore.open(path, logger));
    expect(floods.get('+9996621234', T0)).toBeNull();
    await floods.set('+9996621234', T0 + 60_000);
    expect(floods.get('+9996621234', T0)).toBe(T0 + 60_000);
    expect(floods.get('+9996621234', T0 + 59_999)).toBe(T0 + 60_000);
    expect(floods.get('+9996621234', T0 + 60_000)).toBeNull();
    expect(floods.get('+9996640001', T0)).toBeNull();
    // The passed deadline is pruned from the file in the background: let that write finish first.
    await floods.settled();
  });

  it('survives reopening the settings (an app restart)', async () => {
    const first = new FloodDeadlines(await SettingsStore.open(path, logger));
    await first.set('+9996621234', T0 + 3_600_000);
    await first.set('+888 0000 0001', T0 + 120_000);

    const second = new FloodDeadlines(await SettingsStore.open(path, logger));
    expect(second.get('+9996621234', T0)).toBe(T0 + 3_600_000);
    expect(second.get('+88800000001', T0)).toBe(T0 + 120_000);
    expect(onDisk()).toEqual({ '+9996621234': T0 + 3_600_000, '+88800000001': T0 + 120_000 });
  });

  it('prunes every passed deadline from the file, keeping the others', async () => {
    const store = await SettingsStore.open(path, logger);
    const floods = new FloodDeadlines(store);
    await floods.set('+9996621234', T0 + 1_000);
    await floods.set('+9996621235', T0 + 2_000);
    await floods.set('+9996621236', T0 + 10_000);

    expect(floods.get('+9996621236', T0 + 5_000)).toBe(T0 + 10_000);
    await floods.settled();
    expect(onDisk()).toEqual({ '+9996621236': T0 + 10_000 });
    expect(store.get().floodDeadlines).toEqual({ '+9996621236': T0 + 10_000 });

    // Nothing to prune: no write at all.
    const before = readFileSync(path, 'utf8');
    expect(floods.get('+9996621234', T0 + 5_000)).toBeNull();
    await floods.settled();
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('a prune does not drop a deadline set while it was queued', async () => {
    const floods = new FloodDeadlines(await SettingsStore.open(path, logger));
    await floods.set('+9996621234', T0 + 1_000);
    expect(floods.get('+9996621234', T0 + 2_000)).toBeNull(); // starts a prune
    const setting = floods.set('+9996621234', T0 + 9_000); // queued behind or before it
    await Promise.all([setting, floods.settled()]);
    expect(floods.get('+9996621234', T0 + 2_000)).toBe(T0 + 9_000);
    expect(onDisk()).toEqual({ '+9996621234': T0 + 9_000 });
  });

  it('normalises phone numbers and refuses invalid ones', async () => {
    const floods = new FloodDeadlines(await SettingsStore.open(path, logger));
    await floods.set('+44 20 7946-0958', T0 + 1);
    expect(floods.get('00442079460958', T0)).toBe(T0 + 1);
    expect(onDisk()).toEqual({ '+442079460958': T0 + 1 });
    await expect(floods.set('12', T0)).rejects.toBeInstanceOf(SettingsRejected);
    expect(() => floods.get('phone', T0)).toThrow(SettingsRejected);
  });
});
