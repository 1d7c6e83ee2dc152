import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * The GitHub Actions workflows, parsed as YAML and checked for what the project
 * relies on and that a config echo would not show: least-privilege permissions, Node 22 and the test entry
 * point, the release gate right before publishing, the signing key only where it is used, actions pinned by
 * commit.
 */
const ROOT = join(import.meta.dirname, '../..');

const StepSchema = z.looseObject({
  uses: z.string().optional(),
  run: z.string().optional(),
  if: z.string().optional(),
  with: z.record(z.string(), z.unknown()).optional(),
  env: z.record(z.string(), z.string()).optional(),
});
type Step = z.infer<typeof StepSchema>;

const WorkflowSchema = z.looseObject({
  name: z.string(),
  // `on` is a YAML 1.1 boolean in some parsers; the yaml package (YAML 1.2) keeps it a string key.
  on: z.record(z.string(), z.unknown()),
  permissions: z.record(z.string(), z.string()),
  jobs: z.record(
    z.string(),
    z.looseObject({
      'runs-on': z.string(),
      env: z.record(z.string(), z.string()).optional(),
      strategy: z.looseObject({ matrix: z.looseObject({ os: z.array(z.string()) }) }).optional(),
      steps: z.array(StepSchema),
    }),
  ),
});
type Workflow = z.infer<typeof WorkflowSchema>;

function load(path: string): Workflow {
  return WorkflowSchema.parse(parse(readFileSync(join(ROOT, path), 'utf8')));
}

function stepsOf(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs).flatMap((job) => job.steps);
}

/** The one step that uses `action` (any version); fails if there is none or several. */
function action(workflow: Workflow, name: string): Step {
  const found = stepsOf(workflow).filter((step) => step.uses?.split('@')[0] === name);
  expect(found, `${name} in ${workflow.name}`).toHaveLength(1);
  return found[0] ?? {};
}

function expectNode22WithNpmCache(workflow: Workflow): void {
  const setup = action(workflow, 'actions/setup-node');
  expect(String(setup.with?.['node-version'])).toBe('22');
  expect(setup.with?.cache).toBe('npm');
}

