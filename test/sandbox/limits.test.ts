import { afterEach, describe, expect, it } from 'vitest';
import { Api } from 'telegram';
import { startSandbox, type DcLimits, type Sandbox } from '../../main/sandbox/index.ts';
import { ClientPool } from '../support/gram-client.ts';
import { RawIntermediate, RawSocket } from '../support/raw-mtproto.ts';

const opened: { sandbox: Sandbox; pool?: ClientPool }[] = [];

async function sandboxWith(limits: Partial<DcLimits>): Promise<Sandbox> {
  const sandbox = await startSandbox({ dcIds: [2], limits });
  opened.push({ sandbox });
  return sandbox;
}

afterEach(async () => {
  for (const { sandbox, pool } of opened.splice(0)) {
    await pool?.destroyClients();
    await sandbox.close();
  }
});

/** Resolves true when the socket closes within ms, false when it is still open then. */
function closesWithin(socket: RawSocket, ms: number): Promise<boolean> {
  return Promise.race([
    socket.closed.then(() => true),
    new Promise<boolean>((resolve) =>
      setTimeout(() => {
        resolve(false);
      }, ms),
    ),
  ]);
}

describe('the sandbox DC bounds what one local client can make it hold', () => {
  it('closes a connection that sends more than maxBytesBeforeAuth with no auth key', async () => {
    const sandbox = await sandboxWith({ maxBytesBeforeAuth: 64 * 1024 });
    const raw = await RawIntermediate.open(sandbox.portFor(2));
    const before = sandbox.stats(2).closedForBadInput;
    // Under the transport's 1 MiB packet limit, so only the pre-auth budget can stop it.
    const header = Buffer.alloc(4);
    header.writeUInt32LE(512 * 1024, 0);
    raw.socket.write(header);
    for (let i = 0; i < 8 && !raw.socket.isClosed; i++) raw.socket.write(Buffer.alloc(16 * 1024, i));
    await raw.socket.closed;
    expect(sandbox.stats(2).closedForBadInput).toBe(before + 1);
  });

  it('keeps a connection that stays under the budget open', async () => {
    const sandbox = await sandboxWith({ maxBytesBeforeAuth: 64 * 1024 });
    const raw = await RawIntermediate.open(sandbox.portFor(2));
    const header = Buffer.alloc(4);
    header.writeUInt32LE(512 * 1024, 0);
    raw.socket.write(Buffer.concat([header, Buffer.alloc(32 * 1024)]));
    expect(await closesWithin(raw.socket, 300)).toBe(false);
    raw.socket.destroy();
  });

  it('closes a silent connection after idleTimeoutMs, and does not count it as bad input', async () => {
    const sandbox = await sandboxWith({ idleTimeoutMs: 200 });
    const socket = await RawSocket.open(sandbox.portFor(2));
    expect(await closesWithin(socket, 3000)).toBe(true);
    expect(sandbox.stats(2).closedForBadInput).toBe(0);
  });

  it('refuses connections beyond maxConnections and takes new ones once one closes', async () => {
    const sandbox = await sandboxWith({ maxConnections: 2 });
    const port = sandbox.portFor(2);
    const first = await RawSocket.open(port);
    const second = await RawSocket.open(port);
    const third = await RawSocket.open(port);
    expect(await closesWithin(third, 3000)).toBe(true);
    expect(sandbox.stats(2).refusedConnections).toBe(1);
    expect(await closesWithin(second, 100)).toBe(false);

    first.destroy();
    await first.closed;
    // The server learns of the close a moment after the client: try until a newcomer is kept.
    let kept: RawSocket | undefined;
    for (let attempt = 0; attempt < 20 && kept === undefined; attempt++) {
      const next = await RawSocket.open(port);
      if (!(await closesWithin(next, 150))) kept = next;
    }
    expect(kept).toBeDefined();
    kept?.destroy();
    second.destroy();
  });

  it('serves a real GramJS client under a small pre-auth budget', async () => {
    const sandbox = await sandboxWith({ maxBytesBeforeAuth: 4096 });
    const pool = new ClientPool(sandbox);
    opened[opened.length - 1] = { sandbox, pool };
    const client = await pool.connected({ dcId: 2 });
    const nearest = await client.invoke(new Api.help.GetNearestDc());
    expect(nearest.thisDc).toBe(2);
    expect(sandbox.stats(2).closedForBadInput).toBe(0);
  });
});
