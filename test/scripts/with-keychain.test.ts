import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './shell-sandbox.ts';

/**
 * scripts/with-keychain.sh gives every run a keyring folder of its own (two gnome-keyring daemons on one
 * keyring file lose entries), and keeps a named one across runs. Real dbus, gnome-keyring and secret-tool.
 */
const STORE =
  'printf %s "$1" | secret-tool store --label=switchboard-test service switchboard-test account a';
const LOOKUP = 'secret-tool lookup service switchboard-test account a || echo "(none)"';

function inKeychain(script: string, args: readonly string[] = [], dir?: string): string {
  const options = dir === undefined ? [] : ['--dir', dir];
  const result = spawnSync(
    'bash',
    ['scripts/with-keychain.sh', ...options, 'sh', '-c', `echo "$XDG_DATA_HOME"; ${script}`, 'sh', ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: 20_000 },
  );
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const kept = mkdtempSync(join(tmpdir(), 'switchboard-kept-keyring-'));
afterAll(() => {
  rmSync(kept, { recursive: true, force: true });
});

describe('scripts/with-keychain.sh', () => {
  it('runs each command on a new keyring folder, and deletes it afterwards', () => {
    const [firstHome, stored] = inKeychain(`${STORE}; ${LOOKUP}`, ['first secret']).split('\n');
    expect(stored).toBe('first secret');
    const [secondHome, seen] = inKeychain(LOOKUP).split('\n');
    expect(seen).toBe('(none)');
    expect(secondHome).not.toBe(firstHome);
    for (const home of [firstHome, secondHome]) expect(existsSync(home ?? '')).toBe(false);
  });

  it('keeps a named folder, so the next run on it reads what the last one stored', () => {
    const [home] = inKeychain(STORE, ['kept secret'], kept).split('\n');
    expect(home).toBe(kept);
    expect(readdirSync(join(kept, 'keyrings'))).toContain('login.keyring');
    expect(inKeychain(LOOKUP, [], kept).split('\n')[1]).toBe('kept secret');
    // ...and a run on a folder of its own does not see it.
    expect(inKeychain(LOOKUP).split('\n')[1]).toBe('(none)');
  });
});
