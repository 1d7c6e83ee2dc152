import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../main/contract/errors.ts';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import type { ConnectionState, SessionSecret, TelegramGateway } from '../../main/telegram/gateway.ts';
import { appErrorOf, codeSent, GatewayHarness, lastCode, wellFormedSession } from './harness.ts';

/**
 * The server forgets a client's auth key and answers with the transport error -404. GramJS alone would
 * never settle the request and reconnect with the dead key on every ping; the clients end instead.
 * Every client here waits 60 s for answers, so anything that waits for a deadline fails the test's 15 s.
 */

const KAI = '+15550012001';
const LEO = '+15550012002';
const MIA = '+15550012003';
const NED = '+15550012004';
const OLA = '+15550012005';

const LONG_TIMEOUT_MS = 60_000;
/** "At once": far below any deadline, with room for a loaded machine. */
const PROMPT_MS = 5_000;
/** How long a client that has given up is watched for reconnects. */
const QUIET_WINDOW_MS = 1_500;

let sandbox: Sandbox;
let harness: GatewayHarness;

beforeAll(async () => {
  sandbox = await startSandbox({
    dcIds: [2],
    world: {
      accounts: [
        { phone: KAI, firstName: 'Kai' },
        { phone: LEO, firstName: 'Leo' },
        { phone: MIA, firstName: 'Mia' },
        { phone: NED, firstName: 'Ned' },
        { phone: OLA, firstName: 'Ola' },
      ],
    },
  });
  harness = new GatewayHarness(sandbox);
});
afterEach(async () => {
  sandbox.faults.clear();
  await harness.destroyAll();
});
afterAll(async () => {
  await sandbox.close();
});

async function signedInSession(gateway: TelegramGateway, phone: string): Promise<SessionSecret> {
  const login = await harness.login(gateway);
  const sent = codeSent(await login.sendCode(phone, []));
  expect((await login.signIn(phone, sent.phoneCodeHash, lastCode(sandbox, phone))).kind).toBe('signedIn');
  const secret = await login.exportSession();
  await login.destroy();
  return secret;
}

