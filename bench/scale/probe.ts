import { createTelegramGateway } from '../../main/telegram/create-gateway.ts';
import type { TelegramGateway } from '../../main/telegram/gateway.ts';
import {
  constants,
  monitorEventLoopDelay,
  PerformanceObserver,
  type IntervalHistogram,
} from 'node:perf_hooks';

/** How often the drift probe asks to run; its lateness is a stall of at least that much. */
const DRIFT_PROBE_MS = 5;

export interface StallFigures {
  /** The longest event-loop delay either probe saw, in ms. */
  readonly worstMs: number;
  /** p99 of monitorEventLoopDelay's samples, in ms. */
  readonly p99Ms: number;
  /** The longest lateness of a 5 ms setInterval, in ms (a second opinion on worstMs). */
  readonly worstDriftMs: number;
  /** When that lateness ended, in ms since start(): to tell which part of a phase stalled. */
  readonly worstDriftAtMs: number;
  /**
   * This thread's CPU time over that same late interval, in ms: close to the lateness when our code ran
   * all along, far below it when the thread was waiting for a core (the OS ran other threads).
   */
  readonly worstDriftCpuMs: number;
  /** The longest garbage collection pause of this thread, in ms, and when it began (ms since start()). */
  readonly worstGcMs: number;
  readonly worstGcAtMs: number;
  /** Its kind: 'minor' (scavenge), 'major' (mark-compact), 'incremental' (a marking step) or 'weak'. */
  readonly worstGcKind: string;
}

/**
 * Watches this process's event loop: perf_hooks' monitorEventLoopDelay at 1 ms resolution, and a
 * setInterval whose lateness is measured directly (it also sees a stall at the very end of a phase).
 */
export class StallProbe {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 1 });
  private timer: NodeJS.Timeout | undefined;
  private worstDrift = 0;
  private worstDriftAt = 0;
  private worstDriftCpu = 0;
  private worstGc = { ms: 0, atMs: 0, kind: '' };
  private gcObserver: PerformanceObserver | undefined;

  start(): void {
    this.histogram.reset();
    this.histogram.enable();
    this.worstDrift = 0;
    this.worstDriftAt = 0;
    this.worstDriftCpu = 0;
    const started = performance.now();
    let last = started;
    let lastCpu = threadCpuMs();
    this.worstGc = { ms: 0, atMs: 0, kind: '' };
    this.gcObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.duration > this.worstGc.ms)
          this.worstGc = { ms: entry.duration, atMs: entry.startTime - started, kind: gcKindOf(entry) };
      }
    });
    this.gcObserver.observe({ entryTypes: ['gc'] });
    this.timer = setInterval(() => {
      const now = performance.now();
      const cpu = threadCpuMs();
      if (now - last - DRIFT_PROBE_MS > this.worstDrift) {
        this.worstDrift = now - last - DRIFT_PROBE_MS;
        this.worstDriftAt = now - started;
        this.worstDriftCpu = cpu - lastCpu;
      }
      last = now;
      lastCpu = cpu;
    }, DRIFT_PROBE_MS);
  }

  /** Stops watching; waits a few probe periods first, so a stall at the very end is recorded. */
  async stop(): Promise<StallFigures> {
    await new Promise((resolve) => setTimeout(resolve, 4 * DRIFT_PROBE_MS));
    clearInterval(this.timer);
    this.gcObserver?.disconnect();
    this.histogram.disable();
    const worstDriftMs = Math.max(0, this.worstDrift);
    return {
      worstMs: Math.max(this.histogram.max / 1e6, worstDriftMs),
      p99Ms: this.histogram.percentile(99) / 1e6,
      worstDriftMs,
      worstDriftAtMs: this.worstDriftAt,
      worstDriftCpuMs: this.worstDriftCpu,
      worstGcMs: this.worstGc.ms,
      worstGcAtMs: this.worstGc.atMs,
      worstGcKind: this.worstGc.kind,
    };
  }
}

/** A gc entry's kind, from the `detail` Node adds to it (not in this version's types). */
function gcKindOf(entry: object): string {
  const detail = 'detail' in entry ? entry.detail : undefined;
  const kind = (detail as { kind?: number } | undefined)?.kind;
  switch (kind) {
    case constants.NODE_PERFORMANCE_GC_MINOR:
      return 'minor';
    case constants.NODE_PERFORMANCE_GC_MAJOR:
      return 'major';
    case constants.NODE_PERFORMANCE_GC_INCREMENTAL:
      return 'incremental';
    case constants.NODE_PERFORMANCE_GC_WEAKCB:
      return 'weak';
    default:
      return 'unknown';
  }
}

/** CPU (user + system) this thread used so far, in ms. */
function threadCpuMs(): number {
  const usage = process.threadCpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** CPU (user + system) this process used so far, in ms. */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Runs the garbage collector when the process has one exposed (--expose-gc), a few times, then waits. */
export async function settleMemory(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The process's memory after a full collection everywhere; the heaps and external memory of all threads. */
export interface Memory {
  readonly rssMiB: number;
  readonly heapMiB: number;
  readonly externalMiB: number;
}

export function rssMiB(): number {
  return process.memoryUsage.rss() / 2 ** 20;
}

/** Where the sandbox process listens, passed to each phase's process in SCALE_SANDBOX. */
export interface SandboxInfo {
  readonly pid: number;
  readonly dcs: Record<string, number>;
  readonly publicKeyPem: string;
}

export function sandboxFromEnv(): SandboxInfo & { portFor: (dcId: number) => number } {
  const raw = process.env.SCALE_SANDBOX;
  if (raw === undefined) throw new Error('SCALE_SANDBOX is not set: run bench/scale.bench.ts');
  const info = JSON.parse(raw) as SandboxInfo;
  return { ...info, portFor: (dcId) => info.dcs[String(dcId)] ?? 0 };
}

/** A phase's result, one line on standard output for the runner: `SCALE_RESULT <phase> {json}`. */
export function report(phase: string, figures: Record<string, unknown>): void {
  process.stdout.write(`SCALE_RESULT ${phase} ${JSON.stringify(figures)}\n`);
}

/** Runs `task` over `items` with at most `limit` at once. */
export async function inBatches<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** The app's gateway, on this thread, pointed at the run's sandbox, with GramJS's own logging off. */
export function benchGateway(sandbox: ReturnType<typeof sandboxFromEnv>): TelegramGateway {
  return createTelegramGateway({
    profile: { kind: 'sandbox' },
    apiId: 1,
    apiHash: '00000000000000000000000000000000',
    sandbox: { portFor: sandbox.portFor, publicKeyPem: sandbox.publicKeyPem },
    device: {
      deviceModel: 'Switchboard scale bench',
      systemVersion: 'bench',
      appVersion: 'bench',
      langCode: 'en',
      systemLangCode: 'en',
    },
    gramLogLevel: 'none',
    log: () => undefined,
  });
}
