import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api, errors } from 'telegram';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { ClientPool } from '../support/gram-client.ts';

let sandbox: Sandbox;
let pool: ClientPool;

beforeAll(async () => {
  sandbox = await startSandbox({ dcIds: [1, 2] });
  pool = new ClientPool(sandbox);
});
afterEach(async () => {
  sandbox.faults.clear();
  await pool.destroyClients();
});
afterAll(async () => {
  await sandbox.close();
});

function settledWithin<T>(promise: Promise<T>, ms: number): Promise<boolean> {
  return Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => {
      setTimeout(() => {
        resolve(false);
      }, ms);
    }),
  ]);
}

describe('faults scripted from tests', () => {
  it('answers the next N matching calls with an RPC error, then normally', async () => {
    const client = await pool.connected({ dcId: 2 });
    sandbox.faults.inject({
      method: 'help.getNearestDc',
      times: 2,
      error: { code: 400, message: 'SCRIPTED_ERROR' },
    });
    for (let i = 0; i < 2; i++) {
      const error = await client.invoke(new Api.help.GetNearestDc()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(errors.RPCError);
      expect((error as errors.RPCError).errorMessage).toBe('SCRIPTED_ERROR');
    }
    expect((await client.invoke(new Api.help.GetNearestDc())).thisDc).toBe(2);
    expect(sandbox.faults.pending).toBe(0);
  });

  it('matches by DC: a fault for DC 1 leaves DC 2 alone', async () => {
    const onTwo = await pool.connected({ dcId: 2 });
    const onOne = await pool.connected({ dcId: 1 });
    sandbox.faults.inject({
      dc: 1,
      method: 'help.GetNearestDc',
      error: { code: 420, message: 'FLOOD_WAIT_77' },
    });
    expect((await onTwo.invoke(new Api.help.GetNearestDc())).thisDc).toBe(2);
    const error = await onOne.invoke(new Api.help.GetNearestDc()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.FloodWaitError);
    expect((error as errors.FloodWaitError).seconds).toBe(77);
  });

  it('matches by phone number in any formatting', async () => {
    const client = await pool.connected({ dcId: 2 });
    sandbox.faults.inject({ phone: '+1 (555) 010-0001', error: { code: 400, message: 'PHONE_SCRIPTED' } });
    const other = await client
      .invoke(new Api.auth.CancelCode({ phoneNumber: '15550100002', phoneCodeHash: 'x' }))
      .catch((e: unknown) => e);
    expect((other as errors.RPCError).errorMessage).not.toBe('PHONE_SCRIPTED');
    const error = await client
      .invoke(new Api.auth.CancelCode({ phoneNumber: '15550100001', phoneCodeHash: 'x' }))
      .catch((e: unknown) => e);
    expect((error as errors.RPCError).errorMessage).toBe('PHONE_SCRIPTED');
  });

  it('drops the socket instead of answering; GramJS reconnects and the request still resolves', async () => {
    const client = await pool.connected({ dcId: 2 });
    const connectionsBefore = sandbox.stats(2).connections;
    sandbox.faults.inject({ method: 'help.GetNearestDc', drop: true });
    const nearest = await client.invoke(new Api.help.GetNearestDc());
    expect(nearest.thisDc).toBe(2);
    expect(sandbox.stats(2).connections).toBe(connectionsBefore + 1);
  });

  it('delays an answer: a later call overtakes it', async () => {
    const client = await pool.connected({ dcId: 2 });
    sandbox.faults.inject({ method: 'help.GetNearestDc', delayMs: 400 });
    const order: string[] = [];
    const slow = client.invoke(new Api.help.GetNearestDc()).then(() => order.push('delayed'));
    const fast = client.invoke(new Api.help.GetConfig()).then(() => order.push('undelayed'));
    await Promise.all([slow, fast]);
    expect(order).toEqual(['undelayed', 'delayed']);
  });

  it('forgets the auth key: the client gets -404 and its in-flight call never settles', async () => {
    const client = await pool.connected({ dcId: 2 });
    const keysBefore = sandbox.authKeyCount(2);
    sandbox.faults.inject({ method: 'help.GetNearestDc', forgetAuthKey: true });
    const pending = client.invoke(new Api.help.GetNearestDc());
    // GramJS has no per-request timeout: after -404 the call hangs, which the app must guard against.
    expect(await settledWithin(pending, 1500)).toBe(false);
    expect(sandbox.faults.pending).toBe(0);
    expect(sandbox.authKeyCount(2)).toBe(keysBefore - 1);
    // Other clients are unaffected, and a new client handshakes a new key.
    const fresh = await pool.connected({ dcId: 2 });
    expect((await fresh.invoke(new Api.help.GetNearestDc())).thisDc).toBe(2);
    expect(sandbox.authKeyCount(2)).toBe(keysBefore);
  });

  it('fails the handshake: with one try connect() resolves false, with more it succeeds', async () => {
    sandbox.faults.failHandshake({ dc: 2 });
    const once = pool.create({ dcId: 2, connectionRetries: 1 });
    expect(await once.connect()).toBe(false);

    sandbox.faults.failHandshake({ dc: 2, step: 'set_client_DH_params' });
    const before = sandbox.stats(2).handshakes;
    const retrying = pool.create({ dcId: 2, connectionRetries: 3 });
    expect(await retrying.connect()).toBe(true);
    expect(sandbox.stats(2).handshakes).toBe(before + 1);
  });

  it('drops every connection at once (an outage); clients reconnect by themselves', async () => {
    const a = await pool.connected({ dcId: 1 });
    const b = await pool.connected({ dcId: 2 });
    expect(sandbox.dropAllConnections()).toBeGreaterThanOrEqual(2);
    expect((await a.invoke(new Api.help.GetNearestDc())).thisDc).toBe(1);
    expect((await b.invoke(new Api.help.GetNearestDc())).thisDc).toBe(2);
  });
});
