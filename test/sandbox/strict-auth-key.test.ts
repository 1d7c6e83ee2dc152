import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { rawHandshake } from '../support/raw-mtproto.ts';

let mirroring: Sandbox;
let strict: Sandbox;

beforeAll(async () => {
  mirroring = await startSandbox({ dcIds: [2] });
  strict = await startSandbox({ dcIds: [2], strictAuthKeyPadding: true });
});
afterAll(async () => {
  await mirroring.close();
  await strict.close();
});

describe('auth keys whose g_ab starts with a zero byte', () => {
  it('by default the server mirrors GramJS and drops the leading zero', async () => {
    const result = await rawHandshake(mirroring.portFor(2), mirroring.publicKeyPem, { leadingZeroKey: true });
    expect(result.fullKey[0]).toBe(0);
    expect(result.serverKeyForm).toBe('stripped');
    result.connection.socket.destroy();
  });

  it('in strict mode the key is always 256 bytes, as on Telegram', async () => {
    const result = await rawHandshake(strict.portFor(2), strict.publicKeyPem, { leadingZeroKey: true });
    expect(result.fullKey[0]).toBe(0);
    expect(result.serverKeyForm).toBe('full');
    result.connection.socket.destroy();
  });

  it('keys without a leading zero are 256 bytes in both modes', async () => {
    for (const sandbox of [mirroring, strict]) {
      const result = await rawHandshake(sandbox.portFor(2), sandbox.publicKeyPem, { leadingZeroKey: false });
      expect(result.fullKey).toHaveLength(256);
      expect(result.serverKeyForm).toBe('full');
      result.connection.socket.destroy();
    }
  });
});
