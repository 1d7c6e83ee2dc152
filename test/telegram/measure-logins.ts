import bigInt from 'big-integer';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Api, password as gramPassword } from 'telegram';
import { createTelegramGateway } from '../../main/telegram/create-gateway.ts';
import type { TelegramGateway } from '../../main/telegram/gateway.ts';
import {
  installNativeArithmetic,
  type StockArithmetic,
} from '../../main/telegram/gramjs/arithmetic-patch.ts';
import { computeSrpCheck } from '../../main/telegram/native-math/srp-check.ts';
import { TELEGRAM_DH_PRIME_BYTES, TELEGRAM_DH_PRIME_HEX } from '../../main/crypto/telegram-prime.ts';
import { API_HASH, API_ID, DEVICE } from './harness.ts';

/**
 * `npx tsx test/telegram/measure-logins.ts`: what a login costs the process that owns the clients, with
 * GramJS's stock arithmetic and with the adapter's native one, against the sandbox DC in its own process
 * (so its CPU is not counted). Prints CPU per handshake, the worst event-loop stall while 10 logins start
 * at once, and how long one 2FA SRP computation blocks the event loop. A measurement, not a test.
 */

/** stock: GramJS as shipped (its arithmetic, no handshake limit); native: the adapter as it is. */
type Mode = 'stock' | 'native' | 'native-ungated';
const SEQUENTIAL = 20;
const CONCURRENT = 10;
const ROUNDS = 3;

interface Endpoints {
  readonly dcs: Record<string, number>;
  readonly publicKeyPem: string;
}

const requireCjs = createRequire(import.meta.url);
interface GramArithmetic {
  helpers: { modExp: StockArithmetic['modExp'] };
  factorizator: { factorize: StockArithmetic['factorize'] };
}

function gramArithmetic(): GramArithmetic {
  return {
    helpers: requireCjs('telegram/Helpers') as GramArithmetic['helpers'],
    factorizator: (
      requireCjs('telegram/crypto/Factorizator') as { Factorizator: GramArithmetic['factorizator'] }
    ).Factorizator,
  };
}

async function startSandboxProcess(): Promise<{ endpoints: Endpoints; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/sandbox/cli.ts', '--dcs', '2'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', () => {
      reject(new Error('the sandbox exited early'));
    });
  });
  return { endpoints: JSON.parse(line) as Endpoints, stop: () => child.kill('SIGTERM') };
}

function gatewayFor(endpoints: Endpoints, mode: Mode): TelegramGateway {
  const gateway = createTelegramGateway({
    profile: { kind: 'sandbox' },
    apiId: API_ID,
    apiHash: API_HASH,
    sandbox: { portFor: (dcId) => endpoints.dcs[String(dcId)] ?? 0, publicKeyPem: endpoints.publicKeyPem },
    device: DEVICE,
    retryDelayMs: 50,
    ...(mode === 'native' ? {} : { concurrentHandshakes: 1000 }),
    log: () => undefined,
  });
  if (mode === 'stock') {
    // Put GramJS's own functions back: the gateway installed the native ones.
    const stock = installNativeArithmetic();
    const { helpers, factorizator } = gramArithmetic();
    helpers.modExp = stock.modExp;
    factorizator.factorize = stock.factorize;
  }
  return gateway;
}

async function oneLogin(gateway: TelegramGateway, index: number): Promise<void> {
  const login = await gateway.startLogin(`measure ${index}`);
  try {
    await login.sendCode(`+9996620${String(index % 1000).padStart(3, '0')}`, []);
  } finally {
    await login.destroy();
  }
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function passwordState(): Api.account.Password {
  const algo = new Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow({
    salt1: randomBytes(40),
    salt2: randomBytes(16),
    g: 3,
    p: TELEGRAM_DH_PRIME_BYTES,
  });
  const b = bigInt(randomBytes(256).toString('hex'), 16);
  const srpB = bigInt(3).modPow(b, bigInt(TELEGRAM_DH_PRIME_HEX, 16)).toString(16).padStart(512, '0');
  return new Api.account.Password({
    hasPassword: true,
    currentAlgo: algo,
    srp_B: Buffer.from(srpB, 'hex'),
    srpId: bigInt(1234),
    newAlgo: algo,
    newSecureAlgo: new Api.SecurePasswordKdfAlgoPBKDF2HMACSHA512iter100000({ salt: randomBytes(8) }),
    secureRandom: randomBytes(32),
  });
}

async function worstStallMs(work: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  // Let the monitor's timer start before the work, or a block at the very start goes unseen.
  await new Promise((resolve) => setTimeout(resolve, 10));
  await work();
  // A stall is only recorded once the monitor's timer finally runs: give it that chance.
  await new Promise((resolve) => setTimeout(resolve, 20));
  histogram.disable();
  return histogram.max / 1e6;
}

async function measure(mode: Mode): Promise<Record<string, number>> {
  const sandbox = await startSandboxProcess();
  try {
    const gateway = gatewayFor(sandbox.endpoints, mode);
    await oneLogin(gateway, 999); // warm-up: JIT, module loading
    let before = cpuMs();
    for (let i = 0; i < SEQUENTIAL; i++) await (await gateway.startLogin(`connect ${i}`)).destroy();
    const cpuPerConnect = (cpuMs() - before) / SEQUENTIAL;
    before = cpuMs();
    for (let i = 0; i < SEQUENTIAL; i++) await oneLogin(gateway, i);
    const cpuPerLogin = (cpuMs() - before) / SEQUENTIAL;

    let worstConcurrent = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const stall = await worstStallMs(() =>
        Promise.all(
          Array.from({ length: CONCURRENT }, (_, i) => oneLogin(gateway, 100 + round * CONCURRENT + i)),
        ),
      );
      worstConcurrent = Math.max(worstConcurrent, stall);
    }

    const state = passwordState();
    let srpStall = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const stall = await worstStallMs(() =>
        mode === 'stock'
          ? gramPassword.computeCheck(state, 'a password')
          : computeSrpCheck(state, 'a password'),
      );
      srpStall = Math.max(srpStall, stall);
    }
    return {
      cpuPerConnectMs: cpuPerConnect,
      cpuPerLoginMs: cpuPerLogin,
      worstStallConcurrentMs: worstConcurrent,
      srpStallMs: srpStall,
    };
  } finally {
    sandbox.stop();
  }
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode === 'stock' || mode === 'native' || mode === 'native-ungated') {
    process.stdout.write(`${JSON.stringify(await measure(mode))}\n`);
    process.exit(0);
  }
  // Each mode in a fresh process: the patch is process-wide.
  for (const each of ['stock', 'native-ungated', 'native'] as const) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/telegram/measure-logins.ts', each], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
    const format = (value: number | undefined): string => (value ?? Number.NaN).toFixed(1);
    process.stdout.write(
      `${each.padEnd(14)}  CPU per new connection (handshake + initConnection) ${format(result.cpuPerConnectMs)} ms; ` +
        `per login (+ sendCode) ${format(result.cpuPerLoginMs)} ms; ` +
        `worst stall, ${CONCURRENT} logins at once ${format(result.worstStallConcurrentMs)} ms; ` +
        `SRP check blocks ${format(result.srpStallMs)} ms\n`,
    );
  }
}

void main();
