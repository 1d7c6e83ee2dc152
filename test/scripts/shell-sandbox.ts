import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const BASH = '/bin/bash';

export interface ScriptRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A made-up machine for the project's shell scripts: a PATH of one folder that holds only the tools a
 * test gives it, real ones linked in and fake ones written as small scripts (each fake appends its
 * arguments to calls.log), so a test decides what the machine has without touching the real one.
 */
export class FakeMachine {
  readonly dir = mkdtempSync(join(tmpdir(), 'switchboard-machine-'));
  readonly bin = join(this.dir, 'bin');

  constructor(realTools: readonly string[]) {
    mkdirSync(this.bin);
    for (const tool of realTools) this.link(tool);
  }

  /** Links the real `tool` (found on this process's PATH, or `target`) into the machine. */
  link(tool: string, target?: string): this {
    const real = target ?? which(tool);
    if (real === null) throw new Error(`${tool} is not on this machine's PATH`);
    symlinkSync(real, join(this.bin, tool));
    return this;
  }

  /** A fake `tool`: logs its arguments, then runs `body` (sh), exit 0 by default. */
  fake(tool: string, body = 'exit 0'): this {
    const path = join(this.bin, tool);
    writeFileSync(path, `#!${BASH}\necho "${tool} $*" >> "${this.dir}/calls.log"\n${body}\n`);
    chmodSync(path, 0o755);
    return this;
  }

  /** The commands the fakes saw, one line each ("apt-get install -y ..."). */
  calls(): string[] {
    const result = spawnSync('cat', [join(this.dir, 'calls.log')], { encoding: 'utf8' });
    return result.status === 0 ? result.stdout.trim().split('\n') : [];
  }

  run(script: string, args: readonly string[], env: Record<string, string> = {}): ScriptRun {
    const result = spawnSync(BASH, [join(ROOT, script), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: this.bin, HOME: this.dir, ...env },
      timeout: 20_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function which(tool: string): string | null {
  const result = spawnSync(BASH, ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  const path = result.stdout.trim();
  return result.status === 0 && path.startsWith('/') ? path : null;
}
