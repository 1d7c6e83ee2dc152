import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { deleteServices, servicesOf } from '../test/support/keychain.ts';
import { processCpuMs, processRssMiB } from './proc-usage.ts';
import type { Memory, SandboxInfo } from './scale/probe.ts';
import { LOGINS, PASSWORD_CHECKS, RESTORED, scaleWorld } from './scale/world.ts';

/**
 * `npm run bench:scale` (and part of `npm run bench`): issue 6's scale figures in one table.
 * The sandbox DC runs in its own process; each phase runs in a fresh process of its own, so no phase's
 * stalls, CPU or memory count in another's:
 * (a) LOGINS new logins at once through the app's main-process services, and the same logins by a plain
 *     GramJS script with stock settings, in the same run;
 * (b) start-up restore of RESTORED accounts stored in the real keychain (signed in first, not measured);
 * (c) PASSWORD_CHECKS 2FA checks at once;
 * (d) an idle hour compressed: pings, and outages where the sandbox drops every connection;
 * and the renderer's figures from bench/board-render.bench.ts (Chromium, 200 active cards), whose JSON
 * line it reads (needs `npm run build` first; SCALE_BOARD=0 leaves it out).
 * Needs the keychain (scripts/with-keychain.sh). Prints figures; fails only if a scenario does not happen.
 */
type Figures = Record<string, unknown>;

const PHASES = (process.env.SCALE_PHASES ?? 'stock,appLogins,handshakes,restore,board').split(',');

interface SandboxProcess extends SandboxInfo {
  stop(): Promise<void>;
}

async function startSandbox(worldFile: string): Promise<SandboxProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/sandbox/cli.ts', '--dcs', '1,2', '--world', worldFile],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Its stderr reports each drop; only failures are worth showing.
  child.stderr.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    if (!/^(Sandbox DC|Try phone|dropped \d+ connections)/m.test(text)) process.stderr.write(text);
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', () => {
      reject(new Error('the sandbox exited early'));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the sandbox has no pid');
  const endpoints = JSON.parse(line) as Omit<SandboxInfo, 'pid'>;
  return {
    pid,
    ...endpoints,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Runs one phase's script in its own process and returns the figures of its SCALE_RESULT line. */
async function runPhase(
  script: string,
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
  scriptArgs: readonly string[] = [],
): Promise<Figures> {
  // SCALE_CPU_PROF=DIR: each phase writes a V8 CPU profile there (for finding what stalls).
  const profile = process.env.SCALE_CPU_PROF;
  const profiling = profile === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', profile];
  const child = spawn(
    process.execPath,
    [...nodeArgs, ...profiling, '--import', 'tsx', script, ...scriptArgs],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    },
  );
  let figures: Figures | undefined;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const match = /^SCALE_RESULT \w+ (.*)$/.exec(line) ?? /^BOARD_BENCH (.*)$/.exec(line);
    if (match?.[1] !== undefined) figures = JSON.parse(match[1]) as Figures;
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0 || figures === undefined) throw new Error(`${script} failed (exit code ${String(code)})`);
  return figures;
}

const num = (figures: Figures | undefined, key: string): number => {
  const value = figures?.[key];
  return typeof value === 'number' ? value : Number.NaN;
};
const ms = (value: number): string => (Number.isNaN(value) ? '-' : `${value.toFixed(value < 10 ? 1 : 0)} ms`);
const s = (value: number): string => (Number.isNaN(value) ? '-' : `${(value / 1000).toFixed(1)} s`);
const mib = (value: number): string => (Number.isNaN(value) ? '-' : `${value.toFixed(2)} MiB`);

interface Row {
  readonly what: string;
  readonly ours: string;
  readonly stock?: string;
  readonly target?: string;
}

