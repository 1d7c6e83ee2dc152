import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api } from 'telegram';
import type { TelegramClient } from 'telegram';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { TlWriter } from '../../main/sandbox/tl/tl-writer.ts';
import { ClientPool } from '../support/gram-client.ts';
import {
  clientMsgId,
  decryptAsClient,
  encryptAsClient,
  openContainer,
  rawHandshake,
  RawIntermediate,
  RawSocket,
  receiveUntil,
  serverHeldKey,
} from '../support/raw-mtproto.ts';

let sandbox: Sandbox;
let pool: ClientPool;
let bystander: TelegramClient;

beforeAll(async () => {
  sandbox = await startSandbox({ dcIds: [2] });
  pool = new ClientPool(sandbox);
  bystander = await pool.connected({ dcId: 2 });
});
afterAll(async () => {
  await pool.destroyClients();
  await sandbox.close();
});

const port = (): number => sandbox.portFor(2);

/** After every bad-input case, a client already connected to the same DC is still served. */
afterEach(async () => {
  const nearest = await bystander.invoke(new Api.help.GetNearestDc());
  expect(nearest.thisDc).toBe(2);
});

async function expectClosedForBadInput(socket: RawSocket, send: () => void): Promise<void> {
  const before = sandbox.stats(2).closedForBadInput;
  send();
  await socket.closed;
  expect(sandbox.stats(2).closedForBadInput).toBe(before + 1);
}