function cachedPaths(workflow: Workflow): string[] {
  const cache = action(workflow, 'actions/cache');
  expect(String(cache.with?.key)).toContain("hashFiles('package-lock.json')");
  return String(cache.with?.path)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function runs(workflow: Workflow): string[] {
  return stepsOf(workflow).flatMap((step) => (step.run === undefined ? [] : [step.run]));
}

/** Every action is pinned to a version (a major tag or a commit), never a branch. */
function expectPinnedActions(workflow: Workflow): void {
  for (const step of stepsOf(workflow)) {
    if (step.uses === undefined) continue;
    // A tag can be moved to other code; a commit cannot. The version it was is kept in a comment.
    expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  }
}

describe('.github/workflows/test.yml', () => {
  const workflow = load('.github/workflows/test.yml');

  it('runs on every push and pull request, with read-only permissions', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('runs npm test through .ci/run on Ubuntu with Node 22', () => {
    expect(Object.values(workflow.jobs).map((job) => job['runs-on'])).toEqual(['ubuntu-latest']);
    expectNode22WithNpmCache(workflow);
    expect(runs(workflow)).toContain('bash .ci/run');
    expect(readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim()).toBe('22');
    expect(readFileSync(join(ROOT, '.ci/run'), 'utf8')).toMatch(/^timed npm test$/m);
    expectPinnedActions(workflow);
  });
});

describe('.github/workflows/release.yml', () => {
  const workflow = load('.github/workflows/release.yml');
  const job = Object.values(workflow.jobs)[0];

  it('runs on v* tags only, and may write the release', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v*'] } });
    expect(workflow.permissions).toEqual({ contents: 'write' });
  });

  it('builds on Windows, macOS and Linux with Node 22 and the caches', () => {
    expect(Object.keys(workflow.jobs)).toHaveLength(1);
    expect(job?.['runs-on']).toBe('${{ matrix.os }}');
    expect([...(job?.strategy?.matrix.os ?? [])].sort()).toEqual([
      'macos-latest',
      'ubuntu-latest',
      'windows-latest',
    ]);
    expectNode22WithNpmCache(workflow);
    expect(cachedPaths(workflow)).toEqual(
      expect.arrayContaining(['~/.cache/electron', '~/.cache/electron-builder']),
    );
    expectPinnedActions(workflow);
  });

  it('tests on Linux (the keychain tests) and checks elsewhere before publishing', () => {
    const steps = stepsOf(workflow);
    const onLinux = steps.filter((step) => step.if === "runner.os == 'Linux'").map((s) => s.run);
    const elsewhere = steps.filter((step) => step.if === "runner.os != 'Linux'").map((s) => s.run);
    expect(onLinux[0]).toBe('bash .ci/run');
    expect(elsewhere).toEqual(['bash scripts/install-deps.sh app', 'npm run typecheck', 'npm run build']);
    const publish = steps.find((step) => step.run?.startsWith('npx electron-builder'));
    // Where to publish is electron-builder.yml's `publish` section, not a command-line override.
    expect(publish?.run).toBe('npx electron-builder --publish always');
    expect(publish?.if).toBeUndefined();
  });

  it('runs the release gate on every OS right before electron-builder publishes', () => {
    const runs = stepsOf(workflow).map((step) => step.run);
    const gate = runs.indexOf('npx tsx scripts/check-release.ts');
    expect(gate).toBeGreaterThan(runs.indexOf('bash .ci/run'));
    expect(gate).toBeGreaterThan(runs.indexOf('npm run build'));
    expect(runs[gate + 1]).toBe('npx electron-builder --publish always');
    expect(stepsOf(workflow)[gate]?.if).toBeUndefined();
    // The update signing key reaches the gate only on Linux, and electron-builder never.
    expect(stepsOf(workflow)[gate]?.env?.UPDATE_SIGNING_KEY).toBe(
      "${{ runner.os == 'Linux' && secrets.UPDATE_SIGNING_KEY || '' }}",
    );
    expect(stepsOf(workflow)[gate + 1]?.env).toEqual({ GH_TOKEN: '${{ secrets.GITHUB_TOKEN }}' });
  });

  it('signs the Linux installers after publishing and uploads the signatures to the same release', () => {
    const steps = stepsOf(workflow);
    const sign = steps.at(-1);
    expect(sign?.if).toBe("runner.os == 'Linux'");
    expect(sign?.run).toBe(
      'npx tsx scripts/sign-linux-updates-cli.ts && gh release upload "$GITHUB_REF_NAME" dist/*.sig --clobber',
    );
    expect(sign?.env).toEqual({
      UPDATE_SIGNING_KEY: '${{ secrets.UPDATE_SIGNING_KEY }}',
      GH_TOKEN: '${{ secrets.GITHUB_TOKEN }}',
    });
  });

  it('gives the gate and electron-builder the signing and notarization secrets', () => {
    const env = job?.env ?? {};
    for (const name of ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID', 'WIN_CSC_LINK']) {
      expect(env[name]).toBe(`\${{ secrets.${name} }}`);
    }
    // The mac certificate only on macOS: electron-builder would also try CSC_LINK for Windows signing.
    for (const name of ['CSC_LINK', 'CSC_KEY_PASSWORD']) {
      expect(env[name]).toBe(`\${{ runner.os == 'macOS' && secrets.${name} || '' }}`);
    }
  });
});

describe('pinned actions', () => {
  it.each(['.github/workflows/test.yml', '.github/workflows/release.yml'])(
    '%s names the version each pinned commit is, for the reader and Dependabot',
    (path) => {
      const lines = readFileSync(join(ROOT, path), 'utf8')
        .split('\n')
        .filter((line) => /^\s*(- )?uses:/.test(line));
      expect(lines.length).toBeGreaterThan(2);
      for (const line of lines) expect(line).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    },
  );
});
