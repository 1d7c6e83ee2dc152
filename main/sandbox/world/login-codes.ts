import { randomBytes } from 'node:crypto';
import type { IssuedCode } from './code-delivery.ts';
import { keyName, type KeyRef } from './authorizations.ts';

/**
 * - active: the code can be typed in (auth.signIn).
 * - verified: the right code was typed for a number without an account; auth.signUp may follow.
 * - used: it signed somebody in (or up).
 * - replaced: a resend (or a new sendCode from the same key) issued a newer hash.
 * - cancelled: auth.cancelCode.
 */
export type LoginCodeState = 'active' | 'verified' | 'used' | 'replaced' | 'cancelled';

/** A login email being added on a setUpEmail rung (account.sendVerifyEmailCode, then verifyEmail). */
export interface PendingEmail {
  readonly email: string;
  readonly code: string;
  readonly expiresAtMs: number;
}

/** One phone_code_hash: the code it stands for, who asked for it and where it is on the ladder. */
export class LoginCode {
  state: LoginCodeState = 'active';
  pendingEmail: PendingEmail | undefined;

  constructor(
    readonly hash: string,
    readonly phone: string,
    /** The auth key that asked; only it may use the hash (another key gets PHONE_CODE_EXPIRED). */
    readonly key: KeyRef,
    readonly rungIndex: number,
    readonly issued: IssuedCode,
    readonly issuedAtMs: number,
    readonly expiresAtMs: number,
  ) {}
}

export class LoginCodeStore {
  private readonly byHash = new Map<string, LoginCode>();

  issue(
    phone: string,
    key: KeyRef,
    rungIndex: number,
    issued: IssuedCode,
    nowMs: number,
    ttlMs: number,
  ): LoginCode {
    this.sweep(nowMs);
    let hash = randomBytes(9).toString('hex');
    while (this.byHash.has(hash)) hash = randomBytes(9).toString('hex');
    const code = new LoginCode(hash, phone, key, rungIndex, issued, nowMs, nowMs + ttlMs);
    this.byHash.set(hash, code);
    return code;
  }

  get(hash: string): LoginCode | undefined {
    return this.byHash.get(hash);
  }

  /** Marks every open code of this phone asked for by this key as replaced (a new sendCode starts over). */
  replaceOpen(phone: string, key: KeyRef): void {
    const name = keyName(key);
    for (const code of this.byHash.values()) {
      if (
        code.phone === phone &&
        keyName(code.key) === name &&
        (code.state === 'active' || code.state === 'verified')
      ) {
        code.state = 'replaced';
      }
    }
  }

  /** Forgets codes that expired long ago, so a long-running demo does not grow without bound. */
  private sweep(nowMs: number): void {
    if (this.byHash.size < 5_000) return;
    for (const [hash, code] of this.byHash) {
      if (code.expiresAtMs < nowMs - 3_600_000) this.byHash.delete(hash);
    }
  }
}
