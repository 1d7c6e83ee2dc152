import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Api } from 'telegram';
import { DEMO_WORLD_FILE } from '../../main/app/demo-sandbox.ts';
import type { DemoSandboxRequest } from '../../main/app/demo-sandbox-protocol.ts';
import { startDemoSandboxProcess, type DemoSandboxProcess } from '../../main/app/demo-sandbox-process.ts';
import { nodeDemoSandboxHost } from '../../main/app/node-demo-sandbox-host.ts';
import type { HostHandle } from '../../main/process/host-handle.ts';
import { ClientPool } from '../support/gram-client.ts';

/**
 * The demo's sandbox DC runs in a process of its own (Electron's utility process in the app, a Node child
 * here): a real host, reached by a real GramJS client, saving its world on close and logging when it ends
 * on its own. The last two cases drive the main side with a scripted host for what a real one never sends.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-demo-host-'));
  cleanups.push(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

type LogLine = [string, string];
async function start(dir: string, lines: LogLine[] = []): Promise<DemoSandboxProcess> {
  const sandbox = await startDemoSandboxProcess({
    launch: nodeDemoSandboxHost(),
    dataDir: dir,
    log: (level, message) => lines.push([level, message]),
  });
  cleanups.push(() => sandbox.close());
  return sandbox;
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the demo sandbox host', () => {
  it('serves GramJS from another process, saves its world on close and ends', async () => {
    const dir = dataDir();
    const sandbox = await start(dir);
    expect(sandbox.pid).not.toBe(process.pid);
    expect(sandbox.dcIds.length).toBeGreaterThan(1);

    const pool = new ClientPool(sandbox);
    cleanups.push(() => pool.destroyClients());
    const client = await pool.connected({ dcId: 2 });
    expect((await client.invoke(new Api.help.GetNearestDc())).thisDc).toBe(2);

    await sandbox.close();
    expect(existsSync(join(dir, DEMO_WORLD_FILE))).toBe(true);
    await vi.waitFor(() => {
      expect(isRunning(sandbox.pid)).toBe(false);
    });
  });

  it('comes back with the same server key from the same data folder', async () => {
    const dir = dataDir();
    const first = await start(dir);
    await first.close();
    const second = await start(dir);
    expect(second.publicKeyPem).toBe(first.publicKeyPem);
    expect(second.pid).not.toBe(first.pid);
  });

  it('logs when its process ends on its own, and close() then returns at once', async () => {
    const lines: LogLine[] = [];
    const sandbox = await start(dataDir(), lines);
    process.kill(sandbox.pid, 'SIGKILL');
    await vi.waitFor(() => {
      expect(lines).toContainEqual([
        'error',
        'demo sandbox: its process ended (signal SIGKILL); restart the demo',
      ]);
    });
    await sandbox.close();
  });
});

/** A host that sends what a test scripts, to reach the main side's checks. */
class ScriptedHost extends EventEmitter implements HostHandle<DemoSandboxRequest> {
  readonly sent: DemoSandboxRequest[] = [];
  killed = false;
  send(request: DemoSandboxRequest): void {
    this.sent.push(request);
  }
  onMessage(listener: (message: unknown) => void): void {
    this.on('message', listener);
  }
  onExit(listener: (how: string) => void): void {
    this.once('exit', listener);
  }
  kill(): void {
    this.killed = true;
    this.emit('exit', 'signal SIGKILL');
  }
  setBusy(): void {
    // Nothing keeps this process alive.
  }
}

describe('the main side of the demo sandbox host', () => {
  it('ignores messages outside the protocol and fails a start the host reports as failed', async () => {
    const host = new ScriptedHost();
    const lines: LogLine[] = [];
    const started = startDemoSandboxProcess({
      launch: () => host,
      dataDir: '/nowhere',
      log: (level, message) => lines.push([level, message]),
    });
    expect(host.sent).toEqual([{ kind: 'start', dataDir: '/nowhere' }]);
    host.emit('message', { kind: 'ready', pid: 1, ports: { 2: 'not a port' }, publicKeyPem: 'x' });
    host.emit('message', 'garbage');
    host.emit('message', { kind: 'failed', message: 'EACCES: permission denied' });
    await expect(started).rejects.toThrow('the demo sandbox could not start: EACCES: permission denied');
    expect(lines).toEqual([
      ['warn', 'demo sandbox: ignored a message that does not match its protocol'],
      ['warn', 'demo sandbox: ignored a message that does not match its protocol'],
    ]);
    expect(host.killed).toBe(true);
  });

  it('gives up on a host that never says it is ready', async () => {
    const host = new ScriptedHost();
    const started = startDemoSandboxProcess({
      launch: () => host,
      dataDir: '/nowhere',
      log: () => undefined,
      startTimeoutMs: 50,
    });
    await expect(started).rejects.toThrow('the demo sandbox did not start in time');
    expect(host.killed).toBe(true);
  });
});
