import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './shell-sandbox.ts';

/**
 * The README's first command on a machine where Electron's binary is not there and cannot be fetched:
 * its download mirror is a closed port on 127.0.0.1, its cache an empty folder, and its binary a path
 * that does not exist. start.sh must stop with the one paragraph that says what to do.
 */
const scratch = mkdtempSync(join(tmpdir(), 'switchboard-start-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** A port on 127.0.0.1 that nothing listens on (bound once, then closed). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

function run(command: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', [command], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => {
      resolve({ code, output });
    });
  });
}

describe('scripts/start.sh without Electron', () => {
  it('stops with what failed, how to retry and what runs without Electron, never "Electron uninstall"', async () => {
    const mirror = `http://127.0.0.1:${String(await closedPort())}/`;
    const { code, output } = await run('scripts/start.sh', {
      ELECTRON_MIRROR: mirror,
      electron_config_cache: join(scratch, 'cache'),
      ELECTRON_OVERRIDE_DIST_PATH: join(scratch, 'no-electron-here'),
    });
    const version = (
      JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    expect(code).not.toBe(0);
    expect(output).toContain(`Switchboard could not fetch Electron ${version}`);
    expect(output).toContain(`from ${mirror}`);
    expect(output).toContain('(no connection: ECONNREFUSED)');
    expect(output).toContain('ELECTRON_MIRROR');
    expect(output).toContain('HTTPS_PROXY');
    expect(output).toContain('`npm run demo:browser` runs the same app');
    expect(output).not.toContain('Electron uninstall');
    expect(output).not.toMatch(/^\s+at /m);
  }, 60_000);
});
