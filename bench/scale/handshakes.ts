// As the app's worker threads do, before GramJS loads (see gramjs/codec-first.ts).
import '../../main/telegram/gramjs/codec-first.ts';
import { TelegramClient } from 'telegram';
import { Logger, LogLevel } from 'telegram/extensions/Logger';
import { StringSession } from 'telegram/sessions';
import { registerSandboxRsaKey, sandboxConnection } from '../../main/sandbox/index.ts';
import { benchGateway, cpuMs, report, sandboxFromEnv, StallProbe } from './probe.ts';
import { LOGINS } from './world.ts';

/** How many handshakes each side makes at once: SCALE_HANDSHAKES, default SCALE_LOGINS (100). */
const HANDSHAKES = Number(process.env.SCALE_HANDSHAKES ?? LOGINS);

/**
 * The handshake alone (TCP connect and a new auth key: req_pq_multi, req_DH_params, set_client_DH_params),
 * HANDSHAKES of them at once, in this process, nothing else running: `ours` through the app's gateway (native
 * arithmetic, its limit of 3 handshakes at once), `stock` with plain GramJS clients' connect(). Each runs
 * in a process of its own, since ours patches GramJS's arithmetic for the whole process. CPU is the
 * process's from the first connect to the last, over HANDSHAKES.
 */
const API_ID = 1;
const API_HASH = '00000000000000000000000000000000';

async function ours(sandbox: ReturnType<typeof sandboxFromEnv>): Promise<() => Promise<void>> {
  const gateway = benchGateway(sandbox);
  const logins = await Promise.all(
    Array.from({ length: HANDSHAKES }, (_, i) => gateway.startLogin(`hs ${String(i)}`)),
  );
  return async () => {
    await Promise.all(logins.map((login) => login.destroy()));
  };
}

async function stock(sandbox: ReturnType<typeof sandboxFromEnv>): Promise<() => Promise<void>> {
  registerSandboxRsaKey(sandbox.publicKeyPem);
  const connection = sandboxConnection(sandbox.portFor);
  const clients = Array.from({ length: HANDSHAKES }, () => {
    const session = new StringSession('');
    session.setDC(2, '127.0.0.1', 443);
    return new TelegramClient(session, API_ID, API_HASH, {
      connection,
      baseLogger: new Logger(LogLevel.NONE),
    });
  });
  await Promise.all(clients.map((client) => client.connect()));
  return async () => {
    await Promise.all(clients.map((client) => client.destroy()));
  };
}

async function main(): Promise<void> {
  const which = process.argv[2];
  if (which !== 'ours' && which !== 'stock') throw new Error('usage: handshakes.ts ours|stock');
  const sandbox = sandboxFromEnv();
  const probe = new StallProbe();
  probe.start();
  const cpuBefore = cpuMs();
  const start = performance.now();
  const cleanUp = await (which === 'ours' ? ours(sandbox) : stock(sandbox));
  const wallMs = performance.now() - start;
  const cpu = cpuMs() - cpuBefore;
  const stall = await probe.stop();
  await cleanUp();
  report(which === 'ours' ? 'handshakes' : 'stockHandshakes', {
    handshakes: HANDSHAKES,
    wallMs,
    cpuPerHandshakeMs: cpu / HANDSHAKES,
    worstStallMs: stall.worstMs,
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
