import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { RpcFailure } from '../mtproto/rpc-types.ts';

/** How long an exported authorization can be imported (Telegram does not say; clients import at once). */
const EXPORT_TTL_MS = 5 * 60_000;

interface Exported {
  readonly userId: bigint;
  readonly dcId: number;
  readonly expiresAtMs: number;
}

/**
 * auth.exportAuthorization / auth.importAuthorization: how a signed-in client signs in its key on another
 * DC without a new login (GramJS does this for senders on other DCs, e.g. to download files). The bytes
 * are single-use, valid only on the DC they were exported for, and expire after five minutes.
 */
export class ExportedAuthorizations {
  private readonly exported = new Map<string, Exported>();

  constructor(private readonly clock: Clock) {}

  export(userId: bigint, dcId: number): Buffer {
    const bytes = randomBytes(32);
    this.exported.set(bytes.toString('hex'), { userId, dcId, expiresAtMs: this.clock.now() + EXPORT_TTL_MS });
    return bytes;
  }

  /** The user the bytes sign in on this DC; 400 AUTH_BYTES_INVALID otherwise. */
  redeem(userId: bigint, bytes: Buffer, dcId: number): bigint {
    const name = bytes.toString('hex');
    const found = this.exported.get(name);
    if (found?.userId !== userId || found.dcId !== dcId || found.expiresAtMs <= this.clock.now()) {
      throw new RpcFailure(400, 'AUTH_BYTES_INVALID');
    }
    this.exported.delete(name);
    return found.userId;
  }
}
