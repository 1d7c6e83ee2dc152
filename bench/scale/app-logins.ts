import type { LoginCard } from '../../main/contract/login-state.ts';
import { deleteServices, servicesOf } from '../../test/support/keychain.ts';
import { AppSession } from './app-session.ts';
import { cpuMs, report, sandboxFromEnv, StallProbe } from './probe.ts';
import { appPhones, LOGIN_CODE, PASSWORD, passwordPhones } from './world.ts';

/**
 * Phases (a) and (c) in the app: LOGINS new logins started at once through the main-process services
 * (handshake, sendCode, signIn, the session stored in the keychain), then PASSWORD_CHECKS logins that
 * stop at 2FA, whose passwords are all submitted at once.
 */
async function startAll(session: AppSession, phones: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const phone of phones) ids.push(((await session.call('login:start', { phone })) as LoginCard).id);
  return ids;
}

async function main(): Promise<void> {
  const sandbox = sandboxFromEnv();
  const serviceBase = `Switchboard scale logins ${String(process.pid)}`;
  const session = await AppSession.open(sandbox, serviceBase);
  try {
    await session.call('settings:setServerProfile', { profile: { kind: 'sandbox' } });

    // (a) Every login is started as the renderer would (one IPC call each), none waits for another.
    const probe = new StallProbe();
    probe.start();
    const cpuBefore = cpuMs();
    const start = performance.now();
    const ids = await startAll(session, appPhones);
    await session.allAt(ids, 'codeSent');
    const codesSentMs = performance.now() - start;
    await Promise.all(
      ids.map((loginId) =>
        session.call('login:perform', { loginId, request: { type: 'submitCode', code: LOGIN_CODE } }),
      ),
    );
    await session.allAt(ids, 'signedIn');
    const wallMs = performance.now() - start;
    const cpu = cpuMs() - cpuBefore;
    const logins = await probe.stop();

    // (c) Logins that need the 2FA password, brought to that step first (not measured)...
    const passwordIds = await startAll(session, passwordPhones);
    await session.allAt(passwordIds, 'codeSent');
    await Promise.all(
      passwordIds.map((loginId) =>
        session.call('login:perform', { loginId, request: { type: 'submitCode', code: LOGIN_CODE } }),
      ),
    );
    await session.allAt(passwordIds, 'passwordNeeded');
    // ...then every password submitted at once: account.getPassword, SRP, auth.checkPassword each.
    probe.start();
    const checkStart = performance.now();
    await Promise.all(
      passwordIds.map((loginId) =>
        session.call('login:perform', { loginId, request: { type: 'submitPassword', password: PASSWORD } }),
      ),
    );
    await session.allAt(passwordIds, 'signedIn');
    const checksMs = performance.now() - checkStart;
    const checks = await probe.stop();

    report('appLogins', {
      logins: ids.length,
      wallMs,
      codesSentMs,
      cpuPerLoginMs: cpu / ids.length,
      worstStallMs: logins.worstMs,
      p99DelayMs: logins.p99Ms,
      passwordChecks: passwordIds.length,
      passwordWallMs: checksMs,
      passwordWorstStallMs: checks.worstMs,
      passwordP99DelayMs: checks.p99Ms,
      passwordWorstStallAtMs: checks.worstDriftAtMs,
      passwordWorstStallCpuMs: checks.worstDriftCpuMs,
      passwordWorstGcMs: checks.worstGcMs,
      passwordWorstGcKind: checks.worstGcKind,
      warnings: session.warnings.length,
      firstWarnings: [...new Set(session.warnings.map((w) => w.replace(/\d+/g, 'N')))].slice(0, 5),
    });
  } finally {
    await session.close();
    await deleteServices(serviceBase, servicesOf(serviceBase, [{ kind: 'sandbox' }]));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
