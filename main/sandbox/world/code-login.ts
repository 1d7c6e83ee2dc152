import { RpcFailure } from '../mtproto/rpc-types.ts';
import type { Account } from './accounts.ts';
import { keyName, type KeyRef } from './authorizations.ts';
import { codeMatches, deliveryText, emailPattern, issueCode, type IssuedCode } from './code-delivery.ts';
import type { LoginCode, LoginCodeState } from './login-codes.ts';
import { normalizePhone } from './phone-numbers.ts';
import type { DeliveryRung } from './world-file.ts';
import type { CodeLoginWorld, LoginResult } from './login-parts.ts';

/** Seconds until a resend is sensible when a rung does not say. */
export const DEFAULT_RESEND_TIMEOUT = 60;

/** auth.sentCode, as the world describes it; rpc/auth.ts turns it into TL. */
export interface CodeSent {
  readonly kind: 'sent';
  readonly code: LoginCode;
  readonly rung: DeliveryRung;
  /** The rung a resendCode would use, if any. */
  readonly nextRung: DeliveryRung | undefined;
  /** Seconds until resending is sensible; absent on the last rung. */
  readonly timeout: number | undefined;
}

/** auth.sentCodeSuccess: a future auth token logged the key in without a code. */
export interface CodeSkipped {
  readonly kind: 'loggedIn';
  readonly login: LoginResult;
}

export type SignInResult =
  { readonly kind: 'loggedIn'; readonly login: LoginResult } | { readonly kind: 'signUpRequired' };

export interface EmailCheck {
  readonly code?: string;
  /** A Google or Apple sign-in token instead of a code: the sandbox does not accept those. */
  readonly token?: string;
}

function fail(code: number, message: string): never {
  throw new RpcFailure(code, message);
}

/** Phone numbers in requests; anything malformed is 400 PHONE_NUMBER_INVALID. */
export function phoneOrFail(raw: string): string {
  return normalizePhone(raw) ?? fail(400, 'PHONE_NUMBER_INVALID');
}

/**
 * The phone-code login: auth.sendCode / resendCode / cancelCode / signIn / signUp, and the login-email
 * set-up of a setUpEmail rung (account.sendVerifyEmailCode / verifyEmail with purpose loginSetup).
 *
 * A phone_code_hash works only for the auth key (and so the DC) that asked for it, as on Telegram: any
 * other key, or a hash that was cancelled, replaced by a resend, used, or is past its TTL, gets
 * 400 PHONE_CODE_EXPIRED. A wrong code leaves the hash usable (400 PHONE_CODE_INVALID), until the
 * per-phone wrong-code limit answers 420 FLOOD_WAIT_X.
 */
export class CodeLogin {
  constructor(private readonly world: CodeLoginWorld) {}

  sendCode(
    key: KeyRef,
    rawPhone: string,
    apiId: number,
    logoutTokens: readonly Buffer[],
  ): CodeSent | CodeSkipped {
    const phone = phoneOrFail(rawPhone);
    if (apiId <= 0) fail(400, 'API_ID_INVALID');
    const account = this.world.accountForLogin(phone);
    if (account.homeDc !== key.dcId) fail(303, `PHONE_MIGRATE_${account.homeDc}`);
    if (account.banned) fail(400, 'PHONE_NUMBER_BANNED');
    if (
      logoutTokens.length > 0 &&
      account.registered &&
      this.world.futureAuthTokens.redeem(account.id, logoutTokens)
    ) {
      // Throws 401 SESSION_PASSWORD_NEEDED when the account has 2FA: getPassword/checkPassword finish it.
      return { kind: 'loggedIn', login: this.world.completeLogin(key, account) };
    }
    this.world.limits.codesSent.check(phone);
    this.world.codes.replaceOpen(phone, key);
    return this.deliver(account, key, 0, this.rungAt(account, 0));
  }

  resendCode(key: KeyRef, rawPhone: string, hash: string): CodeSent {
    const phone = phoneOrFail(rawPhone);
    const code = this.open(key, phone, hash, ['active']);
    const account = this.accountOf(phone);
    const next = code.rungIndex + 1;
    // Past the last rung the current code stays usable; there is just no other way to deliver it.
    if (next >= account.delivery.ladder.length) fail(406, 'SEND_CODE_UNAVAILABLE');
    this.world.limits.codesSent.check(phone);
    code.state = 'replaced';
    return this.deliver(account, key, next, this.rungAt(account, next));
  }

