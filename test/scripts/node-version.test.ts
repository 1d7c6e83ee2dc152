import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROOT } from './shell-sandbox.ts';

/**
 * Every npm script the README tells a person about works from a plain shell whose `node` is another
 * major than .nvmrc's (the machines here have Node 20; keytar built for 22 crashes in it): each goes
 * through scripts/run.sh, which switches to the project's Node first.
 */
const scripts = z
  .object({ scripts: z.record(z.string(), z.string()) })
  .parse(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))).scripts;
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const wantMajor = readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim();

const plainShell = mkdtempSync(join(tmpdir(), 'switchboard-node20-'));
afterAll(() => {
  rmSync(plainShell, { recursive: true, force: true });
});

describe('the Node that npm scripts run on', () => {
  it('is switched to by every script the README names', () => {
    // Commands, not prose: `npm run x` in backticks, or a line of a code block that starts with npm.
    const named = new Set(
      [...readme.matchAll(/(?:^|`)npm (?:run )?([\w:]+)/gm)].map((match) => match[1] ?? ''),
    );
    for (const word of ['ci', 'install']) named.delete(word);
    expect([...named].sort()).toEqual(expect.arrayContaining(['bench', 'demo', 'demo:browser', 'test']));
    for (const name of named) {
      const script = scripts[name];
      expect(script, `npm run ${name}`).toBeDefined();
      expect(script, `npm run ${name}`).toMatch(/^bash scripts\/(run|test|demo-browser)\.sh\b/);
    }
    expect(readFileSync(join(ROOT, 'scripts/test.sh'), 'utf8')).toContain('. scripts/use-node22.sh');
    for (const wrapper of ['demo-browser.sh', 'start.sh']) {
      expect(readFileSync(join(ROOT, 'scripts', wrapper), 'utf8')).toMatch(/^exec bash "[^\n]*\/run\.sh"/m);
    }
  });

  it(`is Node ${wantMajor} under scripts/run.sh even when the shell's node is Node 20`, () => {
    // A node that says it is 20 and crashes at anything else, as the machine's Node 20 does with keytar.
    const fakeNode = join(plainShell, 'node');
    writeFileSync(fakeNode, '#!/bin/sh\n[ "$1" = --version ] && { echo v20.20.2; exit 0; }\nexit 139\n');
    chmodSync(fakeNode, 0o755);
    const result = spawnSync('bash', ['scripts/run.sh', 'node', '-p', 'process.versions.node'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${plainShell}:${process.env.PATH ?? ''}` },
      timeout: 60_000,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(new RegExp(`^${wantMajor}\\.`));
  });
});
