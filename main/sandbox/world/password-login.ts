import { randomBytes } from 'node:crypto';
import { RpcFailure } from '../mtproto/rpc-types.ts';
import type { Account } from './accounts.ts';
import { keyName, type KeyRef } from './authorizations.ts';
import { srpChallenge, srpVerify, type SrpChallenge } from './srp.ts';
import type { PasswordLoginWorld } from './login-parts.ts';

/** What account.getPassword tells one key. */
export interface PasswordState {
  readonly account: Account;
  /** Present when the account has a password: this request's SRP parameters. */
  readonly srp?: { readonly id: bigint; readonly B: Buffer };
}

interface IssuedChallenge {
  readonly srpId: bigint;
  readonly userId: bigint;
  readonly challenge: SrpChallenge;
}

/**
 * The 2FA step of a login. A key that proved the code (or a future auth token, or a QR token) of an
 * account with a password is "pending": it may call account.getPassword and auth.checkPassword.
 * Each getPassword issues a fresh srp_id and forgets the previous one; checkPassword consumes it
 * whatever the outcome, so a stale or reused srp_id is 400 SRP_ID_INVALID.
 */
export class PasswordLogin {
  private readonly pending = new Map<string, bigint>();
  private readonly challenges = new Map<string, IssuedChallenge>();

  constructor(private readonly world: PasswordLoginWorld) {}

  /** Marks the key as waiting for the account's password and answers 401 SESSION_PASSWORD_NEEDED. */
  require(key: KeyRef, account: Account): never {
    this.pending.set(keyName(key), account.id);
    throw new RpcFailure(401, 'SESSION_PASSWORD_NEEDED');
  }

  clear(key: KeyRef): void {
    this.pending.delete(keyName(key));
    this.challenges.delete(keyName(key));
  }

  /** The account whose password this key may check: the one it is signed in as, or the pending one. */
  private accountFor(key: KeyRef): Account {
    const signedIn = this.world.authorizations.get(key);
    const userId = signedIn?.userId ?? this.pending.get(keyName(key));
    const account = userId === undefined ? undefined : this.world.accounts.byId(userId);
    if (!account)
      throw new RpcFailure(401, this.world.authorizations.revokedReason(key) ?? 'AUTH_KEY_UNREGISTERED');
    return account;
  }

  getPassword(key: KeyRef): PasswordState {
    const account = this.accountFor(key);
    const twoFactor = account.twoFactor;
    if (!twoFactor) return { account };
    const challenge = srpChallenge(twoFactor.verifier);
    const srpId = randomBytes(8).readBigInt64LE(0);
    this.challenges.set(keyName(key), { srpId, userId: account.id, challenge });
    return { account, srp: { id: srpId, B: challenge.B } };
  }

  /** auth.checkPassword: the account on success, else 400 PASSWORD_HASH_INVALID / SRP_ID_INVALID / 420 FLOOD_WAIT_X. */
  checkPassword(key: KeyRef, check: { srpId: bigint; A: Buffer; M1: Buffer } | undefined): Account {
    const account = this.accountFor(key);
    const twoFactor = account.twoFactor;
    if (!twoFactor) throw new RpcFailure(400, 'PASSWORD_EMPTY');
    if (!check) throw new RpcFailure(400, 'PASSWORD_HASH_INVALID');
    this.world.limits.wrongPasswords.check(account.phone);
    const issued = this.challenges.get(keyName(key));
    if (issued?.srpId !== check.srpId || issued.userId !== account.id) {
      throw new RpcFailure(400, 'SRP_ID_INVALID');
    }
    this.challenges.delete(keyName(key));
    if (!srpVerify(twoFactor.verifier, issued.challenge, check.A, check.M1)) {
      this.world.limits.wrongPasswords.record(account.phone);
      throw new RpcFailure(400, 'PASSWORD_HASH_INVALID');
    }
    this.pending.delete(keyName(key));
    return account;
  }
}
