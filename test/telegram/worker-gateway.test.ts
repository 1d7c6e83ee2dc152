import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import type { ConnectionState, TelegramGateway } from '../../main/telegram/gateway.ts';
import { createWorkerGateway, type WorkerGatewayInput } from '../../main/telegram/worker/worker-gateway.ts';
import { lowerThisThreadsPriority } from '../../main/telegram/worker/thread-priority.ts';
import { TelegramWorkerPool } from '../../main/telegram/worker/worker-pool.ts';
import { BUILT_WORKER_ENTRY, sourceWorkerPool } from '../support/telegram-workers.ts';
import { waitFor } from '../support/wait-for.ts';
import { API_HASH, API_ID, appErrorOf, codeSent, DEVICE, lastCode, type LogLine } from './harness.ts';

/**
 * The GramJS clients on worker threads (main/telegram/worker/): the same gateway contract as in-process,
 * against the sandbox over TCP, with typed errors, Buffers and connection states crossing the thread
 * boundary, and a worker that dies taking only its own clients along.
 */

const ADA = '+15550020001';
const BEA = '+15550020002';
const CY = '+15550020003';
const DEE = '+15550020004';
const PASSWORD = 'correct horse battery staple';

/** A worker gateway on the test's sandbox. */
function sandboxGateway(
  pool: TelegramWorkerPool,
  sandbox: Sandbox,
  options: Partial<WorkerGatewayInput> = {},
): TelegramGateway {
  return createWorkerGateway(pool, {
    profile: { kind: 'sandbox' },
    apiId: API_ID,
    apiHash: API_HASH,
    sandbox,
    device: DEVICE,
    requestTimeoutMs: 5_000,
    log: () => undefined,
    ...options,
  });
}

