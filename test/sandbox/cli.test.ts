import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { Api, errors } from 'telegram';
import { ClientPool, TEST_API_HASH, TEST_API_ID } from '../support/gram-client.ts';

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
    const { child, firstLine } = startCli(['--dcs', '2,4', '--world', 'main/sandbox/worlds/demo.json']);
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
      // The demo world's 2FA account exists there: its sign-in asks for the password.
      const sent = await client.invoke(
        new Api.auth.SendCode({
          phoneNumber: '+99966 2 0002',
          apiId: TEST_API_ID,
          apiHash: TEST_API_HASH,
          settings: new Api.CodeSettings({}),
        }),
      );
      if (!(sent instanceof Api.auth.SentCode)) throw new Error('expected a code to be sent');
      const signIn = await client
        .invoke(
          new Api.auth.SignIn({
            phoneNumber: '+99966 2 0002',
            phoneCodeHash: sent.phoneCodeHash,
            phoneCode: '22222',
          }),
        )
        .catch((e: unknown) => e);
      expect((signIn as errors.RPCError).errorMessage).toBe('SESSION_PASSWORD_NEEDED');
    } finally {
      await pool.destroyClients();
    }

    const exited = exitCode(child);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('drops every open connection on SIGUSR2 and keeps listening', async () => {
    const { child, firstLine } = startCli(['--dcs', '1,2']);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const endpoints = JSON.parse(await firstLine) as { dcs: Record<string, number> };
    const open = (port: number | undefined) =>
      new Promise<ReturnType<typeof connect>>((resolve, reject) => {
        const socket = connect(port ?? 0, '127.0.0.1', () => {
          resolve(socket);
        });
        socket.once('error', reject);
      });
    const sockets = [await open(endpoints.dcs['1']), await open(endpoints.dcs['2'])];
    let stillOpen = 2;
    const closed = sockets.map(
      (socket) =>
        new Promise<void>((resolve) =>
          socket.once('close', () => {
            stillOpen--;
            resolve();
          }),
        ),
    );
    // The server may not have accepted the sockets yet when the first signal comes: signal until both close.
    while (stillOpen > 0) {
      child.kill('SIGUSR2');
      await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, 100))]);
    }
    await expect.poll(() => stderr, { timeout: 10_000 }).toMatch(/dropped [12] connections/);
    const again = await open(endpoints.dcs['2']);
    again.destroy();
  });

  it('refuses a world file with a bad account, naming the bad value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-world-'));
    const file = join(dir, 'world.json');
    writeFileSync(file, JSON.stringify({ accounts: [{ phone: '+999 66 2 7777', code: 'abc' }] }));
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/sandbox/cli.ts', '--world', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exitCode(child)).toBe(2);
    expect(stderr).toContain('code');
    rmSync(dir, { recursive: true });
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
