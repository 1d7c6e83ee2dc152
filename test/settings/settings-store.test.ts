import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsRejected, SettingsStore, type Settings } from '../../main/settings/settings-store.ts';
import { RecordingLogger } from '../support/keychain.ts';

let dir: string;
let path: string;
let logger: RecordingLogger;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-settings-'));
  path = join(dir, 'settings.json');
  logger = new RecordingLogger();
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const DEFAULTS: Settings = {
  version: 1,
  apiId: null,
  serverApiIds: {},
  serverProfile: { kind: 'production' },
  confirmedServers: [],
  floodDeadlines: {},
  autoUpdate: true,
};

function onDisk(): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

describe('SettingsStore', () => {
  it('starts from the defaults without writing anything', async () => {
    const store = await SettingsStore.open(path, logger);
    expect(store.get()).toEqual(DEFAULTS);
    expect(readdirSync(dir)).toEqual([]);
    expect(logger.warnings).toEqual([]);

    // A user-data folder that does not exist yet is created, still without a file in it.
    const nested = await SettingsStore.open(join(dir, 'new', 'settings.json'), logger);
    expect(nested.get()).toEqual(DEFAULTS);
    expect(readdirSync(dir, { recursive: true })).toEqual(['new']);
  });

  it('writes every update and reads it back after reopening', async () => {
    const store = await SettingsStore.open(path, logger);
    const updated = await store.update((s) => {
      s.apiId = 123456;
      s.serverProfile = { kind: 'sandbox' };
      s.serverApiIds.sandbox = 777;
      s.floodDeadlines['+9996621234'] = 1_700_000_000_000;
    });
    const expected: Settings = {
      version: 1,
      apiId: 123456,
      serverApiIds: { sandbox: 777 },
      serverProfile: { kind: 'sandbox' },
      confirmedServers: [],
      floodDeadlines: { '+9996621234': 1_700_000_000_000 },
      autoUpdate: true,
    };
    expect(updated).toEqual(expected);
    expect(store.get()).toEqual(expected);
    expect(onDisk()).toEqual(expected);

    // A mutator may also return a new object; any other value it returns means nothing.
    await store.update((s) => ({ ...s, serverApiIds: {} }));
    expect(store.get().serverApiIds).toEqual({});
    await store.update((s) => (s.apiId = 654321));
    expect(store.get().apiId).toBe(654321);
    await store.update((s) => ({ ...s, apiId: 123456 }));
    const reopened = await SettingsStore.open(path, logger);
    expect(reopened.get()).toEqual({ ...expected, serverApiIds: {} });
    expect(logger.warnings).toEqual([]);
  });

  it('reads a file with the retired window field, and leaves it out of the next write', async () => {
    writeFileSync(
      path,
      JSON.stringify({ ...DEFAULTS, apiId: 42, window: { width: 1000, height: 700, maximized: false } }),
    );
    const store = await SettingsStore.open(path, logger);
    expect(store.get()).toEqual({ ...DEFAULTS, apiId: 42 });
    expect(logger.warnings).toEqual([]);
    await store.update((s) => (s.apiId = 43));
    expect(onDisk()).toEqual({ ...DEFAULTS, apiId: 43 });
  });

  it('reads a file from before autoUpdate existed as auto-update on, and keeps a turned-off setting', async () => {
    const older: Partial<Settings> = { ...DEFAULTS };
    delete older.autoUpdate;
    writeFileSync(path, JSON.stringify({ ...older, apiId: 42 }));
    const store = await SettingsStore.open(path, logger);
    expect(store.get()).toEqual({ ...DEFAULTS, apiId: 42 });
    expect(logger.warnings).toEqual([]);
    await store.update((s) => {
      s.autoUpdate = false;
    });
    expect(onDisk()).toEqual({ ...DEFAULTS, apiId: 42, autoUpdate: false });
    expect((await SettingsStore.open(path, logger)).get().autoUpdate).toBe(false);
  });

  it('hands out copies: changing one changes nothing', async () => {
    const store = await SettingsStore.open(path, logger);
    const copy = store.get();
    copy.apiId = 99;
    copy.floodDeadlines['+9996621234'] = 1;
    expect(store.get()).toEqual(DEFAULTS);
  });

  it('sets an unreadable file aside as settings.json.corrupt-<timestamp> and uses the defaults', async () => {
    writeFileSync(path, '{"version": 1, "apiId": 12');
    const now = Date.UTC(2025, 10, 26, 11, 42, 1, 936);
    const store = await SettingsStore.open(path, logger, { now: () => now });
    expect(store.get()).toEqual(DEFAULTS);
    const aside = join(dir, 'settings.json.corrupt-2025-11-26T11-42-01-936Z');
    expect(readdirSync(dir)).toEqual(['settings.json.corrupt-2025-11-26T11-42-01-936Z']);
    expect(readFileSync(aside, 'utf8')).toBe('{"version": 1, "apiId": 12');
    expect(logger.warnings).toEqual([
      {
        message: 'settings.json could not be read; it was set aside and the defaults are used',
        fields: { movedTo: aside, problems: ['not JSON'] },
      },
    ]);
    await store.update((s) => ({ ...s, apiId: 5 }));
    expect(onDisk()).toEqual({ ...DEFAULTS, apiId: 5 });
  });

  it('sets aside a file that is JSON but not valid settings (wrong types, unknown keys, future version)', async () => {
    const cases: [unknown, string[]][] = [
      [{ ...DEFAULTS, apiId: '123' }, ['apiId: invalid_type']],
      [{ ...DEFAULTS, apiHash: 'SECRET' }, ['(settings): unrecognized_keys apiHash']],
      [
        { ...DEFAULTS, serverProfile: { kind: 'test', session: 'SECRET' } },
        ['serverProfile.session: unrecognized_keys'],
      ],
      [{ ...DEFAULTS, floodDeadlines: { '12': 5 } }, ['floodDeadlines.12: invalid_key']],
      [{ ...DEFAULTS, version: 2 }, ['version: invalid_value']],
      [{ ...DEFAULTS, autoUpdate: 'no' }, ['autoUpdate: invalid_type']],
    ];
    let tick = 0;
    for (const [content, problems] of cases) {
      logger = new RecordingLogger();
      writeFileSync(path, JSON.stringify(content));
      const store = await SettingsStore.open(path, logger, { now: () => ++tick * 1000 });
      expect(store.get()).toEqual(DEFAULTS);
      expect(logger.warnings.map((w) => w.fields.problems)).toEqual([problems]);
      expect(logger.text()).not.toContain('SECRET');
    }
    expect(readdirSync(dir).sort()).toEqual(
      [1, 2, 3, 4, 5, 6].map((s) => `settings.json.corrupt-1970-01-01T00-00-0${s}-000Z`),
    );
  });

  it('refuses an update that adds a field, at any depth, and writes nothing', async () => {
    const store = await SettingsStore.open(path, logger);
    await store.update((s) => ({ ...s, apiId: 1 }));
    const before = readFileSync(path, 'utf8');

    const attempts: [(s: Settings) => Settings, string[]][] = [
      [(s) => ({ ...s, apiHash: 'SECRET' }) as Settings, ['(settings): unrecognized_keys apiHash']],
      [
        (s) => ({ ...s, serverProfile: { kind: 'production', session: 'SECRET' } }) as Settings,
        ['serverProfile.session: unrecognized_keys'],
      ],
      [
        (s) =>
          ({
            ...s,
            serverProfile: {
              kind: 'custom',
              name: 'x',
              dcs: [{ id: 1, host: 'h', port: 1, authKey: 'SECRET' }],
              publicKeyPem: '-----BEGIN PUBLIC KEY-----',
            },
          }) as unknown as Settings,
        ['serverProfile.dcs[0].authKey: unrecognized_keys'],
      ],
      [(s) => ({ ...s, apiId: -1 }), ['apiId: too_small']],
    ];
    for (const [mutator, problems] of attempts) {
      const error: unknown = await store.update(mutator).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SettingsRejected);
      expect((error as SettingsRejected).error.code).toBe('BAD_INPUT');
      expect((error as SettingsRejected).problems).toEqual(problems);
      expect(JSON.stringify(error)).not.toContain('SECRET');
    }
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(store.get()).toEqual({ ...DEFAULTS, apiId: 1 });
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('runs concurrent updates one after another: none is lost', async () => {
    const store = await SettingsStore.open(path, logger);
    const phones = Array.from({ length: 50 }, (_, i) => `+99966${String(10000 + i)}`);
    await Promise.all(
      phones.map((phone, i) =>
        store.update((s) => {
          s.floodDeadlines[phone] = i;
        }),
      ),
    );
    const expected = Object.fromEntries(phones.map((phone, i) => [phone, i]));
    expect(store.get().floodDeadlines).toEqual(expected);
    expect((await SettingsStore.open(path, logger)).get().floodDeadlines).toEqual(expected);
  });

  it('keeps going after a mutator throws or is refused', async () => {
    const store = await SettingsStore.open(path, logger);
    const results = await Promise.allSettled([
      store.update((s) => ({ ...s, apiId: 1 })),
      store.update(() => {
        throw new Error('mutator bug');
      }),
      store.update((s) => ({ ...s, apiId: 'two' }) as unknown as Settings),
      store.update((s) => ({ ...s, apiId: (s.apiId ?? 0) + 2 })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(store.get().apiId).toBe(3);
    expect(onDisk()).toEqual({ ...DEFAULTS, apiId: 3 });
  });

  it('replaces the file atomically: a reader never sees a partial file, no temp file is left', async () => {
    const store = await SettingsStore.open(path, logger);
    // ~200 KB of settings, so a non-atomic write would be caught half-way.
    const deadlines = Object.fromEntries(
      Array.from({ length: 6000 }, (_, i) => [`+1555${String(1_000_000 + i)}`, 1_700_000_000_000 + i]),
    );
    await store.update((s) => ({ ...s, floodDeadlines: deadlines }));

    let reads = 0;
    const state = { writing: true };
    const reader = (async () => {
      while (state.writing) {
        const text = await readFile(path, 'utf8');
        const parsed = JSON.parse(text) as Settings; // throws on a partial file
        expect(Object.keys(parsed.floodDeadlines)).toHaveLength(6000);
        reads++;
      }
    })();
    for (let i = 0; i < 40; i++) await store.update((s) => ({ ...s, apiId: i + 1 }));
    state.writing = false;
    await reader;

    expect(reads).toBeGreaterThan(10);
    expect(onDisk()).toMatchObject({ apiId: 40 });
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('a process killed mid-write leaves the old file intact; its temp file is removed on the next open', async () => {
    const store = await SettingsStore.open(path, logger);
    await store.update((s) => ({ ...s, apiId: 7 }));
    // What a crash between writing the temp file and renaming it leaves behind.
    writeFileSync(join(dir, 'settings.json.0123456789abcdef.tmp'), '{"version": 1, "apiId": 8, "serverPr');
    writeFileSync(join(dir, 'settings.json.backup'), 'not ours');

    const reopened = await SettingsStore.open(path, logger);
    expect(reopened.get().apiId).toBe(7);
    expect(readdirSync(dir).sort()).toEqual(['settings.json', 'settings.json.backup']);
  });

  it('survives SIGKILL of a writing process: the file is always whole', async () => {
    const script = `
      import { SettingsStore } from './main/settings/settings-store.ts';
      const store = await SettingsStore.open(process.argv[1], { warn() {} });
      process.stdout.write('ready\\n');
      for (let i = 1; ; i++) await store.update((s) => ({ ...s, apiId: i }));
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, path], {
      cwd: join(import.meta.dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) =>
      child.stdout.once('data', () => {
        resolve();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const text = readFileSync(path, 'utf8');
    const written = JSON.parse(text) as Settings;
    expect(written.apiId).toBeGreaterThan(0);
    const reopened = await SettingsStore.open(path, logger);
    expect(reopened.get().apiId).toBe(written.apiId);
    expect(logger.warnings).toEqual([]);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });
});
