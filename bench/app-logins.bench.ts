import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createAppServices } from '../main/app/app-services.ts';
import type { LoginCard } from '../main/contract/login-state.ts';
import { APP_ORIGIN } from '../main/ipc/renderer-origin.ts';
import { accountsService, futureTokensService } from '../main/vault/service-names.ts';
import { APP_SENDER } from '../test/support/app-harness.ts';
import { deleteServices, testSecretStore } from '../test/support/keychain.ts';

/**
 * `npm run bench:logins`: LOGINS new logins started at once through the app's main-process services (as
 * IPC calls them), against the sandbox DC in its own process: wall time, CPU per login and the worst
 * stall of this (the main) event loop. Needs the keychain (run through scripts/with-keychain.sh).
 */
const LOGINS = Number(process.env.LOGINS ?? 10);

async function startSandboxProcess(worldFile: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/sandbox/cli.ts', '--dcs', '1,2', '--world', worldFile],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', () => {
      reject(new Error('the sandbox exited early'));
    });
  });
  const endpoints = JSON.parse(line) as { dcs: Record<string, number>; publicKeyPem: string };
  return {
    portFor: (dcId: number) => endpoints.dcs[String(dcId)] ?? 0,
    publicKeyPem: endpoints.publicKeyPem,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  const phones = Array.from({ length: LOGINS }, (_, i) => `+1555900${String(i).padStart(4, '0')}`);
  const worldFile = join(dir, 'world.json');
  writeFileSync(
    worldFile,
    JSON.stringify({
      accounts: phones.map((phone, i) => ({ phone, firstName: `Bench${i}`, code: '24680' })),
    }),
  );
  const sandbox = await startSandboxProcess(worldFile);
  const serviceBase = `Switchboard bench ${process.pid}`;
  const store = testSecretStore(serviceBase);
  const cards = new Map<string, LoginCard>();
  const waiters: (() => void)[] = [];
  const services = await createAppServices({
    userDataDir: dir,
    secretStore: store,
    appVersion: 'bench',
    trustedOrigins: [APP_ORIGIN],
    log: () => undefined,
    sandbox,
    vaultServiceBase: serviceBase,
  });
  services.setEventSink((channel, payload) => {
    if (channel === 'login:changed') {
      const card = payload as LoginCard;
      cards.set(card.id, card);
      for (const wake of waiters.splice(0)) wake();
    }
  });
  await services.start();
  const call = (channel: string, payload: unknown) =>
    services.dispatcher.dispatch(channel, payload, APP_SENDER);
  await call('settings:setServerProfile', { profile: { kind: 'sandbox' } });
  const allAt = async (step: string): Promise<void> => {
    while (
      [...cards.values()].filter((c) => c.state.step === step && c.state.pending === null).length < LOGINS
    ) {
      const failed = [...cards.values()].find((c) => c.state.step === 'failed');
      if (failed) throw new Error(`a login failed: ${JSON.stringify(failed.state.error)}`);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };

  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const ids: string[] = [];
  for (const phone of phones) {
    const result = await call('login:start', { phone });
    if (!result.ok) throw new Error(result.error.code);
    ids.push((result.value as LoginCard).id);
  }
  await allAt('codeSent');
  const codesAt = performance.now();
  await Promise.all(
    ids.map((loginId) => call('login:perform', { loginId, request: { type: 'submitCode', code: '24680' } })),
  );
  await allAt('signedIn');
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  delay.disable();

  const rows: [string, string][] = [
    ['logins started at once', String(LOGINS)],
    [
      'wall time to all signed in',
      `${wall.toFixed(0)} ms (codes sent after ${(codesAt - start).toFixed(0)} ms)`,
    ],
    ['main-process CPU per login', `${((cpu.user + cpu.system) / 1000 / LOGINS).toFixed(1)} ms`],
    ['worst main event-loop stall', `${(delay.max / 1e6).toFixed(1)} ms`],
    ['p99 main event-loop delay', `${(delay.percentile(99) / 1e6).toFixed(1)} ms`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('App logins against the sandbox DC (sandbox in its own process, real keychain)');
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);

  await services.shutdown();
  await deleteServices(serviceBase, [
    serviceBase,
    accountsService({ kind: 'sandbox' }, serviceBase),
    futureTokensService({ kind: 'sandbox' }, serviceBase),
  ]);
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