function printTable(title: string, rows: readonly Row[]): void {
  const header: Row = { what: '', ours: 'Switchboard', stock: 'stock GramJS', target: 'target' };
  const all = [header, ...rows];
  const w = (pick: (r: Row) => string | undefined) => Math.max(...all.map((r) => (pick(r) ?? '').length));
  const [a, b, c] = [w((r) => r.what), w((r) => r.ours), w((r) => r.stock)];
  console.log(title);
  for (const r of all) {
    console.log(
      `  ${r.what.padEnd(a)}  ${r.ours.padStart(b)}  ${(r.stock ?? '').padStart(c)}  ${r.target ?? ''}`.trimEnd(),
    );
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-scale-'));
  const worldFile = join(dir, 'world.json');
  writeFileSync(worldFile, JSON.stringify(scaleWorld()));
  const sandbox = await startSandbox(worldFile);
  const serviceBase = `Switchboard scale ${randomBytes(6).toString('hex')}`;
  const env = {
    SCALE_SANDBOX: JSON.stringify({ pid: sandbox.pid, dcs: sandbox.dcs, publicKeyPem: sandbox.publicKeyPem }),
    SCALE_SERVICE_BASE: serviceBase,
  };
  const results: Record<string, Figures> = {};
  const sandboxCpu: Record<string, number> = {};
  const phase = async (name: string, run: () => Promise<Figures>): Promise<void> => {
    const partOf: Record<string, string> = { seed: 'restore', stockHandshakes: 'handshakes' };
    if (!PHASES.includes(name) && !PHASES.includes(partOf[name] ?? name)) return;
    process.stderr.write(`scale bench: ${name}...\n`);
    const before = processCpuMs(sandbox.pid);
    results[name] = await run();
    sandboxCpu[name] = processCpuMs(sandbox.pid) - before;
  };
  try {
    await phase('stock', () => runPhase('bench/scale/stock-logins.ts', env));
    await phase('appLogins', () => runPhase('bench/scale/app-logins.ts', env));
    await phase('handshakes', () => runPhase('bench/scale/handshakes.ts', env, [], ['ours']));
    await phase('stockHandshakes', () => runPhase('bench/scale/handshakes.ts', env, [], ['stock']));
    await phase('seed', () => runPhase('bench/scale/seed-accounts.ts', env));
    await phase('restore', () => runPhase('bench/scale/restore.ts', env, ['--expose-gc']));
    await phase('board', () => runPhase('bench/board-render.bench.ts', {}));
  } finally {
    await deleteServices(serviceBase, servicesOf(serviceBase, [{ kind: 'sandbox' }]));
    const sandboxRss = processRssMiB(sandbox.pid);
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`scale bench: sandbox RSS at the end ${sandboxRss.toFixed(0)} MiB\n`);
  }

  const stock = results.stock;
  const app = results.appLogins;
  const restore = results.restore;
  const board = results.board;
  const drops = (restore?.drops ?? []) as { backMs: number; worstStallMs: number; memory?: Memory }[];
  const memories = [restore?.memoryRestored, restore?.memoryAfterIdle, ...drops.map((d) => d.memory)] as (
    Memory | undefined
  )[];
  // The first outages raise the allocators' high-water mark; a leak would keep growing after them.
  const settledGrowth = (): string => {
    const rss = drops.map((d) => d.memory?.rssMiB ?? Number.NaN);
    const from = rss[Math.floor(rss.length / 2) - 1];
    const to = rss.at(-1);
    if (rss.length < 2 || from === undefined || to === undefined) return '-';
    return `${(to - from).toFixed(1)} MiB over ${String(rss.length - Math.floor(rss.length / 2))}`;
  };
  const memoryRow = (pick: (memory: Memory) => number): string =>
    `${memories.map((memory) => (memory ? pick(memory).toFixed(0) : '-')).join(' / ')} MiB`;
  const worstOf = (values: number[]): number => (values.length === 0 ? Number.NaN : Math.max(...values));
  const idleS = num(restore, 'idleSeconds');
  const frameStart = board?.keyToFrameStartMs as { p95?: number; withinOneFrame?: number } | undefined;
  const frameCallback = board?.keyToFrameCallbackMs as { p95?: number } | undefined;
  const rows: Row[] = [
    { what: `(a) ${String(LOGINS)} new logins at once (handshake, send code, sign in)`, ours: '' },
    {
      what: '    wall time to all signed in',
      ours: s(num(app, 'wallMs')),
      stock: s(num(stock, 'wallMs')),
      target: `stock/ours = ${(num(stock, 'wallMs') / num(app, 'wallMs')).toFixed(1)}x (several x)`,
    },
    {
      what: '    CPU per login (process owning the clients)',
      ours: ms(num(app, 'cpuPerLoginMs')),
      stock: ms(num(stock, 'cpuPerLoginMs')),
      target: 'handshake <= 20 ms',
    },
    {
      what: `    CPU per handshake alone (${String(num(results.handshakes, 'handshakes'))} connects at once)`,
      ours: ms(num(results.handshakes, 'cpuPerHandshakeMs')),
      stock: ms(num(results.stockHandshakes, 'cpuPerHandshakeMs')),
      target: '<= 20 ms',
    },
    {
      what: '    worst main event-loop stall',
      ours: ms(num(app, 'worstStallMs')),
      stock: ms(num(stock, 'worstStallMs')),
      target: '<= 50 ms',
    },
    {
      what: '    p99 event-loop delay',
      ours: ms(num(app, 'p99DelayMs')),
      stock: ms(num(stock, 'p99DelayMs')),
    },
    {
      what: '    sandbox CPU (its own process)',
      ours: ms(sandboxCpu.appLogins ?? Number.NaN),
      stock: ms(sandboxCpu.stock ?? Number.NaN),
    },
    {
      what: `(b) start-up restore of ${String(restore === undefined ? RESTORED : num(restore, 'accounts'))} stored accounts`,
      ours: '',
    },
    {
      what: '    wall time to all online and checked',
      ours: s(num(restore, 'restoreMs')),
      target: '<= 30 s',
    },
    {
      what: '    resident memory per account',
      ours: mib(num(restore, 'rssPerAccountMiB')),
      target: '<= 1.5 MB',
    },
    {
      what: '    worst main event-loop stall',
      ours: ms(num(restore, 'restoreWorstStallMs')),
      target: '<= 50 ms',
    },
    { what: '    CPU per account', ours: ms(num(restore, 'restoreCpuMs') / num(restore, 'accounts')) },
    { what: `(c) ${String(PASSWORD_CHECKS)} 2FA checks at once`, ours: '' },
    { what: '    wall time to all signed in', ours: s(num(app, 'passwordWallMs')) },
    {
      what: '    worst main event-loop stall',
      ours: ms(num(app, 'passwordWorstStallMs')),
      target: '<= 50 ms',
    },
    { what: `(d) idle hour compressed, ${String(RESTORED)} accounts connected`, ours: '' },
    {
      what: `    idle (pings every 9 s), ${String(idleS)} s: CPU, as share of one core`,
      ours: `${((num(restore, 'idleCpuMs') / (idleS * 1000)) * 100).toFixed(1)} %`,
    },
    {
      what: '    idle: worst main event-loop stall',
      ours: ms(num(restore, 'idleWorstStallMs')),
      target: '<= 50 ms',
    },
    {
      what: `    ${String(drops.length)} outages (all connections dropped): all back within`,
      ours: s(worstOf(drops.map((d) => d.backMs))),
    },
    {
      what: '    outages: worst main event-loop stall',
      ours: ms(worstOf(drops.map((d) => d.worstStallMs))),
      target: '<= 50 ms',
    },
    {
      what: '    RSS after restore / idle / each outage',
      ours: memoryRow((memory) => memory.rssMiB),
      target: 'flat',
    },
    {
      what: '    RSS change over the second half of the outages',
      ours: settledGrowth(),
      target: 'flat',
    },
    {
      what: '    JS heaps (main + workers), same readings',
      ours: memoryRow((memory) => memory.heapMiB),
    },
    {
      what: '    external memory (Buffers, all threads), same readings',
      ours: memoryRow((memory) => memory.externalMiB),
    },
    { what: 'Renderer, Chromium, 200 active cards with live countdowns', ours: '' },
    {
      what: '    keystroke: keydown -> begin of the frame showing it, p95',
      ours: ms(frameStart?.p95 ?? Number.NaN),
      target: '<= 16.7 ms (one frame)',
    },
    {
      what: '    keystrokes shown in the first frame',
      ours:
        frameStart?.withinOneFrame === undefined ? '-' : `${(frameStart.withinOneFrame * 100).toFixed(0)} %`,
    },
    { what: '    keydown -> frame callback, p95', ours: ms(frameCallback?.p95 ?? Number.NaN) },
    { what: '    idle React commits per second', ours: num(board, 'commitsPerSecond').toFixed(0) },
    { what: '    cards re-rendered per keystroke', ours: num(board, 'cardsPerKeystroke').toFixed(2) },
  ];
  printTable('Scale benchmark (2 cores; sandbox DC in its own process; each phase in its own process)', rows);
  console.log(`SCALE_BENCH ${JSON.stringify({ ...results, sandboxCpuMs: sandboxCpu })}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
