import { DEFAULT_SESSION_CHECK_MS } from '../../main/accounts/account-manager.ts';
import { AppSession } from './app-session.ts';
import { RESTORED } from './world.ts';
import { cpuMs, report, rssMiB, sandboxFromEnv, settleMemory, StallProbe, type Memory } from './probe.ts';

/**
 * Phases (b) and (d) in the app, in a process of their own (run with --expose-gc) so its memory is the
 * accounts' alone:
 * (b) start-up restore of the stored accounts the seed stored in the keychain: switching to the sandbox
 *     profile reads the keychain, connects every account and checks it (users.getUsers), until all are
 *     online. Resident memory per account is the RSS growth after garbage collection, over their number.
 * (d) an idle hour, compressed: IDLE_S seconds of idle (GramJS pings every client every 9 s), then
 *     DROPS outages where the sandbox drops every connection (SIGUSR2) and every account has to come
 *     back on its own; memory after them against memory before.
 */
const IDLE_S = Number(process.env.SCALE_IDLE_S ?? 30);
/**
 * How often AccountManager checks each session again: the app's period by default (no check falls in
 * this phase); SCALE_SESSION_CHECKS=hour puts an hour's checks into the idle seconds, to measure their
 * cost (the idle figures then are no longer those of an idle app).
 */
const SESSION_CHECK_MS =
  process.env.SCALE_SESSION_CHECKS === 'hour'
    ? (DEFAULT_SESSION_CHECK_MS * IDLE_S) / 3600
    : DEFAULT_SESSION_CHECK_MS;
/** Enough outages to tell a high-water mark (growth that stops) from a leak (growth at every outage). */
const DROPS = Number(process.env.SCALE_DROPS ?? 10);
/** A reconnect that takes longer than this counts as not back (it fails the phase). */
const BACK_WITHIN_MS = 120_000;

async function memoryNow(session: AppSession): Promise<Memory> {
  const workers = await session.collectWorkerGarbage();
  await settleMemory();
  const own = process.memoryUsage();
  return {
    rssMiB: rssMiB(),
    heapMiB: own.heapUsed / 2 ** 20 + workers.heapMiB,
    externalMiB: own.external / 2 ** 20 + workers.externalMiB,
  };
}

async function main(): Promise<void> {
  const sandbox = sandboxFromEnv();
  const serviceBase = process.env.SCALE_SERVICE_BASE;
  if (serviceBase === undefined) throw new Error('SCALE_SERVICE_BASE is not set');
  const session = await AppSession.open(sandbox, serviceBase, { sessionCheckMs: SESSION_CHECK_MS });
  try {
    const before = await memoryNow(session);

    // (b) The restore: the profile switch restores; all are checked once every one is online.
    const probe = new StallProbe();
    probe.start();
    const cpuBefore = cpuMs();
    const start = performance.now();
    await session.call('settings:setServerProfile', { profile: { kind: 'sandbox' } });
    const switchedMs = performance.now() - start;
    // The switch returns once every restore has connected and checked (or failed) its account; the
    // window hears of the last ones with the next account list (sent at most every 100 ms).
    const allOnline = (): boolean =>
      session.accounts.length > 0 && session.countStatus('online') === session.accounts.length;
    await Promise.race([session.until(allOnline), new Promise((resolve) => setTimeout(resolve, 2_000))]);
    const stored = session.accounts.length;
    if (!allOnline()) {
      throw new Error(
        `${String(session.countStatus('online'))} of ${String(stored)} restored accounts online`,
      );
    }
    const restoreMs = performance.now() - start;
    const restoreCpu = cpuMs() - cpuBefore;
    const restoreEvents = session.accountEvents;
    const restored = await probe.stop();
    const firstListMs = (session.firstAccountsEventAt ?? Number.NaN) - start;
    const restoredMemory = await memoryNow(session);

    // (d) Idle: pings only.
    probe.start();
    const idleCpuBefore = cpuMs();
    await new Promise((resolve) => setTimeout(resolve, IDLE_S * 1000));
    const idleCpu = cpuMs() - idleCpuBefore;
    const idle = await probe.stop();
    const stillOnline = session.countStatus('online');
    const afterIdle = await memoryNow(session);

    // (d) Outages: every connection dropped at once, every account back on its own.
    const drops: { backMs: number; worstStallMs: number; cpuMs: number; online: number; memory: Memory }[] =
      [];
    for (let i = 0; i < DROPS; i++) {
      probe.start();
      const dropCpu = cpuMs();
      const droppedAt = performance.now();
      process.kill(sandbox.pid, 'SIGUSR2');
      let sawDrop = false;
      const timeout = setTimeout(() => {
        sawDrop = true;
      }, BACK_WITHIN_MS);
      await session.until(() => {
        if (session.countStatus('online') < stored) sawDrop = true;
        return sawDrop && session.countStatus('online') === stored;
      });
      clearTimeout(timeout);
      const backMs = performance.now() - droppedAt;
      const cpu = cpuMs() - dropCpu;
      const stall = await probe.stop();
      const online = session.countStatus('online');
      // Let the reconnected clients settle before the next outage; memory is read after each, so growth
      // shows as a step (a high-water mark) or as a slope (a leak).
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      drops.push({
        backMs,
        worstStallMs: stall.worstMs,
        cpuMs: cpu,
        online,
        memory: await memoryNow(session),
      });
    }

    report('restore', {
      accounts: stored,
      expected: RESTORED,
      restoreMs,
      switchCallMs: switchedMs,
      restoreCpuMs: restoreCpu,
      restoreWorstStallMs: restored.worstMs,
      restoreWorstStallAtMs: restored.worstDriftAtMs,
      restoreWorstStallCpuMs: restored.worstDriftCpuMs,
      restoreWorstGcMs: restored.worstGcMs,
      restoreWorstGcAtMs: restored.worstGcAtMs,
      restoreFirstListMs: firstListMs,
      restoreP99DelayMs: restored.p99Ms,
      accountEvents: restoreEvents,
      rssBeforeMiB: before.rssMiB,
      rssRestoredMiB: restoredMemory.rssMiB,
      rssPerAccountMiB: (restoredMemory.rssMiB - before.rssMiB) / stored,
      heapPerAccountMiB: (restoredMemory.heapMiB - before.heapMiB) / stored,
      memoryRestored: restoredMemory,
      idleSeconds: IDLE_S,
      idleCpuMs: idleCpu,
      idleWorstStallMs: idle.worstMs,
      onlineAfterIdle: stillOnline,
      drops,
      memoryAfterIdle: afterIdle,
      rssAfterDropsMiB: (drops.at(-1)?.memory ?? afterIdle).rssMiB,
      warnings: session.warnings.length,
      firstWarnings: session.warnings.slice(0, 5),
    });
  } finally {
    await session.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
