import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppFailure, appError } from '../contract/errors.ts';
import { isTempFileOf, writeFileAtomic } from './atomic-write.ts';
import { defaultSettings, type Settings } from './settings-schema.ts';
import { validateSettings } from './settings-validation.ts';

export type { Settings } from './settings-schema.ts';

/** Its name in the user-data folder. */
export const SETTINGS_FILE_NAME = 'settings.json';

/** Where the store reports a settings file it had to set aside. */
export interface SettingsLogger {
  warn(message: string, fields: Readonly<Record<string, string | readonly string[]>>): void;
}

export interface SettingsStoreOptions {
  /** For the timestamp of a set-aside file. */
  readonly now?: () => number;
}

/** Changes the draft it is given, or returns a replacement. */
export type SettingsMutator = ((draft: Settings) => void) | ((draft: Settings) => Settings);

/** An update that would make settings invalid or add a field they do not have. Nothing was written. */
export class SettingsRejected extends AppFailure {
  constructor(readonly problems: readonly string[]) {
    super(appError('BAD_INPUT'));
  }
}

/**
 * The non-secret settings in <userData>/settings.json. Loaded once; every change goes through update(),
 * which runs one at a time (so concurrent updates never lose each other), validates the result and
 * replaces the file atomically before the new settings are visible.
 */
export class SettingsStore {
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private current: Settings,
  ) {}

  /**
   * Reads `path` (<userData>/settings.json in the app; its folder is created if missing). Missing file:
   * defaults (nothing is written until the first update). Unreadable or invalid: renamed to <path>.corrupt-<timestamp> and
   * reported, defaults used. Any other read error (permissions...) throws.
   */
  static async open(
    path: string,
    logger: SettingsLogger,
    options: SettingsStoreOptions = {},
  ): Promise<SettingsStore> {
    await removeLeftoverTempFiles(path);
    const settings = await load(path, logger, options.now ?? Date.now);
    return new SettingsStore(path, settings);
  }

  /** A copy: changing it changes nothing. */
  get(): Settings {
    return structuredClone(this.current);
  }

  /**
   * Applies `mutator` to a copy of the latest settings, validates the result, writes it, and resolves with
   * the new settings. The mutator either changes the copy it is given or returns a replacement.
   * SettingsRejected if the result is invalid or has a field settings do not have; nothing is written then.
   */
  update(mutator: SettingsMutator): Promise<Settings> {
    const result = this.tail.then(() => this.apply(mutator));
    // A failed update must not block those queued after it.
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async apply(mutator: SettingsMutator): Promise<Settings> {
    const draft = structuredClone(this.current);
    const returned: unknown = mutator(draft);
    // A void mutator's return value means nothing (`(s) => (s.apiId = 5)` returns 5): only an object replaces.
    const validated = validateSettings(typeof returned === 'object' && returned !== null ? returned : draft);
    if (!validated.ok) throw new SettingsRejected(validated.problems);
    await writeFileAtomic(this.path, serialize(validated.settings));
    this.current = validated.settings;
    return structuredClone(validated.settings);
  }
}

function serialize(settings: Settings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}

async function load(path: string, logger: SettingsLogger, now: () => number): Promise<Settings> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return defaultSettings();
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return setAside(path, ['not JSON'], logger, now);
  }
  const validated = validateSettings(withoutRetiredFields(json));
  return validated.ok ? validated.settings : setAside(path, validated.problems, logger, now);
}

/**
 * Fields earlier versions wrote that nothing reads any more; a file holding them still loads, and the next
 * write leaves them out. `window` (a window size nothing restored) was retired after 0.1.0.
 */
const RETIRED_FIELDS = ['window'] as const;

function withoutRetiredFields(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const retired = new Set<string>(RETIRED_FIELDS);
  return Object.fromEntries(Object.entries(json).filter(([field]) => !retired.has(field)));
}

/** Keeps the bad file for the user (or support) to look at, and starts over from the defaults. */
async function setAside(
  path: string,
  problems: readonly string[],
  logger: SettingsLogger,
  now: () => number,
): Promise<Settings> {
  // No ":" in the name: Windows does not allow it.
  const movedTo = `${path}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
  await rename(path, movedTo);
  logger.warn('settings.json could not be read; it was set aside and the defaults are used', {
    movedTo,
    problems,
  });
  return defaultSettings();
}

/** A crash between writing a temp file and renaming it leaves the temp file behind; nothing reads it. */
async function removeLeftoverTempFiles(path: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const names = await readdir(dir);
  await Promise.all(
    names.filter((name) => isTempFileOf(path, name)).map((name) => rm(join(dir, name), { force: true })),
  );
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}
