import { generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import type { ConnectionState } from '../../main/telegram/gateway.ts';
import { codeSent, GatewayHarness, lastCode } from './harness.ts';
import { waitFor } from '../support/wait-for.ts';

/** Connecting under real conditions: Telegram-strict auth keys, dropped connections, a custom server profile. */

const KIM = '+15550010001';
const FAR = '+15550010002';

describe('a sandbox with Telegram-strict auth keys', () => {
  let sandbox: Sandbox;
  let harness: GatewayHarness;
  beforeAll(async () => {
    sandbox = await startSandbox({ dcIds: [2], strictAuthKeyPadding: true });
    harness = new GatewayHarness(sandbox);
  });
  afterEach(async () => {
    await harness.destroyAll();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('connects every time although GramJS gets ~1 handshake in 200 wrong there', async () => {
    const gateway = harness.gateway({ connectionRetries: 3, retryDelayMs: 10 });
    const LOGINS = 400;
    const CONCURRENCY = 8;
    let started = 0;
    let connected = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (started < LOGINS) {
          started++;
          const login = await gateway.startLogin(`strict ${started}`);
          connected++;
          await login.destroy();
        }
      }),
    );
    expect(connected).toBe(LOGINS);
    // Each retried handshake shows up as a failed attempt in GramJS's log.
    const retries = harness.logs.filter((l) => l.message.includes('connection failed attempt')).length;
    expect(sandbox.stats(2).handshakes).toBeGreaterThanOrEqual(LOGINS + retries);
  }, 120_000);
});

describe('connection state and reconnects', () => {
  let sandbox: Sandbox;
  let harness: GatewayHarness;
  beforeAll(async () => {
    sandbox = await startSandbox({ dcIds: [2], world: { accounts: [{ phone: KIM, firstName: 'Kim' }] } });
    harness = new GatewayHarness(sandbox);
  });
  afterEach(async () => {
    await harness.destroyAll();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('reports connecting then online when the server drops the connection and GramJS reconnects', async () => {
    const gateway = harness.gateway();
    const login = await harness.login(gateway);
    const sent = codeSent(await login.sendCode(KIM, []));
    await login.signIn(KIM, sent.phoneCodeHash, lastCode(sandbox, KIM));
    const secret = await login.exportSession();
    await login.destroy();

    const account = harness.track(gateway.openAccount(secret, 'kim'));
    const states: ConnectionState[] = [];
    account.onConnectionState((state) => states.push(state));
    await account.connect();
    expect(states).toEqual(['connecting', 'online']);
    expect(sandbox.dropAllConnections()).toBeGreaterThan(0);
    await waitFor(() => states.length >= 4, 10_000);
    expect(states).toEqual(['connecting', 'online', 'connecting', 'online']);
    expect((await account.getSelf()).firstName).toBe('Kim');
  });

  it('reports online when a socket reopens after a drop, before the key has been tried on it', async () => {
    const gateway = harness.gateway();
    const login = await harness.login(gateway);
    const sent = codeSent(await login.sendCode(KIM, []));
    await login.signIn(KIM, sent.phoneCodeHash, lastCode(sandbox, KIM));
    const account = harness.track(gateway.openAccount(await login.exportSession(), 'kim'));
    await login.destroy();
    const states: ConnectionState[] = [];
    account.onConnectionState((state) => states.push(state));
    await account.connect();
    expect((await account.getSelf()).firstName).toBe('Kim');
    // GramJS's first request after a reconnect is its own users.getUsers: the server forgets the key there.
    // `online` comes first all the same, as soon as the socket is open again.
    sandbox.faults.inject({ method: 'users.GetUsers', forgetAuthKey: true });
    expect(sandbox.dropAllConnections()).toBeGreaterThan(0);
    await waitFor(() => states.length >= 5, 10_000);
    expect(states).toEqual(['connecting', 'online', 'connecting', 'online', 'signedOut']);
    await expect(account.getSelf()).rejects.toMatchObject({ error: { code: 'SIGNED_OUT' } });
  });

  it('reports signedOut when the server forgets the auth key, and nothing after it or after destroy', async () => {
    const gateway = harness.gateway();
    const login = await harness.login(gateway);
    const sent = codeSent(await login.sendCode(KIM, []));
    await login.signIn(KIM, sent.phoneCodeHash, lastCode(sandbox, KIM));
    const account = harness.track(gateway.openAccount(await login.exportSession(), 'kim'));
    await login.destroy();
    const states: ConnectionState[] = [];
    account.onConnectionState((state) => states.push(state));
    await account.connect();
    sandbox.faults.inject({ method: 'users.GetUsers', forgetAuthKey: true });
    await expect(account.getSelf()).rejects.toMatchObject({ error: { code: 'SIGNED_OUT' } });
    expect(states).toEqual(['connecting', 'online', 'signedOut']);
    // A drop would otherwise be reported as `connecting`: the client has given up for good.
    sandbox.dropAllConnections();
    await waitFor(() => sandbox.dropAllConnections() === 0, 2_000);
    expect(states).toEqual(['connecting', 'online', 'signedOut']);
    await account.destroy();
    const count = states.length;
    sandbox.dropAllConnections();
    expect(states).toHaveLength(count);
  });
});

describe('a custom server profile', () => {
  let sandbox: Sandbox;
  let harness: GatewayHarness;
  beforeAll(async () => {
    // A key of its own, so only the custom profile's registration can make GramJS trust it.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    sandbox = await startSandbox({
      dcIds: [1, 2, 4],
      rsaPrivateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      world: {
        accounts: [
          { phone: KIM, firstName: 'Kim' },
          { phone: FAR, firstName: 'Fay', dc: 4 },
        ],
      },
    });
    harness = new GatewayHarness(sandbox);
  });
  afterEach(async () => {
    await harness.destroyAll();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('logs in, migrates between its DCs and restores the session, given only host:port per DC and the key', async () => {
    const gateway = harness.gateway({
      profile: {
        kind: 'custom',
        name: 'Local MTProto',
        dcs: sandbox.dcIds.map((id) => ({ id, host: '127.0.0.1', port: sandbox.portFor(id) })),
        publicKeyPem: sandbox.publicKeyPem,
      },
      sandbox: undefined,
    });
    const login = await harness.login(gateway);
    const sent = codeSent(await login.sendCode(FAR, []));
    const outcome = await login.signIn(FAR, sent.phoneCodeHash, lastCode(sandbox, FAR));
    if (outcome.kind !== 'signedIn') throw new Error(`expected signedIn, got ${outcome.kind}`);
    expect(outcome.login.dcId).toBe(4);
    const account = harness.track(gateway.openAccount(await login.exportSession(), 'fay'));
    await login.destroy();
    await account.connect();
    expect((await account.getSelf()).firstName).toBe('Fay');
  });
});
