import type { Clock } from '../clock.ts';
import type { AuthKeyRecord, AuthKeyStore } from '../mtproto/auth-keys.ts';

/**
 * What the world knows of the network: which DCs exist, their ports, their auth keys, and how to reach
 * the live sessions of an auth key to push updates.
 */
export class SandboxTopology {
  private readonly ports = new Map<number, number>();

  constructor(
    readonly dcIds: readonly number[],
    readonly keyStores: ReadonlyMap<number, AuthKeyStore>,
    readonly clock: Clock,
  ) {}

  setPort(dcId: number, port: number): void {
    this.ports.set(dcId, port);
  }

  portFor(dcId: number): number {
    const port = this.ports.get(dcId);
    if (port === undefined) throw new RangeError(`the sandbox has no DC ${dcId}`);
    return port;
  }

  authKey(dcId: number, authKeyId: bigint): AuthKeyRecord | undefined {
    return this.keyStores.get(dcId)?.get(authKeyId);
  }

  /**
   * Sends a serialised Updates object to every live session of an auth key that did not opt out of
   * updates. Returns how many sessions received it.
   */
  pushUpdates(dcId: number, authKeyId: bigint, updates: Buffer): number {
    const record = this.authKey(dcId, authKeyId);
    if (!record) return 0;
    let delivered = 0;
    for (const session of record.sessions.values()) {
      const connection = session.connection;
      if (!connection || connection.closed || session.withoutUpdates) continue;
      connection.push(record, session, updates);
      delivered++;
    }
    return delivered;
  }
}
