import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api } from 'telegram';
import { ConnectionTCPAbridged, ConnectionTCPFull, ConnectionTCPObfuscated } from 'telegram/network';
import {
  sandboxConnection,
  startSandbox,
  type GramConnectionClass,
  type Sandbox,
} from '../../main/sandbox/index.ts';
import {
  ConnectionTCPIntermediate,
  ConnectionTCPObfuscatedIntermediate,
  ConnectionTCPObfuscatedPadded,
  ConnectionTCPPaddedIntermediate,
} from '../support/extra-transports.ts';
import { ClientPool } from '../support/gram-client.ts';

let sandbox: Sandbox;
let pool: ClientPool;

beforeAll(async () => {
  sandbox = await startSandbox({ dcIds: [1, 2, 3, 4, 5] });
  pool = new ClientPool(sandbox);
});
afterEach(async () => {
  await pool.destroyClients();
});
afterAll(async () => {
  await sandbox.close();
});

const transports: [string, GramConnectionClass, number][] = [
  ['full', ConnectionTCPFull, 1],
  ['abridged', ConnectionTCPAbridged, 2],
  ['intermediate', ConnectionTCPIntermediate, 3],
  ['paddedIntermediate', ConnectionTCPPaddedIntermediate, 4],
  ['obfuscated abridged', ConnectionTCPObfuscated, 5],
  ['obfuscated intermediate', ConnectionTCPObfuscatedIntermediate, 1],
  ['obfuscated paddedIntermediate', ConnectionTCPObfuscatedPadded, 2],
];

describe('every MTProto transport', () => {
  it.each(transports)(
    '%s: handshake, a gzip-packed help.getConfig and a small RPC',
    async (name, base, dcId) => {
      const seenBefore = sandbox.stats(dcId).transports.get(name) ?? 0;
      const gzippedBefore = sandbox.stats(dcId).gzippedResults;
      const client = await pool.connected({ dcId, connection: sandboxConnection(sandbox.portFor, base) });
      // help.getConfig is larger than 512 bytes, so the sandbox sends it gzip_packed.
      const config = await client.invoke(new Api.help.GetConfig());
      expect(config.thisDc).toBe(dcId);
      expect(config.dcOptions.filter((o) => !o.ipv6 && !o.mediaOnly)).toHaveLength(5);
      expect(sandbox.stats(dcId).gzippedResults).toBeGreaterThan(gzippedBefore);
      const nearest = await client.invoke(new Api.help.GetNearestDc());
      expect(nearest.thisDc).toBe(dcId);
      expect(sandbox.stats(dcId).transports.get(name)).toBe(seenBefore + 1);
    },
  );
});