describe('the Telegram worker gateway', () => {
  let sandbox: Sandbox;
  let pool: TelegramWorkerPool;
  const logs: LogLine[] = [];
  const poolLogs: LogLine[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  const gateway = (): TelegramGateway =>
    sandboxGateway(pool, sandbox, {
      retryDelayMs: 50,
      gramLogLevel: 'info',
      log: (level, message) => logs.push({ level, message }),
    });

  /** A pool of one worker (closed after the test), so every client of the test shares its fate. */
  const oneWorker = () => {
    const lonePool = sourceWorkerPool((level, message) => poolLogs.push({ level, message }), 1);
    cleanups.push(() => lonePool.close());
    return { lonePool, loneGateway: sandboxGateway(lonePool, sandbox) };
  };

  /** A signed-in account connected on a pool of one worker, with every connection state it reports. */
  const connectedOnOneWorker = async (phone: string, label: string) => {
    const { secret } = await signIn(phone);
    const { lonePool, loneGateway } = oneWorker();
    const account = loneGateway.openAccount(secret, label);
    cleanups.push(() => account.destroy());
    const states: ConnectionState[] = [];
    account.onConnectionState((state) => states.push(state));
    await account.connect();
    return { lonePool, loneGateway, account, states };
  };

  /** Signs a phone in on a worker and returns its session (as the login flow stores it). */
  const signIn = async (phone: string) => {
    const login = await gateway().startLogin(phone);
    cleanups.push(() => login.destroy());
    const sent = codeSent(await login.sendCode(phone, []));
    const done = await login.signIn(phone, sent.phoneCodeHash, lastCode(sandbox, phone));
    if (done.kind !== 'signedIn') throw new Error(`expected signedIn, got ${done.kind}`);
    return { login, done, secret: await login.exportSession() };
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      dcIds: [2, 4],
      world: {
        accounts: [
          { phone: ADA, firstName: 'Ada' },
          { phone: BEA, firstName: 'Bea', password: PASSWORD, passwordHint: 'horse' },
          { phone: CY, firstName: 'Cy' },
          { phone: DEE, firstName: 'Dee', dc: 4 },
        ],
      },
    });
    pool = sourceWorkerPool((level, message) => poolLogs.push({ level, message }), 2);
  });
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });
  afterAll(async () => {
    await pool.close();
    await sandbox.close();
  });

  it('signs in on a worker, and the stored session works from another client', async () => {
    const { done, secret } = await signIn(ADA);
    expect(done.login.user.firstName).toBe('Ada');
    expect(secret.dcId).toBe(2);
    expect(secret.session.length).toBeGreaterThan(100);

    const account = gateway().openAccount(secret, 'ada');
    cleanups.push(() => account.destroy());
    const states: ConnectionState[] = [];
    account.onConnectionState((state) => states.push(state));
    await account.connect();
    expect((await account.getSelf()).firstName).toBe('Ada');
    expect(states).toEqual(['connecting', 'online']);

    // Connection states cross from the worker as they happen.
    expect(sandbox.dropAllConnections()).toBeGreaterThan(0);
    await waitFor(() => states.length >= 4, 10_000);
    expect(states).toEqual(['connecting', 'online', 'connecting', 'online']);
    expect((await account.getSelf()).firstName).toBe('Ada');

    // auth.logOut's future auth token comes back as a Buffer, ready for the keychain.
    const token = await account.logOut();
    expect(Buffer.isBuffer(token)).toBe(true);
    expect(token?.length).toBeGreaterThan(0);
  }, 30_000);

  it('follows a PHONE_MIGRATE to the account’s DC inside the worker', async () => {
    const { secret } = await signIn(DEE);
    expect(secret.dcId).toBe(4);
  }, 30_000);

  it('returns typed errors from the worker: a wrong code, then a wrong 2FA password', async () => {
    const login = await gateway().startLogin(BEA);
    cleanups.push(() => login.destroy());
    const sent = codeSent(await login.sendCode(BEA, []));
    expect((await appErrorOf(login.signIn(BEA, sent.phoneCodeHash, '00000'))).code).toBe(
      'PHONE_CODE_INVALID',
    );
    const step = await login.signIn(BEA, sent.phoneCodeHash, lastCode(sandbox, BEA));
    expect(step).toEqual({ kind: 'passwordNeeded', hint: 'horse' });
    expect((await appErrorOf(login.checkPassword('wrong password'))).code).toBe('PASSWORD_HASH_INVALID');
    const done = await login.checkPassword(PASSWORD);
    expect(done.kind).toBe('signedIn');
  }, 30_000);

  it('collects garbage in every worker on request when the process exposes gc, and reports their heaps (benchmarks)', async () => {
    await pool.ready();
    const exposed = typeof (globalThis as { gc?: unknown }).gc === 'function';
    const heaps = await pool.collectGarbage();
    expect(heaps).toHaveLength(pool.size);
    for (const heap of heaps) {
      expect(heap.collected).toBe(exposed);
      // A worker that has loaded GramJS holds megabytes of it; the main thread's heap is not counted.
      expect(heap.heapUsed).toBeGreaterThan(2 ** 20);
      expect(heap.heapUsed).not.toBe(process.memoryUsage().heapUsed);
      expect(heap.external).toBeGreaterThan(0);
    }
  });

  it('refuses missing API credentials before anything reaches a worker', () => {
    expect(() =>
      createWorkerGateway(pool, {
        profile: { kind: 'sandbox' },
        apiId: 0,
        apiHash: '',
        sandbox,
        device: DEVICE,
        log: () => undefined,
      }),
    ).toThrow('API_CREDENTIALS_MISSING');
  });

  it('spreads clients over the workers, each new one to the least loaded', async () => {
    const { secret } = await signIn(CY);
    const before = pool.clientCounts().reduce((a, b) => a + b, 0);
    const accounts = Array.from({ length: 4 }, (_, i) => gateway().openAccount(secret, `cy ${String(i)}`));
    cleanups.push(() => Promise.all(accounts.map((a) => a.destroy())).then(() => undefined));
    const counts = pool.clientCounts();
    expect(counts.reduce((a, b) => a + b, 0)).toBe(before + 4);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  }, 30_000);

  it('when a worker dies: its login must restart, its connected account comes back by itself on a new worker', async () => {
    // One worker, so the login and the account are both on the one that dies.
    const { lonePool, loneGateway, account, states } = await connectedOnOneWorker(CY, 'cy');
    const login = await loneGateway.startLogin(ADA);
    expect(lonePool.clientCounts()).toEqual([2]);

    await lonePool.leastLoaded().worker.terminate();

    expect((await appErrorOf(login.sendCode(ADA, []))).code).toBe('AUTH_RESTART');
    await login.destroy();
    expect(poolLogs.some((line) => line.level === 'error' && line.message.includes('exited'))).toBe(true);
    // Nobody calls connect(): the client is made again on a new worker from the same session and reconnects,
    // as a dropped connection would (AccountManager waits for exactly this).
    await waitFor(() => states.at(-1) === 'online' && states.length > 2, 20_000);
    expect(states[2]).toBe('connecting');
    expect(states).not.toContain('offline');
    expect((await account.getSelf()).firstName).toBe('Cy');
    const again = await loneGateway.startLogin(ADA);
    cleanups.push(() => again.destroy());
    expect(codeSent(await again.sendCode(ADA, [])).phoneCodeHash).not.toBe('');
    expect(lonePool.clientCounts()).toEqual([2]);
  }, 30_000);

  it('when a worker dies after the server forgot the session’s key: reports signedOut and nothing after it', async () => {
    const { lonePool, account, states } = await connectedOnOneWorker(CY, 'cy');
    expect(sandbox.world.forgetAuthKeys(CY)).toBeGreaterThan(0);

    await lonePool.leastLoaded().worker.terminate();

    // The client made again on a new worker meets the -404: the account is over, not "connecting".
    await waitFor(() => states.at(-1) === 'signedOut', 20_000);
    expect((await appErrorOf(account.getSelf())).code).toBe('SIGNED_OUT');
    const reported = states.length;
    sandbox.dropAllConnections();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(states).toHaveLength(reported);
    expect(states.filter((state) => state === 'signedOut')).toHaveLength(1);
  }, 30_000);

  it('reports an unreadable stored session as SIGNED_OUT without harming the worker or its other clients', async () => {
    const { secret } = await signIn(ADA);
    const { lonePool, loneGateway } = oneWorker();
    const healthy = loneGateway.openAccount(secret, 'ada');
    cleanups.push(() => healthy.destroy());
    await healthy.connect();
    const exitsBefore = poolLogs.filter((line) => line.message.includes('exited')).length;

    // Not GramJS's format; GramJS's format with nothing in it; a real session cut short.
    for (const session of ['garbage', '1' + 'A'.repeat(10), secret.session.slice(0, -40)]) {
      const broken = loneGateway.openAccount({ session, dcId: 2 }, 'broken');
      expect((await appErrorOf(broken.connect())).code).toBe('SIGNED_OUT');
      expect((await appErrorOf(broken.getSelf())).code).toBe('SIGNED_OUT');
      await broken.destroy();
    }

    expect((await healthy.getSelf()).firstName).toBe('Ada');
    expect(poolLogs.filter((line) => line.message.includes('exited')).length).toBe(exitsBefore);
    expect(lonePool.clientCounts()).toEqual([1]);
  }, 30_000);

  it('answers with a typed error once its pool has shut down', async () => {
    const { secret } = await signIn(ADA);
    const closedPool = sourceWorkerPool(() => undefined, 1);
    await closedPool.close();
    const closedGateway = sandboxGateway(closedPool, sandbox);
    const account = closedGateway.openAccount(secret, 'late');
    expect((await appErrorOf(account.connect())).code).toBe('NETWORK_UNAVAILABLE');
    await account.destroy();
    expect((await appErrorOf(closedGateway.startLogin('late'))).code).toBe('INTERNAL');
  }, 30_000);

  it('keeps sessions, codes and passwords out of every forwarded log line', async () => {
    const { secret } = await signIn(ADA);
    const all = [...logs, ...poolLogs].map((line) => line.message).join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(all).not.toContain(secret.session);
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(lastCode(sandbox, ADA));
  }, 30_000);
});

