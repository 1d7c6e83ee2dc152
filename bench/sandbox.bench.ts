import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Api } from 'telegram';
import { ClientPool } from '../test/support/gram-client.ts';
import { rawHandshake } from '../test/support/raw-mtproto.ts';
import { processCpuMs, processRssMiB } from './proc-usage.ts';

/**
 * `npm run bench:sandbox`: what the sandbox DC itself costs, measured in its own process, so that the app's
 * benchmarks know the server is never their bottleneck. Handshakes come from a lean native client (its
 * cost is not the point here); RPCs from a real GramJS client. GramJS's own handshake cost is measured in
 * this process for comparison.
 */
const HANDSHAKES = 300;
const HANDSHAKE_CONCURRENCY = 4;
const RPCS = 3000;
const RPC_CONCURRENCY = 32;
const GRAMJS_HANDSHAKES = 10;

interface Endpoints {
  readonly dcs: Record<string, number>;
  readonly publicKeyPem: string;
}

async function startServer(): Promise<{ pid: number; endpoints: Endpoints; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/sandbox/cli.ts', '--dcs', '1,2'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the sandbox process');
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', () => {
      reject(new Error('the sandbox exited early'));
    });
  });
  return {
    pid,
    endpoints: JSON.parse(line) as Endpoints,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

async function inParallel(total: number, concurrency: number, task: () => Promise<void>): Promise<void> {
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < total) {
      started++;
      await task();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function measure(pid: number, run: () => Promise<void>): Promise<{ cpuMs: number; wallMs: number }> {
  const cpuBefore = processCpuMs(pid);
  const start = performance.now();
  await run();
  return { cpuMs: processCpuMs(pid) - cpuBefore, wallMs: performance.now() - start };
}

async function main(): Promise<void> {
  const server = await startServer();
  const port = server.endpoints.dcs['2'] ?? 0;
  const portFor = (dcId: number): number => server.endpoints.dcs[String(dcId)] ?? 0;
  const pool = new ClientPool({ portFor, publicKeyPem: server.endpoints.publicKeyPem });
  try {
    // Warm-up: JIT, OpenSSL contexts, the DH engine.
    for (let i = 0; i < 10; i++)
      (await rawHandshake(port, server.endpoints.publicKeyPem)).connection.socket.destroy();

    const handshakes = await measure(server.pid, () =>
      inParallel(HANDSHAKES, HANDSHAKE_CONCURRENCY, async () => {
        (await rawHandshake(port, server.endpoints.publicKeyPem)).connection.socket.destroy();
      }),
    );

    const client = await pool.connected({ dcId: 2 });
    for (let i = 0; i < 50; i++) await client.invoke(new Api.help.GetNearestDc());
    const rpcs = await measure(server.pid, () =>
      inParallel(RPCS, RPC_CONCURRENCY, async () => {
        await client.invoke(new Api.help.GetNearestDc());
      }),
    );

    const gramCpuBefore = process.cpuUsage();
    const serverBefore = processCpuMs(server.pid);
    for (let i = 0; i < GRAMJS_HANDSHAKES; i++) await pool.connected({ dcId: 1 });
    const gramCpu = process.cpuUsage(gramCpuBefore);
    const gramServerMs = processCpuMs(server.pid) - serverBefore;
    const gramClientMsPerHandshake = (gramCpu.user + gramCpu.system) / 1000 / GRAMJS_HANDSHAKES;

    const rows: [string, string][] = [
      [
        'server CPU per handshake',
        `${(handshakes.cpuMs / HANDSHAKES).toFixed(2)} ms (${HANDSHAKES} handshakes)`,
      ],
      ['handshakes per second (wall)', ((HANDSHAKES * 1000) / handshakes.wallMs).toFixed(0)],
      ['server CPU per RPC', `${((rpcs.cpuMs * 1000) / RPCS).toFixed(0)} µs (${RPCS} help.getNearestDc)`],
      ['RPCs per second (wall, one GramJS client)', ((RPCS * 1000) / rpcs.wallMs).toFixed(0)],
      [
        'GramJS client CPU per connect (handshake + getConfig)',
        `${gramClientMsPerHandshake.toFixed(0)} ms (server side: ${(gramServerMs / GRAMJS_HANDSHAKES).toFixed(2)} ms)`,
      ],
      ['server resident memory', `${processRssMiB(server.pid).toFixed(0)} MiB`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log('Sandbox DC cost (server in its own process; CPU from /proc, 10 ms tick resolution)');
    for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  } finally {
    await pool.destroyClients();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
