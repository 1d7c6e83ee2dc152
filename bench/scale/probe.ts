import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** How often the drift probe asks to run; its lateness is a stall of at least that much. */
const DRIFT_PROBE_MS = 5;

export interface StallFigures {
  /** The longest event-loop delay either probe saw, in ms. */
  readonly worstMs: number;
  /** p99 of monitorEventLoopDelay's samples, in ms. */
  readonly p99Ms: number;
  /** The longest lateness of a 5 ms setInterval, in ms (a second opinion on worstMs). */
  readonly worstDriftMs: number;
}

/**
 * Watches this process's event loop: perf_hooks' monitorEventLoopDelay at 1 ms resolution, and a
 * setInterval whose lateness is measured directly (it also sees a stall at the very end of a phase).
 */
export class StallProbe {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 1 });
  private timer: NodeJS.Timeout | undefined;
  private worstDrift = 0;

  start(): void {
    this.histogram.reset();
    this.histogram.enable();
    this.worstDrift = 0;
    let last = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      this.worstDrift = Math.max(this.worstDrift, now - last - DRIFT_PROBE_MS);
      last = now;
    }, DRIFT_PROBE_MS);
  }

  /** Stops watching; waits a few probe periods first, so a stall at the very end is recorded. */
  async stop(): Promise<StallFigures> {
    await new Promise((resolve) => setTimeout(resolve, 4 * DRIFT_PROBE_MS));
    clearInterval(this.timer);
    this.histogram.disable();
    const worstDriftMs = Math.max(0, this.worstDrift);
    return {
      worstMs: Math.max(this.histogram.max / 1e6, worstDriftMs),
      p99Ms: this.histogram.percentile(99) / 1e6,
      worstDriftMs,
    };
  }
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
