import { randomBytes } from 'node:crypto';
import type { KeyRef } from './authorizations.ts';

/**
 * QR-login tokens. An `export` token belongs to the auth key that exported it and waits to be accepted
 * by a signed-in session (auth.acceptLoginToken); a `migrate` token is what the exporter is handed when
 * the accepting account lives on another DC, to be imported there (auth.importLoginToken).
 */
export interface LoginToken {
  readonly token: Buffer;
  readonly kind: 'export' | 'migrate';
  /** The exporting key (migrate tokens: the key that exported the original). */
  readonly owner: KeyRef;
  readonly exceptIds: readonly bigint[];
  readonly expiresAtMs: number;
  /** export tokens: the user who accepted it. migrate tokens: the user to log in. */
  acceptedBy: bigint | undefined;
  /** When it was accepted: an accepted token logs its exporter in for one more TTL from then. */
  acceptedAtMs: number | undefined;
  /** migrate tokens: the DC that may import it. */
  readonly dcId: number | undefined;
  used: boolean;
}

export class LoginTokenStore {
  private readonly tokens = new Map<string, LoginToken>();

  create(
    kind: LoginToken['kind'],
    owner: KeyRef,
    expiresAtMs: number,
    extra: { exceptIds?: readonly bigint[]; acceptedBy?: bigint; dcId?: number } = {},
  ): LoginToken {
    const token = randomBytes(32);
    const record: LoginToken = {
      token,
      kind,
      owner,
      exceptIds: extra.exceptIds ?? [],
      expiresAtMs,
      acceptedBy: extra.acceptedBy,
      acceptedAtMs: undefined,
      dcId: extra.dcId,
      used: false,
    };
    this.tokens.set(token.toString('hex'), record);
    return record;
  }

  get(token: Buffer): LoginToken | undefined {
    return this.tokens.get(token.toString('hex'));
  }

  /** Export tokens of a key that were accepted but have not logged it in yet, newest first. */
  acceptedFor(owner: KeyRef): LoginToken | undefined {
    let found: LoginToken | undefined;
    for (const t of this.tokens.values()) {
      if (
        t.kind === 'export' &&
        !t.used &&
        t.acceptedBy !== undefined &&
        t.owner.dcId === owner.dcId &&
        t.owner.authKeyId === owner.authKeyId
      ) {
        found = t;
      }
    }
    return found;
  }

  /** Forgets tokens that expired a while ago. */
  sweep(nowMs: number): void {
    for (const [name, t] of this.tokens) if (t.expiresAtMs < nowMs - 600_000) this.tokens.delete(name);
  }
}