/** The elapsed time of `work`, with its AppError code. */
async function timedFailure(work: Promise<unknown>): Promise<{ code: string; ms: number }> {
  const started = Date.now();
  const { code } = await appErrorOf(work);
  return { code, ms: Date.now() - started };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Over a short window the client neither connects nor calls again nor reports a state, and at the end it
 * holds no connection at all (GramJS is stopped, not merely idle). The test's other clients are destroyed.
 */
async function expectNoReconnects(states: readonly ConnectionState[]): Promise<void> {
  const before = { ...sandbox.stats(2) };
  const reported = states.length;
  await sleep(QUIET_WINDOW_MS);
  expect(sandbox.stats(2).connections).toBe(before.connections);
  expect(sandbox.stats(2).rpcCalls).toBe(before.rpcCalls);
  expect(states).toHaveLength(reported);
  expect(sandbox.dropAllConnections()).toBe(0);
}

describe('an account client whose key the server forgets', () => {
  it('fails getSelf with SIGNED_OUT at once, reports signedOut and never reconnects', async () => {
    const gateway = harness.gateway({ requestTimeoutMs: LONG_TIMEOUT_MS });
    const account = harness.track(gateway.openAccount(await signedInSession(gateway, KAI), 'kai'));
    const states: ConnectionState[] = [];
    account.onConnectionState((state) => states.push(state));
    await account.connect();
    expect((await account.getSelf()).firstName).toBe('Kai');

    sandbox.faults.inject({ method: 'users.GetUsers', forgetAuthKey: true });
    const first = await timedFailure(account.getSelf());
    expect(first.code).toBe('SIGNED_OUT');
    expect(first.ms).toBeLessThan(PROMPT_MS);
    expect(states).toEqual(['connecting', 'online', 'signedOut']);

    // Later calls fail the same way without going to the server.
    const calls = sandbox.stats(2).rpcCalls;
    for (const later of [() => account.getSelf(), () => account.logOut(), () => account.connect()]) {
      const failure = await timedFailure(later());
      expect(failure.code).toBe('SIGNED_OUT');
      expect(failure.ms).toBeLessThan(100);
    }
    expect(sandbox.stats(2).rpcCalls).toBe(calls);
    await expectNoReconnects(states);
    expect(states.at(-1)).toBe('signedOut');
  }, 15_000);

  it('fails the requests already waiting for an answer too', async () => {
    const gateway = harness.gateway({ requestTimeoutMs: LONG_TIMEOUT_MS });
    const account = harness.track(gateway.openAccount(await signedInSession(gateway, LEO), 'leo'));
    await account.connect();
    sandbox.faults.inject({ method: 'auth.LogOut', delayMs: 3_000 });
    sandbox.faults.inject({ method: 'users.GetUsers', forgetAuthKey: true, delayMs: 300 });
    const started = Date.now();
    const [logOut, getSelf] = await Promise.all([
      appErrorOf(account.logOut()),
      appErrorOf(account.getSelf()),
    ]);
    expect([logOut.code, getSelf.code]).toEqual(['SIGNED_OUT', 'SIGNED_OUT']);
    // The logOut was still held by the server when the -404 came.
    expect(Date.now() - started).toBeLessThan(2_500);
  }, 15_000);
});

describe('a stored session whose key the server has already forgotten', () => {
  it('fails connect with SIGNED_OUT at once, reports signedOut, and nothing reconnects', async () => {
    const gateway = harness.gateway({ requestTimeoutMs: LONG_TIMEOUT_MS });
    const secret = await signedInSession(gateway, MIA);
    const first = harness.track(gateway.openAccount(secret, 'mia'));
    await first.connect();
    sandbox.faults.inject({ method: 'users.GetUsers', forgetAuthKey: true });
    expect(await appErrorOf(first.getSelf())).toMatchObject({ code: 'SIGNED_OUT' });
    await first.destroy();

    const account = harness.track(gateway.openAccount(secret, 'mia again'));
    const states: ConnectionState[] = [];
    account.onConnectionState((state) => states.push(state));
    const connect = await timedFailure(account.connect());
    expect(connect.code).toBe('SIGNED_OUT');
    expect(connect.ms).toBeLessThan(PROMPT_MS);
    // The socket did open before the server refused the key: `online` means no more than that.
    expect(states).toEqual(['connecting', 'online', 'signedOut']);
    expect(await appErrorOf(account.getSelf())).toMatchObject({ code: 'SIGNED_OUT' });
    await expectNoReconnects(states);
  }, 15_000);
});

describe('a stored session that cannot be read (a damaged keychain entry)', () => {
  it('is refused as SIGNED_OUT when the client is made, before anything is dialled', async () => {
    const gateway = harness.gateway();
    const secret = await signedInSession(gateway, OLA);
    const connections = sandbox.stats(2).connections;
    // Not GramJS's format; its format with nothing in it; a real session cut short.
    for (const session of ['garbage', `1${'A'.repeat(10)}`, secret.session.slice(0, -40)]) {
      let thrown: unknown;
      try {
        harness.track(gateway.openAccount({ session, dcId: 2 }, 'damaged'));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppFailure);
      expect((thrown as AppFailure).error.code).toBe('SIGNED_OUT');
    }
    expect(sandbox.stats(2).connections).toBe(connections);
    // A key one or two bytes short is what GramJS keeps when g_ab starts with zero bytes: still readable.
    for (const keyBytes of [256, 255, 254]) {
      const readable = harness.track(
        gateway.openAccount({ session: wellFormedSession(2, keyBytes), dcId: 2 }, 'unknown key'),
      );
      expect((await appErrorOf(readable.connect())).code).toBe('SIGNED_OUT');
    }
    // The intact session still works.
    const account = harness.track(gateway.openAccount(secret, 'ola'));
    await account.connect();
    expect((await account.getSelf()).firstName).toBe('Ola');
  }, 15_000);
});

describe('a login client whose key the server forgets', () => {
  it('fails with AUTH_RESTART at once, for every later step too, and never reconnects', async () => {
    const login = await harness.login(harness.gateway({ requestTimeoutMs: LONG_TIMEOUT_MS }));
    const sent = codeSent(await login.sendCode(NED, []));
    sandbox.faults.inject({ method: 'auth.SignIn', forgetAuthKey: true });
    const signIn = await timedFailure(login.signIn(NED, sent.phoneCodeHash, lastCode(sandbox, NED)));
    expect(signIn.code).toBe('AUTH_RESTART');
    expect(signIn.ms).toBeLessThan(PROMPT_MS);

    const calls = sandbox.stats(2).rpcCalls;
    for (const later of [
      () => login.sendCode(NED, []),
      () => login.signIn(NED, sent.phoneCodeHash, lastCode(sandbox, NED)),
      () => login.checkPassword('anything'),
      () => login.sendLoginEmailCode(NED, sent.phoneCodeHash, 'ned@example.net'),
      () => login.signedInUser(),
      () => login.logOut(),
    ]) {
      const failure = await timedFailure(later());
      expect(failure.code).toBe('AUTH_RESTART');
      expect(failure.ms).toBeLessThan(100);
    }
    await login.cancelCode(NED, sent.phoneCodeHash);
    expect(sandbox.stats(2).rpcCalls).toBe(calls);
    await expectNoReconnects([]);
  }, 15_000);
});
