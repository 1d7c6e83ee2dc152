import type { Clock } from '../clock.ts';
import { RpcFailure } from '../mtproto/rpc-types.ts';
import { Account, AccountStore } from './accounts.ts';
import { AuthorizationStore, type KeyRef } from './authorizations.ts';
import { CodeLogin } from './code-login.ts';
import { ExportedAuthorizations } from './exported-authorizations.ts';
import { SlidingWindowLimiter } from './flood-limiter.ts';
import { FutureAuthTokens } from './future-auth-tokens.ts';
import { LoginCodeStore } from './login-codes.ts';
import { LoginTokenStore } from './login-tokens.ts';
import type { LoginResult } from './login-parts.ts';
import { Notifier } from './notifications.ts';
import { Outbox } from './outbox.ts';
import { PasswordLogin } from './password-login.ts';
import { normalizePhone, parseTestNumber } from './phone-numbers.ts';
import { QrLogin } from './qr-login.ts';
import { makePasswordVerifier } from './srp.ts';
import type { SandboxTopology } from './topology.ts';
import {
  parseAccountSpec,
  parseSettings,
  WorldFileError,
  type AccountSpec,
  type WorldSettings,
  type WorldSettingsInput,
} from './world-file.ts';

export interface WorldOptions {
  readonly topology: SandboxTopology;
  readonly clock: Clock;
  readonly settings?: WorldSettingsInput;
}

export type { LoginResult } from './login-parts.ts';

/**
 * The sandbox's users, their logins and codes: accounts (seeded from a world file or `addAccount`,
 * and test numbers 99966XYYYY created on first use), the phone-code, 2FA and QR logins, which auth
 * key is signed in as whom, future auth tokens, the outbox of delivered codes and per-phone flood limits.
 * All time comes from the injected Clock.
 */
export class SandboxWorld {
  readonly clock: Clock;
  readonly topology: SandboxTopology;
  readonly settings: WorldSettings;
  readonly accounts = new AccountStore();
  /** Every code "delivered", for tests and the demo UI to read like a phone. */
  readonly outbox = new Outbox();
  readonly authorizations = new AuthorizationStore();
  readonly codes = new LoginCodeStore();
  readonly loginTokens = new LoginTokenStore();
  readonly futureAuthTokens: FutureAuthTokens;
  readonly exportedAuthorizations: ExportedAuthorizations;
  readonly limits: {
    readonly codesSent: SlidingWindowLimiter;
    readonly wrongCodes: SlidingWindowLimiter;
    readonly wrongPasswords: SlidingWindowLimiter;
  };
  readonly notifier: Notifier;
  readonly codeLogin: CodeLogin;
  readonly passwordLogin: PasswordLogin;
  readonly qrLogin: QrLogin;

  constructor(options: WorldOptions) {
    this.clock = options.clock;
    this.topology = options.topology;
    this.settings = parseSettings(options.settings ?? {});
    if (
      this.settings.newAccountDc !== undefined &&
      !this.topology.dcIds.includes(this.settings.newAccountDc)
    ) {
      throw new WorldFileError(
        `settings.newAccountDc is DC ${this.settings.newAccountDc}, which is not running (DCs: ${this.topology.dcIds.join(', ')})`,
      );
    }
    this.exportedAuthorizations = new ExportedAuthorizations(this.clock);
    this.futureAuthTokens = new FutureAuthTokens(this.clock, this.settings.futureAuthTokenTtlSeconds);
    this.limits = {
      codesSent: new SlidingWindowLimiter(this.settings.limits.codesSent, this.clock),
      wrongCodes: new SlidingWindowLimiter(this.settings.limits.wrongCodes, this.clock),
      wrongPasswords: new SlidingWindowLimiter(this.settings.limits.wrongPasswords, this.clock),
    };
    this.notifier = new Notifier(this.topology, this.authorizations, this.clock);
    this.codeLogin = new CodeLogin(this);
    this.passwordLogin = new PasswordLogin(this);
    this.qrLogin = new QrLogin(this);
  }

  /** Home DC of numbers that are neither seeded nor test numbers. */
  get newAccountDc(): number {
    const dcIds = this.topology.dcIds;
    return this.settings.newAccountDc ?? (dcIds.includes(2) ? 2 : (dcIds[0] ?? 2));
  }

