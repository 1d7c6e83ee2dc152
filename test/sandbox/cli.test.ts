import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { Api } from 'telegram';
import { ClientPool } from '../support/gram-client.ts';

const children = new Set<ChildProcess>();

afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

function startCli(args: string[]): { child: ChildProcess; firstLine: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/sandbox/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  if (!child.stdout) throw new Error('no stdout');
  const lines = createInterface({ input: child.stdout });
  const firstLine = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => {
      reject(new Error(`sandbox exited with ${String(code)} before printing its endpoints`));
    });
  });
  return { child, firstLine };
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', resolve));
}

describe('npm run sandbox: the sandbox DC as its own process', () => {
  it('prints its DCs and public key as JSON first; a client in another process logs in to it; SIGTERM stops it', async () => {
    const { child, firstLine } = startCli(['--dcs', '2,4']);
    const endpoints = JSON.parse(await firstLine) as { dcs: Record<string, number>; publicKeyPem: string };
    expect(Object.keys(endpoints.dcs)).toEqual(['2', '4']);
    expect(endpoints.publicKeyPem).toContain('BEGIN RSA PUBLIC KEY');

    const pool = new ClientPool({
      portFor: (dcId) => {
        const port = endpoints.dcs[String(dcId)];
        if (port === undefined) throw new Error(`no DC ${dcId}`);
        return port;
      },
      publicKeyPem: endpoints.publicKeyPem,
    });
    try {
      const client = await pool.connected({ dcId: 4 });
      const config = await client.invoke(new Api.help.GetConfig());
      expect(config.thisDc).toBe(4);
      expect(config.dcOptions.find((o) => o.id === 2 && !o.ipv6)?.port).toBe(endpoints.dcs['2']);
    } finally {
      await pool.destroyClients();
    }

    const exited = exitCode(child);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses bad arguments with exit code 2 and a message', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/sandbox/cli.ts', '--dcs', 'two'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exitCode(child)).toBe(2);
    expect(stderr).toContain('--dcs must list DC ids');
  });
});