/** Threads of this process whose nice value is at least `nice` (Linux: /proc/self/task/<tid>/stat). */
function threadsAtNice(nice: number): number {
  let count = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // Fields after the command name "(...)": state is the 3rd field of stat, nice the 19th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[16]) >= nice) count++;
  }
  return count;
}

describe('worker thread priority', () => {
  it.runIf(process.platform === 'linux')(
    'runs every Telegram worker below normal priority, so the main thread comes first',
    async () => {
      const before = threadsAtNice(10);
      const pool = sourceWorkerPool(() => undefined, 3);
      try {
        await pool.ready();
        expect(threadsAtNice(10) - before).toBeGreaterThanOrEqual(3);
      } finally {
        await pool.close();
      }
    },
  );

  it('leaves the priority alone where it could only lower the whole process', () => {
    expect(lowerThisThreadsPriority('darwin')).toBe(false);
    expect(lowerThisThreadsPriority('win32')).toBe(false);
  });
});

describe('the built worker entry (out/main/telegram-worker.js, as the packaged app starts it)', () => {
  it('signs in through it', async () => {
    expect(existsSync(BUILT_WORKER_ENTRY), 'run `npm run build` first').toBe(true);
    const sandbox = await startSandbox({
      dcIds: [2],
      world: { accounts: [{ phone: ADA, firstName: 'Ada' }] },
    });
    const pool = new TelegramWorkerPool({ entry: BUILT_WORKER_ENTRY, size: 1, log: () => undefined });
    try {
      const login = await sandboxGateway(pool, sandbox).startLogin('built');
      const sent = codeSent(await login.sendCode(ADA, []));
      const done = await login.signIn(ADA, sent.phoneCodeHash, lastCode(sandbox, ADA));
      expect(done.kind).toBe('signedIn');
      await login.destroy();
    } finally {
      await pool.close();
      await sandbox.close();
    }
  }, 30_000);
});