  /**
   * Adds an account (validated like a world-file entry). Test numbers default to their DC and code;
   * a password is turned into its SRP verifier here (async PBKDF2, ~100 ms, off the event loop).
   */
  async addAccount(spec: AccountSpec): Promise<Account> {
    const config = parseAccountSpec(spec);
    const phone = normalizePhone(config.phone) ?? config.phone;
    const where = `account +${phone}`;
    const test = parseTestNumber(phone);
    const homeDc = config.dc ?? test?.dcId ?? this.newAccountDc;
    if (!this.topology.dcIds.includes(homeDc)) {
      throw new WorldFileError(
        `${where}: its home DC ${homeDc} is not running (DCs: ${this.topology.dcIds.join(', ')})`,
      );
    }
    if (this.accounts.byPhoneDigits(phone)) throw new WorldFileError(`${where} is in the world twice`);
    const id = config.id === undefined ? undefined : BigInt(config.id);
    if (id !== undefined && !this.accounts.isIdFree(id))
      throw new WorldFileError(`${where}: user id ${id} is taken`);
    if (config.username !== undefined && !this.accounts.isUsernameFree(config.username)) {
      throw new WorldFileError(`${where}: username ${config.username} is taken`);
    }
    const verifier = config.password === undefined ? undefined : await makePasswordVerifier(config.password);
    const fixedCode = config.code ?? test?.code;
    const account = new Account(
      id ?? this.accounts.allocateId(),
      phone,
      homeDc,
      {
        registered: config.registered,
        firstName: config.firstName ?? (config.registered ? `User ${phone.slice(-4)}` : ''),
        lastName: config.lastName,
        username: config.username,
        twoFactor: verifier ? { verifier, hint: config.passwordHint } : undefined,
        loginEmail: config.loginEmail,
        banned: config.banned,
      },
      {
        fixedCode,
        codeLength: config.codeLength ?? fixedCode?.length ?? this.settings.codeLength,
        ladder: config.ladder ?? this.settings.ladder,
        codeTtlSeconds: config.codeTtlSeconds ?? this.settings.codeTtlSeconds,
      },
    );
    this.accounts.add(account);
    return account;
  }

  /** The account of a phone number (any formatting), if the world has one yet. */
  account(phone: string): Account | undefined {
    const digits = normalizePhone(phone);
    return digits === undefined ? undefined : this.accounts.byPhoneDigits(digits);
  }

  /**
   * Ends every session of an account, as "Terminate all other sessions" on the user's phone would: each
   * signed-in key is revoked (its next authorized call gets 401 SESSION_REVOKED). Returns how many.
   */
  signOutEverywhere(phone: string): number {
    const account = this.account(phone);
    if (!account) return 0;
    const keys = this.authorizations.keysOf(account.id);
    for (const { key } of keys) this.authorizations.unbind(key, 'SESSION_REVOKED');
    return keys.length;
  }

  /**
   * Forgets the auth keys of every session of an account, as a server that lost them would: each key's
   * next message gets the transport error -404 (unlike a revoked session, which keeps its key). Returns
   * how many.
   */
  forgetAuthKeys(phone: string): number {
    const account = this.account(phone);
    if (!account) return 0;
    const keys = this.authorizations.keysOf(account.id);
    for (const { key } of keys) this.topology.keyStores.get(key.dcId)?.forget(key.authKeyId);
    return keys.length;
  }

  /**
   * The account a login for this number is about. Test numbers (99966XYYYY) are created on first use,
   * unregistered, on DC X with code XXXXX (X must be a running DC); other unseeded numbers likewise on
   * newAccountDc with random codes when openRegistration is on. Otherwise 400 PHONE_NUMBER_INVALID.
   */
  accountForLogin(phone: string): Account {
    const existing = this.accounts.byPhoneDigits(phone);
    if (existing) return existing;
    const test = parseTestNumber(phone);
    if (test && !this.topology.dcIds.includes(test.dcId)) throw new RpcFailure(400, 'PHONE_NUMBER_INVALID');
    if (!test && !this.settings.openRegistration) throw new RpcFailure(400, 'PHONE_NUMBER_INVALID');
    const homeDc = test?.dcId ?? this.newAccountDc;
    const account = new Account(
      this.accounts.allocateId(),
      phone,
      homeDc,
      {
        registered: false,
        firstName: '',
        lastName: '',
        username: undefined,
        twoFactor: undefined,
        loginEmail: undefined,
        banned: false,
      },
      {
        fixedCode: test?.code,
        codeLength: test?.code.length ?? this.settings.codeLength,
        ladder: this.settings.ladder,
        codeTtlSeconds: this.settings.codeTtlSeconds,
      },
    );
    this.accounts.add(account);
    return account;
  }

  /** The account a key is signed in as, or 401 AUTH_KEY_UNREGISTERED (never signed in, or logged out) / SESSION_REVOKED. */
  signedInAccount(key: KeyRef): Account {
    const record = this.authorizations.get(key);
    const account = record ? this.accounts.byId(record.userId) : undefined;
    if (!account)
      throw new RpcFailure(401, this.authorizations.revokedReason(key) ?? 'AUTH_KEY_UNREGISTERED');
    return account;
  }

  /** The account proved who it is (code, token, QR): sign the key in, or ask for the 2FA password first. */
  completeLogin(key: KeyRef, account: Account): LoginResult {
    if (account.twoFactor) this.passwordLogin.require(key, account);
    return this.finishLogin(key, account);
  }

  /** Signs the key in as the account (all checks done). */
  finishLogin(key: KeyRef, account: Account): LoginResult {
    this.authorizations.bind(key, account.id, this.clock.now());
    this.passwordLogin.clear(key);
    return { account, futureAuthToken: this.futureAuthTokens.issue(account.id) };
  }

  /** auth.logOut: the key is signed out; returns the future auth token for logging in again. */
  logOut(key: KeyRef): Buffer {
    const account = this.signedInAccount(key);
    this.authorizations.unbind(key);
    this.passwordLogin.clear(key);
    return this.futureAuthTokens.issue(account.id);
  }
}