describe('bad input closes that connection and nothing else', () => {
  it('garbage bytes that name no transport', async () => {
    const socket = await RawSocket.open(port());
    // Not 0xef / 0xeeeeeeee / 0xdddddddd, bytes 4-8 non-zero: read as an obfuscated header with a bad tag.
    const garbage = Buffer.concat([Buffer.from('0102030405060708', 'hex'), randomBytes(56)]);
    await expectClosedForBadInput(socket, () => {
      socket.write(garbage);
    });
  });

  it('a packet announcing more than the 1 MiB limit, before its body arrives', async () => {
    const raw = await RawIntermediate.open(port());
    const header = Buffer.alloc(4);
    header.writeUInt32LE(16 * 1024 * 1024, 0);
    await expectClosedForBadInput(raw.socket, () => {
      raw.socket.write(header);
    });
  });

  it('a TCPFull frame with a wrong checksum', async () => {
    const socket = await RawSocket.open(port());
    const body = new TlWriter().long(0n).long(clientMsgId()).int(20).raw(randomBytes(20)).toBuffer();
    const frame = Buffer.alloc(12 + body.length);
    frame.writeInt32LE(frame.length, 0);
    frame.writeInt32LE(0, 4);
    body.copy(frame, 8);
    frame.writeUInt32LE(0xdeadbeef, frame.length - 4);
    await expectClosedForBadInput(socket, () => {
      socket.write(frame);
    });
  });

  it('an unencrypted message that is not a handshake step', async () => {
    const raw = await RawIntermediate.open(port());
    await expectClosedForBadInput(raw.socket, () => {
      raw.send(new TlWriter().long(0n).long(clientMsgId()).int(8).raw(randomBytes(8)).toBuffer());
    });
  });

  it('handshake steps out of order', async () => {
    const raw = await RawIntermediate.open(port());
    const reqDhParams = new TlWriter().uint(0xd712e4be).raw(randomBytes(32)).toBuffer();
    await expectClosedForBadInput(raw.socket, () => {
      raw.send(
        new TlWriter().long(0n).long(clientMsgId()).int(reqDhParams.length).raw(reqDhParams).toBuffer(),
      );
    });
  });

  it('an unencrypted length field that runs past the packet', async () => {
    const raw = await RawIntermediate.open(port());
    await expectClosedForBadInput(raw.socket, () => {
      raw.send(new TlWriter().long(0n).long(clientMsgId()).int(4000).raw(randomBytes(8)).toBuffer());
    });
  });

  it('a truncated frame followed by the client hanging up leaves the server serving', async () => {
    const raw = await RawIntermediate.open(port());
    const header = Buffer.alloc(4);
    header.writeUInt32LE(400, 0);
    raw.socket.write(Buffer.concat([header, randomBytes(10)]));
    raw.socket.end();
    await raw.socket.closed;
    expect(raw.socket.isClosed).toBe(true);
  });

  it('a wrong auth key id gets the -404 transport error and the connection is closed', async () => {
    const raw = await RawIntermediate.open(port());
    const before = sandbox.stats(2).closedForBadInput;
    raw.send(Buffer.concat([randomBytes(8), randomBytes(16), randomBytes(48)]));
    const reply = await raw.receive();
    expect(reply.length).toBe(4);
    expect(reply.readInt32LE(0)).toBe(-404);
    await raw.socket.closed;
    expect(sandbox.stats(2).closedForBadInput).toBe(before + 1);
  });

  it('a known auth key with a forged msg_key', async () => {
    const handshake = await rawHandshake(port(), sandbox.publicKeyPem);
    const { salt, connection } = handshake;
    const key = serverHeldKey(handshake);
    const ping = new TlWriter().uint(0x7abe77ec).long(7n).toBuffer();
    const packet = encryptAsClient(key, { salt, sessionId: 1n, msgId: clientMsgId(), seqNo: 1, body: ping });
    packet[10] = (packet[10] ?? 0) ^ 0xff;
    await expectClosedForBadInput(connection.socket, () => {
      connection.send(packet);
    });
  });

  it('a well-encrypted message whose length field lies', async () => {
    const handshake = await rawHandshake(port(), sandbox.publicKeyPem);
    const ping = new TlWriter().uint(0x7abe77ec).long(7n).toBuffer();
    const packet = encryptAsClient(serverHeldKey(handshake), {
      salt: handshake.salt,
      sessionId: 1n,
      msgId: clientMsgId(),
      seqNo: 1,
      body: ping,
      claimedLength: 1000,
    });
    await expectClosedForBadInput(handshake.connection.socket, () => {
      handshake.connection.send(packet);
    });
  });

  it('an rpc_error is the last message of its container (GramJS drops whatever follows one)', async () => {
    const handshake = await rawHandshake(port(), sandbox.publicKeyPem);
    const key = serverHeldKey(handshake);
    const unknown = new TlWriter().uint(0x0badf00d).int(1).toBuffer();
    const ping = new TlWriter().uint(0x7abe77ec).long(42n).toBuffer();
    const first = clientMsgId();
    const container = new TlWriter()
      .uint(0x73f1f8dc)
      .int(2)
      .long(first)
      .int(1)
      .int(unknown.length)
      .raw(unknown)
      .long(first + 4n)
      .int(3)
      .int(ping.length)
      .raw(ping)
      .toBuffer();
    handshake.connection.send(
      encryptAsClient(key, {
        salt: handshake.salt,
        sessionId: 5n,
        msgId: first + 8n,
        seqNo: 4,
        body: container,
      }),
    );
    const seen: Buffer[][] = [];
    while (!seen.flat().some((b) => b.readUInt32LE(0) === 0x347773c5)) {
      seen.push(openContainer(decryptAsClient(key, await handshake.connection.receive()).body));
    }
    const withError = seen.find((bodies) => bodies.some((b) => b.readUInt32LE(0) === 0xf35c6d01));
    expect(withError?.at(-1)?.readUInt32LE(12)).toBe(0x2144ca19);
    handshake.connection.socket.destroy();
  });

  it('a well-encrypted message of an unknown constructor gets 400 SANDBOX_METHOD_UNSUPPORTED', async () => {
    const handshake = await rawHandshake(port(), sandbox.publicKeyPem);
    const { salt, connection } = handshake;
    const key = serverHeldKey(handshake);
    const msgId = clientMsgId();
    const body = new TlWriter().uint(0x0badf00d).int(1).toBuffer();
    connection.send(encryptAsClient(key, { salt, sessionId: 9n, msgId, seqNo: 1, body }));
    const rpcResult = await receiveUntil(key, connection, (b) => b.readUInt32LE(0) === 0xf35c6d01);
    expect(rpcResult.readBigInt64LE(4)).toBe(msgId);
    expect(rpcResult.readUInt32LE(12)).toBe(0x2144ca19);
    expect(rpcResult.readInt32LE(16)).toBe(400);
    expect(rpcResult.subarray(21, 21 + 'SANDBOX_METHOD_UNSUPPORTED'.length).toString()).toBe(
      'SANDBOX_METHOD_UNSUPPORTED',
    );
    expect(connection.socket.isClosed).toBe(false);
    connection.socket.destroy();
  });
});
