import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { createManagedClient } from '../../main/telegram/client-factory.ts';
import type { ConnectionClass, ConnectionOptions } from '../../main/telegram/gramjs/connection-classes.ts';
import { HandshakeGate } from '../../main/telegram/handshake-gate.ts';
import type { ManagedClient } from '../../main/telegram/managed-client.ts';
import { serverEndpoints, type ServerEndpoints } from '../../main/telegram/server-endpoints.ts';
import { API_HASH, API_ID, appErrorOf, DEVICE, GatewayHarness } from './harness.ts';

/**
 * A man in the middle who knows the sandbox's private key (it is in this repository) answers a production
 * client's handshake. The production client must refuse him whatever else its thread trusted before: the
 * sandbox profile, a custom server, even the sandbox key put into GramJS's own table by a test's stock
 * client. Before, GramJS's one key table per thread took every key ever registered, for every server.
 * The sandbox DC plays the impostor; the clients are real GramJS clients.
 */
let sandbox: Sandbox;
let harness: GatewayHarness;
const clients: ManagedClient[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ dcIds: [2] });
  harness = new GatewayHarness(sandbox);
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.destroy()));
  await harness.destroyAll();
  await sandbox.close();
});

/** `endpoints`, with every DC redirected to the sandbox: what a man in the middle does to the client. */
function redirectedToSandbox(endpoints: ServerEndpoints): ServerEndpoints {
  const base: ConnectionClass = endpoints.connection;
  const portFor = sandbox.portFor;
  class Redirected extends base {
    constructor(options: ConnectionOptions) {
      super({ ...options, ip: '127.0.0.1', port: portFor(options.dcId) });
    }
  }
  return { connection: Redirected, initialDc: { id: 2, ip: '127.0.0.1' } };
}

function clientFor(endpoints: ServerEndpoints): ManagedClient {
  const client = createManagedClient(
    {
      apiId: API_ID,
      apiHash: API_HASH,
      endpoints,
      device: DEVICE,
      requestTimeoutMs: 5_000,
      connectionRetries: 2,
      retryDelayMs: 50,
      gramLogLevel: 'none',
      log: () => undefined,
      now: Date.now,
      handshakeGate: new HandshakeGate(4),
      dialGate: new HandshakeGate(4),
    },
    { label: 'impostor test', keyLostCode: 'AUTH_RESTART', signedIn: false },
  );
  clients.push(client);
  return client;
}

const production = (): ServerEndpoints =>
  redirectedToSandbox(serverEndpoints({ kind: 'production' }, undefined));

describe("a production client's handshake", () => {
  it('refuses a server that answers with the sandbox key, in a thread that trusted nothing else', async () => {
    expect((await appErrorOf(clientFor(production()).connect())).code).toBe('SERVER_KEY_MISMATCH');
  });

  it('still refuses it after the sandbox profile and a custom server were used in the same thread', async () => {
    // The sandbox profile, with a real login through it (its handshake trusts the sandbox key).
    const login = await harness.login(harness.gateway({ profile: { kind: 'sandbox' } }));
    expect(login).toBeDefined();
    // A custom server whose key is the sandbox's, likewise used.
    const custom = serverEndpoints(
      {
        kind: 'custom',
        name: 'impostor-friendly',
        dcs: [{ id: 2, host: '127.0.0.1', port: sandbox.portFor(2) }],
        publicKeyPem: sandbox.publicKeyPem,
      },
      undefined,
    );
    await clientFor(custom).connect();

    expect((await appErrorOf(clientFor(production()).connect())).code).toBe('SERVER_KEY_MISMATCH');
  });

  it("still refuses it when the sandbox key sits in GramJS's own table (a stock client's seam)", async () => {
    sandbox.registerRsaKey();
    expect((await appErrorOf(clientFor(production()).connect())).code).toBe('SERVER_KEY_MISMATCH');
  });

  it('takes a custom server’s own key, and refuses a custom server that answers with another', async () => {
    const withKey = (publicKeyPem: string): ServerEndpoints =>
      serverEndpoints(
        {
          kind: 'custom',
          name: 'lab',
          dcs: [{ id: 2, host: '127.0.0.1', port: sandbox.portFor(2) }],
          publicKeyPem,
        },
        undefined,
      );
    await clientFor(withKey(sandbox.publicKeyPem)).connect();
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'pkcs1', format: 'pem' })
      .toString();
    expect((await appErrorOf(clientFor(withKey(other)).connect())).code).toBe('SERVER_KEY_MISMATCH');
  });
});
