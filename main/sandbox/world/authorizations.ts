import { createHash } from 'node:crypto';

/** An auth key, as the world names it: keys are per DC, so the DC is part of the name. */
export interface KeyRef {
  readonly dcId: number;
  readonly authKeyId: bigint;
}

export function keyName(key: KeyRef): string {
  return `${key.dcId}:${key.authKeyId}`;
}

function keyRefOf(name: string): KeyRef {
  const [dcId = '0', authKeyId = '0'] = name.split(':');
  return { dcId: Number(dcId), authKeyId: BigInt(authKeyId) };
}

/** One signed-in auth key: a row of account.getAuthorizations. */
export interface SignedInKey {
  readonly key: KeyRef;
  readonly userId: bigint;
  /** The authorization's hash (never 0: Telegram shows the current session with hash 0). */
  readonly hash: bigint;
  readonly signedInAtMs: number;
}

/**
 * The hash of the authorization of `userId` on `key`: derived from both, so it is known before the key
 * signs in (auth.acceptLoginToken returns the new session's Authorization before the exporter is in).
 */
export function authorizationHash(key: KeyRef, userId: bigint): bigint {
  const hash = createHash('sha256')
    .update(`${keyName(key)}/${userId}`)
    .digest()
    .readBigInt64LE(0);
  return hash === 0n ? 1n : hash;
}

/** Why a key that was signed in no longer is; its authorized calls answer 401 with this. */
export type SignedOutReason = 'SESSION_REVOKED';

/**
 * Which user each auth key is signed in as. Logging out forgets the key (its calls then get 401
 * AUTH_KEY_UNREGISTERED, like a key that never signed in); a key signed out from another session
 * (account.resetAuthorization, auth.resetAuthorizations) is remembered as revoked and gets
 * 401 SESSION_REVOKED until it signs in again.
 */
export class AuthorizationStore {
  private readonly byKey = new Map<string, SignedInKey>();
  private readonly revoked = new Map<string, SignedOutReason>();

  bind(key: KeyRef, userId: bigint, nowMs: number): SignedInKey {
    const name = keyName(key);
    this.revoked.delete(name);
    const existing = this.byKey.get(name);
    if (existing?.userId === userId) return existing;
    const record: SignedInKey = { key, userId, hash: authorizationHash(key, userId), signedInAtMs: nowMs };
    this.byKey.set(name, record);
    return record;
  }

  unbind(key: KeyRef, reason?: SignedOutReason): SignedInKey | undefined {
    const name = keyName(key);
    const record = this.byKey.get(name);
    this.byKey.delete(name);
    if (record && reason) this.revoked.set(name, reason);
    return record;
  }

  get(key: KeyRef): SignedInKey | undefined {
    return this.byKey.get(keyName(key));
  }

  revokedReason(key: KeyRef): SignedOutReason | undefined {
    return this.revoked.get(keyName(key));
  }

  /** Every signed-in key (for saving the world). */
  entries(): SignedInKey[] {
    return [...this.byKey.values()];
  }

  /** Every revoked key and why (for saving the world). */
  revokedEntries(): { readonly key: KeyRef; readonly reason: SignedOutReason }[] {
    return [...this.revoked].map(([name, reason]) => ({ key: keyRefOf(name), reason }));
  }

  /** Remembers a key as revoked (loading a saved world). */
  markRevoked(key: KeyRef, reason: SignedOutReason): void {
    this.byKey.delete(keyName(key));
    this.revoked.set(keyName(key), reason);
  }

  keysOf(userId: bigint): SignedInKey[] {
    return [...this.byKey.values()].filter((r) => r.userId === userId);
  }
}