  cancelCode(key: KeyRef, rawPhone: string, hash: string): void {
    const phone = phoneOrFail(rawPhone);
    this.open(key, phone, hash, ['active', 'verified']).state = 'cancelled';
  }

  signIn(
    key: KeyRef,
    rawPhone: string,
    hash: string,
    phoneCode: string | undefined,
    email: EmailCheck | undefined,
  ): SignInResult {
    const phone = phoneOrFail(rawPhone);
    const code = this.open(key, phone, hash, ['active']);
    const account = this.accountOf(phone);
    if (account.banned) fail(400, 'PHONE_NUMBER_BANNED');
    const typed = this.typedCode(code.issued, phoneCode, email);
    this.world.limits.wrongCodes.check(phone);
    if (!codeMatches(code.issued, typed)) {
      this.world.limits.wrongCodes.record(phone);
      fail(400, 'PHONE_CODE_INVALID');
    }
    if (!account.registered) {
      code.state = 'verified';
      return { kind: 'signUpRequired' };
    }
    code.state = 'used';
    return { kind: 'loggedIn', login: this.world.completeLogin(key, account) };
  }

  signUp(key: KeyRef, rawPhone: string, hash: string, firstName: string, lastName: string): LoginResult {
    const phone = phoneOrFail(rawPhone);
    const code = this.open(key, phone, hash, ['active', 'verified']);
    const account = this.accountOf(phone);
    if (account.registered) fail(400, 'PHONE_NUMBER_OCCUPIED');
    const first = firstName.trim();
    const last = lastName.trim();
    if (first === '' || first.length > 64) fail(400, 'FIRSTNAME_INVALID');
    if (last.length > 64) fail(400, 'LASTNAME_INVALID');
    // signUp carries no code of its own: auth.signIn must have confirmed it (and answered
    // authorizationSignUpRequired) first. Until then the code counts as not given.
    if (code.state !== 'verified') fail(400, 'PHONE_CODE_EMPTY');
    account.registered = true;
    account.firstName = first;
    account.lastName = last;
    code.state = 'used';
    return this.world.completeLogin(key, account);
  }

