import bigInt from 'big-integer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api } from 'telegram';
import { Raw } from 'telegram/events';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { ClientPool } from '../support/gram-client.ts';
import { sentCode, signedInClient } from '../support/login.ts';
import {
  clientMsgId,
  decryptAsClient,
  encryptAsClient,
  openContainer,
  rawHandshake,
  serverHeldKey,
} from '../support/raw-mtproto.ts';

let sandbox: Sandbox;
let pool: ClientPool;

beforeAll(async () => {
  sandbox = await startSandbox({ dcIds: [2] });
  pool = new ClientPool(sandbox);
});
afterEach(async () => {
  sandbox.faults.clear();
  await pool.destroyClients();
});
afterAll(async () => {
  await sandbox.close();
});

describe('RPC wrappers', () => {
  it('invokeAfterMsg runs its query only after the message it names has been answered', async () => {
    const handshake = await rawHandshake(sandbox.portFor(2), sandbox.publicKeyPem);
    const key = serverHeldKey(handshake);
    // The first request is held back by the server; the second is free to run at once but must wait.
    sandbox.faults.inject({ method: 'help.GetConfig', delayMs: 300 });
    const first = clientMsgId();
    const second = first + 4n;
    const send = (msgId: bigint, seqNo: number, request: Api.AnyRequest): void => {
      handshake.connection.send(
        encryptAsClient(key, {
          salt: handshake.salt,
          sessionId: 11n,
          msgId,
          seqNo,
          body: request.getBytes(),
        }),
      );
    };
    send(first, 1, new Api.help.GetConfig());
    send(
      second,
      3,
      new Api.InvokeAfterMsg({ msgId: toBigInteger(first), query: new Api.help.GetNearestDc() }),
    );
    const answeredInOrder: bigint[] = [];
    while (answeredInOrder.length < 2) {
      const { body } = decryptAsClient(key, await handshake.connection.receive());
      for (const message of openContainer(body)) {
        if (message.readUInt32LE(0) === 0xf35c6d01) answeredInOrder.push(message.readBigInt64LE(4));
      }
    }
    expect(answeredInOrder).toEqual([first, second]);
    handshake.connection.socket.destroy();
  });

  it('invokeAfterMsgs and invokeWithoutUpdates are unwrapped and answered', async () => {
    const client = await pool.connected({ dcId: 2 });
    const nearest = await client.invoke(
      new Api.InvokeAfterMsgs({
        msgIds: [toBigInteger(1n)],
        query: new Api.InvokeWithoutUpdates({ query: new Api.help.GetNearestDc() }),
      }),
    );
    expect(nearest).toBeInstanceOf(Api.NearestDc);
  });

  it('a session that asked invokeWithoutUpdates gets no pushed updates; a normal one does', async () => {
    const phone = '+15550007001';
    await sandbox.world.addAccount({ phone, firstName: 'Quinn' });
    const quiet = await signedInClient(pool, sandbox, phone, 2);
    const loud = await signedInClient(pool, sandbox, phone, 2);
    await quiet.client.invoke(new Api.InvokeWithoutUpdates({ query: new Api.updates.GetState() }));
    const seen = { quiet: 0, loud: 0 };
    const loudGotIt = new Promise<void>((resolve) => {
      loud.client.addEventHandler((update: unknown) => {
        if (update instanceof Api.UpdateNewMessage) {
          seen.loud++;
          resolve();
        }
      }, new Raw({}));
    });
    quiet.client.addEventHandler((update: unknown) => {
      if (update instanceof Api.UpdateNewMessage) seen.quiet++;
    }, new Raw({}));
    // A third client asks for a code: the account's app sessions are sent it by 777000.
    const third = await pool.connected({ dcId: 2 });
    await sentCode(third, phone);
    await loudGotIt;
    // Give a wrongly delivered push the same time to arrive before checking it did not.
    await quiet.client.invoke(new Api.help.GetNearestDc());
    await loud.client.invoke(new Api.help.GetNearestDc());
    expect(seen).toEqual({ quiet: 0, loud: 1 });
  });
});

function toBigInteger(value: bigint): bigInt.BigInteger {
  return bigInt(value.toString());
}
