import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { remainingEntries, servicesOf, testServiceBase } from '../support/keychain.ts';
import {
  CHILD_ACCOUNT,
  CHILD_API_HASH,
  CHILD_SESSION,
  CHILD_TOKEN,
  type ChildOutcome,
} from '../support/vault-fixtures.ts';

/**
 * The keychain failing for real, in a child process (keytar's D-Bus connection is per process): every
 * vault operation must end in KEYCHAIN_UNAVAILABLE, never a crash, never a secret in the output, never a
 * file. The child gets a temporary HOME and XDG folders, so the developer's own keyring is never touched.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const CHILD = join(ROOT, 'test', 'support', 'vault-child.ts');
const TRY_OPS = [
  'accounts.list',
  'accounts.get',
  'accounts.save',
  'accounts.remove',
  'tokens.list',
  'tokens.add',
  'tokens.remove',
  'tokens.clear',
  'api.get',
  'api.set',
];

interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly outcomes: ChildOutcome[];
  readonly output: string;
}

const temps: string[] = [];
function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `switchboard-${name}-`));
  temps.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/**
 * A private environment: no session bus, no display, and a HOME / XDG_RUNTIME_DIR of our own (GDBus also
 * finds a bus at $XDG_RUNTIME_DIR/bus, which on a desktop would be the user's real one).
 */
function isolatedEnv(home: string): NodeJS.ProcessEnv {
  const dropped = new Set(['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'XAUTHORITY']);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !dropped.has(name)));
  const runtime = join(home, 'run');
  mkdirSync(runtime, { recursive: true, mode: 0o700 });
  return {
    ...env,
    HOME: home,
    XDG_RUNTIME_DIR: runtime,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
  };
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const outcomes = stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as ChildOutcome);
      resolve({ code, signal, outcomes, output: stdout + stderr });
    });
  });
}

function childArgs(mode: string, serviceBase: string, userDataDir: string): string[] {
  return ['--import', 'tsx', CHILD, mode, serviceBase, userDataDir];
}

/** The child inside its own D-Bus session whose gnome-keyring was unlocked with `password`. */
function runWithKeyring(
  password: string,
  mode: string,
  serviceBase: string,
  userDataDir: string,
  home: string,
): Promise<ChildRun> {
  const script =
    'printf %s "$1" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 97; shift; exec "$@"';
  return run(
    'dbus-run-session',
    [
      '--',
      'sh',
      '-c',
      script,
      'sh',
      password,
      process.execPath,
      ...childArgs(mode, serviceBase, userDataDir),
    ],
    isolatedEnv(home),
  );
}

/** Every file under `dir`, relative, with a hash of its content. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return files;
}

function expectNoSecrets(output: string): void {
  expect(output).not.toContain(CHILD_SESSION);
  expect(output).not.toContain(CHILD_SESSION.slice(1, 40));
  expect(output).not.toContain(CHILD_API_HASH);
  expect(output).not.toContain(CHILD_TOKEN.toString('base64'));
  expect(output).not.toContain(CHILD_TOKEN.toString('utf8'));
}

describe.runIf(process.platform === 'linux')('the keychain unavailable (Linux, real processes)', () => {
  it('with no session bus, every vault operation fails with KEYCHAIN_UNAVAILABLE and nothing is written', async () => {
    const serviceBase = testServiceBase();
    const home = tempDir('nobus-home');
    const userData = tempDir('nobus-userdata');

    const result = await run(process.execPath, childArgs('try', serviceBase, userData), isolatedEnv(home));

    expect({ code: result.code, signal: result.signal }).toEqual({ code: 0, signal: null });
    expect(result.outcomes.map((o) => o.op)).toEqual(TRY_OPS);
    for (const outcome of result.outcomes) {
      expect(outcome, outcome.op).toMatchObject({ outcome: 'KEYCHAIN_UNAVAILABLE', kind: 'no-service' });
      expect(outcome.message).toMatch(/^No system keychain is running/);
      expect(outcome.reason).toMatch(/D-Bus|DBUS_SESSION_BUS_ADDRESS/);
    }
    expectNoSecrets(result.output);
    // No fallback anywhere: not in the user-data folder, not under HOME (only the empty runtime dir we made).
    expect(readdirSync(userData)).toEqual([]);
    expect(readdirSync(home, { recursive: true })).toEqual(['run']);
    // And not in the keychain this test process can see.
    expect(await remainingEntries(serviceBase, servicesOf(serviceBase, [{ kind: 'production' }]))).toEqual(
      [],
    );
  });

  it('with a locked keyring, every vault operation fails with KEYCHAIN_UNAVAILABLE (no crash), nothing is written, and the data is intact', async () => {
    const serviceBase = testServiceBase();
    const home = tempDir('locked-home');
    const userData = tempDir('locked-userdata');

    // A keyring created with one password, holding an account, a token, an API hash and the probe...
    const seeded = await runWithKeyring('right-password', 'seed', serviceBase, userData, home);
    expect(seeded.code, seeded.output).toBe(0);
    expect(seeded.outcomes).toEqual([
      { op: 'accounts.save', outcome: 'ok' },
      { op: 'tokens.add', outcome: 'ok' },
      { op: 'api.set', outcome: 'ok' },
      { op: 'accounts.list', outcome: 'ok', count: 1 },
    ]);
    const keyringFiles = snapshot(join(home, 'data'));
    expect(Object.keys(keyringFiles)).toContain(join('keyrings', 'login.keyring'));

    // ...then a session whose daemon is given another password: the login collection stays locked.
    const locked = await runWithKeyring('wrong-password', 'try', serviceBase, userData, home);

    // keytar's findCredentials would have killed the process (SIGSEGV) on the locked items.
    expect({ code: locked.code, signal: locked.signal }, locked.output).toEqual({ code: 0, signal: null });
    expect(locked.outcomes.map((o) => o.op)).toEqual(TRY_OPS);
    for (const outcome of locked.outcomes) {
      expect(outcome, outcome.op).toMatchObject({ outcome: 'KEYCHAIN_UNAVAILABLE', kind: 'locked' });
      expect(outcome.message).toMatch(/^The system keychain is locked/);
      expect(outcome.reason).toBe('Cannot create an item in a locked collection');
    }
    expectNoSecrets(locked.output);
    expect(snapshot(join(home, 'data'))).toEqual(keyringFiles);
    expect(readdirSync(userData)).toEqual([]);

    // The right password again: everything seeded is still there, so "locked" was not "empty".
    const unlocked = await runWithKeyring('right-password', 'check', serviceBase, userData, home);
    expect(unlocked.outcomes).toEqual([
      { op: 'accounts.list', outcome: 'ok', count: 1 },
      { op: 'tokens.list', outcome: 'ok', count: 1 },
      { op: 'api.get', outcome: 'ok', count: 1 },
    ]);
    expect(CHILD_ACCOUNT.userId).toBe('777000111');
  });
});
