import { generateKeyPairSync } from 'node:crypto';
import { Logger, LogLevel } from 'telegram/extensions/Logger';
import { _serverKeys } from 'telegram/crypto/RSA';
import { PromisedNetSockets } from 'telegram/extensions';
import { ConnectionTCPFull } from 'telegram/network';
import { describe, expect, it } from 'vitest';
import { UnknownDcError } from '../../main/telegram/gramjs/connection-classes.ts';
import { serverEndpoints, TEST_DC_ADDRESSES } from '../../main/telegram/server-endpoints.ts';

/**
 * Where each profile sends each DC (the connection classes GramJS is given). Which keys each trusts is
 * test/telegram/server-trust.test.ts's; here: that making endpoints never adds a key to GramJS's table.
 */

function addressOf(
  endpoints: ReturnType<typeof serverEndpoints>,
  dcId: number,
): { ip: string; port: number } {
  const connection = new endpoints.connection({
    ip: '203.0.113.1',
    port: 80,
    dcId,
    loggers: new Logger(LogLevel.NONE),
    socket: PromisedNetSockets,
    testServers: false,
  });
  return { ip: connection._ip, port: connection._port };
}

describe('server endpoints', () => {
  it('production: GramJS’s own transport (with Telegram’s keys only) and start DC', () => {
    const endpoints = serverEndpoints({ kind: 'production' }, undefined);
    expect(endpoints.connection.prototype).toBeInstanceOf(ConnectionTCPFull);
    expect(endpoints.initialDc).toBeUndefined();
    // No address override: GramJS's own DC table.
    expect(addressOf(endpoints, 2)).toEqual({ ip: '203.0.113.1', port: 80 });
  });

  it('test: the three test DCs on port 443, starting on DC 2', () => {
    const endpoints = serverEndpoints({ kind: 'test' }, undefined);
    expect(endpoints.initialDc).toEqual({ id: 2, ip: '149.154.167.40' });
    expect([1, 2, 3].map((dc) => addressOf(endpoints, dc))).toEqual([
      { ip: '149.154.175.10', port: 443 },
      { ip: '149.154.167.40', port: 443 },
      { ip: '149.154.175.117', port: 443 },
    ]);
    expect(Object.keys(TEST_DC_ADDRESSES)).toEqual(['1', '2', '3']);
  });

  it('custom: each listed DC at its host and port, and GramJS’s key table left as it was', () => {
    const publicKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'pkcs1', format: 'pem' })
      .toString();
    const before = _serverKeys.size;
    const endpoints = serverEndpoints(
      {
        kind: 'custom',
        name: 'lab',
        dcs: [
          { id: 1, host: 'dc1.lab.example', port: 4431 },
          { id: 7, host: '10.1.2.3', port: 4437 },
        ],
        publicKeyPem,
      },
      undefined,
    );
    expect(_serverKeys.size).toBe(before);
    expect(endpoints.initialDc).toEqual({ id: 1, ip: 'dc1.lab.example' });
    expect(addressOf(endpoints, 7)).toEqual({ ip: '10.1.2.3', port: 4437 });
  });

  it('custom: a DC the profile does not list is never dialled (SERVER_DC_UNKNOWN, not the announced address)', async () => {
    const endpoints = serverEndpoints(
      {
        kind: 'custom',
        name: 'lab',
        dcs: [{ id: 1, host: 'dc1.lab.example', port: 4431 }],
        publicKeyPem: generateKeyPairSync('rsa', { modulusLength: 2048 })
          .publicKey.export({ type: 'pkcs1', format: 'pem' })
          .toString(),
      },
      undefined,
    );
    const unlisted = new endpoints.connection({
      ip: '203.0.113.1',
      port: 80,
      dcId: 3,
      loggers: new Logger(LogLevel.NONE),
      socket: PromisedNetSockets,
      testServers: false,
    });
    await expect(unlisted.connect()).rejects.toThrow(new UnknownDcError(3));
  });

  it('sandbox: needs the sandbox endpoint', () => {
    expect(() => serverEndpoints({ kind: 'sandbox' }, undefined)).toThrow(/sandbox endpoint/);
  });
});