  /** account.sendVerifyEmailCode(emailVerifyPurposeLoginSetup): sends a code to the new login email. */
  sendLoginSetupEmail(
    key: KeyRef,
    rawPhone: string,
    hash: string,
    email: string,
  ): { pattern: string; length: number } {
    const phone = phoneOrFail(rawPhone);
    const code = this.open(key, phone, hash, ['active']);
    const account = this.accountOf(phone);
    if (code.issued.type !== 'setUpEmail') fail(400, 'EMAIL_NOT_ALLOWED');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) fail(400, 'EMAIL_INVALID');
    const issued = issueCode(
      { type: 'email', length: code.issued.length },
      { ...this.codeSource(account), loginEmail: email },
    );
    const now = this.world.clock.now();
    code.pendingEmail = {
      email,
      code: issued.code,
      expiresAtMs: now + account.delivery.codeTtlSeconds * 1000,
    };
    this.world.outbox.record({
      phone,
      kind: 'emailVerification',
      code: issued.code,
      dcId: key.dcId,
      atMs: now,
      phoneCodeHash: code.hash,
      email,
      text: `Email to ${email}: your code to verify this login email is ${issued.code}.`,
    });
    return { pattern: emailPattern(email), length: issued.length };
  }

  /**
   * account.verifyEmail(emailVerifyPurposeLoginSetup): the email becomes the account's login email and
   * the login continues with a code sent there (a new phone_code_hash, signed in with email_verification).
   */
  verifyLoginSetupEmail(
    key: KeyRef,
    rawPhone: string,
    hash: string,
    check: EmailCheck,
  ): { email: string; sent: CodeSent } {
    const phone = phoneOrFail(rawPhone);
    const code = this.open(key, phone, hash, ['active']);
    const account = this.accountOf(phone);
    const pending = code.pendingEmail;
    if (!pending || pending.expiresAtMs <= this.world.clock.now()) fail(400, 'EMAIL_VERIFY_EXPIRED');
    if (check.code === undefined) fail(400, 'EMAIL_TOKEN_INVALID');
    if (check.code.trim() === '') fail(400, 'CODE_EMPTY');
    if (check.code.trim() !== pending.code) fail(400, 'CODE_INVALID');
    account.loginEmail = pending.email;
    code.state = 'replaced';
    const rung = this.rungAt(account, code.rungIndex);
    const emailRung: DeliveryRung = {
      type: 'email',
      length: code.issued.length,
      ...(rung.timeout !== undefined ? { timeout: rung.timeout } : {}),
    };
    return { email: pending.email, sent: this.deliver(account, key, code.rungIndex, emailRung) };
  }

  private rungAt(account: Account, index: number): DeliveryRung {
    const rung = account.delivery.ladder[index];
    if (!rung) throw new RangeError(`no rung ${index} in the ladder of +${account.phone}`);
    // An email rung for an account without a login email asks the user to add one first.
    if (rung.type === 'email' && account.loginEmail === undefined) {
      return { type: 'setUpEmail', ...(rung.length !== undefined ? { length: rung.length } : {}) };
    }
    return rung;
  }

  private codeSource(account: Account): Parameters<typeof issueCode>[1] {
    return {
      fixedCode: account.delivery.fixedCode,
      codeLength: account.delivery.codeLength,
      loginEmail: account.loginEmail,
    };
  }

  private deliver(account: Account, key: KeyRef, rungIndex: number, rung: DeliveryRung): CodeSent {
    const world = this.world;
    const now = world.clock.now();
    const issued = issueCode(rung, this.codeSource(account));
    const code = world.codes.issue(
      account.phone,
      key,
      rungIndex,
      issued,
      now,
      account.delivery.codeTtlSeconds * 1000,
    );
    if (rung.type !== 'setUpEmail') {
      world.limits.codesSent.record(account.phone);
      const text = deliveryText(issued);
      world.outbox.record({
        phone: account.phone,
        kind: issued.type,
        code: issued.code,
        dcId: key.dcId,
        atMs: now,
        phoneCodeHash: code.hash,
        ...(issued.email !== undefined ? { email: issued.email } : {}),
        ...(issued.caller !== undefined ? { caller: issued.caller } : {}),
        text,
      });
      // As on Telegram, an app code is a message from 777000 in the account's own chat, pushed to every
      // other signed-in session; with none online it is still in the outbox (and the ladder is not skipped).
      if (rung.type === 'app') world.notifier.serviceMessage(account, text, key);
    }
    const nextRung = account.delivery.ladder[rungIndex + 1];
    return {
      kind: 'sent',
      code,
      rung,
      nextRung,
      timeout: nextRung ? (rung.timeout ?? DEFAULT_RESEND_TIMEOUT) : undefined,
    };
  }

  /** The code the user typed, from phone_code or (for email rungs) email_verification. */
  private typedCode(
    issued: IssuedCode,
    phoneCode: string | undefined,
    email: EmailCheck | undefined,
  ): string {
    if (issued.type === 'email') {
      if (email?.token !== undefined) fail(400, 'EMAIL_TOKEN_INVALID');
      const typed = email?.code ?? phoneCode ?? '';
      if (typed.trim() === '') fail(400, 'PHONE_CODE_EMPTY');
      // The code of an email rung goes in email_verification; as a phone_code it is simply wrong.
      return email?.code ?? '';
    }
    const typed = phoneCode ?? '';
    if (typed.trim() === '') fail(400, 'PHONE_CODE_EMPTY');
    return typed;
  }

  private accountOf(phone: string): Account {
    return this.world.accounts.byPhoneDigits(phone) ?? fail(400, 'PHONE_NUMBER_INVALID');
  }

  /** The hash, if this key may still use it for this phone; else PHONE_CODE_EXPIRED (or _HASH_EMPTY). */
  private open(key: KeyRef, phone: string, hash: string, states: readonly LoginCodeState[]): LoginCode {
    if (hash.trim() === '') fail(400, 'PHONE_CODE_HASH_EMPTY');
    const code = this.world.codes.get(hash);
    if (
      code?.phone !== phone ||
      keyName(code.key) !== keyName(key) ||
      !states.includes(code.state) ||
      code.expiresAtMs <= this.world.clock.now()
    ) {
      fail(400, 'PHONE_CODE_EXPIRED');
    }
    return code;
  }
}
