import { createHash } from 'node:crypto';
import type { PasswordVerifier } from './srp.ts';
import type { DeliveryRung } from './world-file.ts';

/** The "Telegram" service account that login codes come from. */
export const SERVICE_USER_ID = 777000n;

/** First id handed out to accounts that do not choose one. */
const FIRST_USER_ID = 1_000_000_001n;

export interface TwoFactor {
  readonly verifier: PasswordVerifier;
  readonly hint: string | undefined;
}

/** A Telegram account (or a phone number that has none yet: `registered` false). */
export class Account {
  registered: boolean;
  firstName: string;
  lastName: string;
  username: string | undefined;
  twoFactor: TwoFactor | undefined;
  loginEmail: string | undefined;
  banned: boolean;
  /** Terms of service the user accepted (help.acceptTermsOfService), by id. */
  readonly acceptedTerms = new Set<string>();
  /** Message and update counters of the account's own mailbox (the 777000 chat). */
  lastMessageId = 0;
  pts = 0;

  constructor(
    readonly id: bigint,
    /** Digits only. */
    readonly phone: string,
    readonly homeDc: number,
    init: {
      registered: boolean;
      firstName: string;
      lastName: string;
      username: string | undefined;
      twoFactor: TwoFactor | undefined;
      loginEmail: string | undefined;
      banned: boolean;
    },
    /** How codes are made and delivered for this number. */
    readonly delivery: {
      readonly fixedCode: string | undefined;
      readonly codeLength: number;
      readonly ladder: readonly DeliveryRung[];
      readonly codeTtlSeconds: number;
    },
  ) {
    this.registered = init.registered;
    this.firstName = init.firstName;
    this.lastName = init.lastName;
    this.username = init.username;
    this.twoFactor = init.twoFactor;
    this.loginEmail = init.loginEmail;
    this.banned = init.banned;
  }

  /** A stable access_hash, derived from the id so it survives a restart of the sandbox. */
  get accessHash(): bigint {
    return accessHashOf(this.id);
  }
}

export function accessHashOf(id: bigint): bigint {
  return createHash('sha256').update(`sandbox-user-${id}`).digest().readBigInt64LE(0);
}

/** The accounts of the world, by phone digits and by id. */
export class AccountStore {
  private readonly byPhone = new Map<string, Account>();
  private readonly byIdMap = new Map<bigint, Account>();
  private nextId = FIRST_USER_ID;

  /** The id the next account gets unless it chooses one. */
  allocateId(): bigint {
    while (this.byIdMap.has(this.nextId)) this.nextId++;
    return this.nextId++;
  }

  isIdFree(id: bigint): boolean {
    return id !== SERVICE_USER_ID && !this.byIdMap.has(id);
  }

  isUsernameFree(username: string): boolean {
    const wanted = username.toLowerCase();
    for (const a of this.byPhone.values()) if (a.username?.toLowerCase() === wanted) return false;
    return true;
  }

  add(account: Account): void {
    if (this.byPhone.has(account.phone))
      throw new Error(`the world already has an account for +${account.phone}`);
    if (!this.isIdFree(account.id)) throw new Error(`user id ${account.id} is taken`);
    this.byPhone.set(account.phone, account);
    this.byIdMap.set(account.id, account);
  }

  /** Adds the account, in place of one with the same phone number (loading a saved world). */
  replace(account: Account): void {
    const old = this.byPhone.get(account.phone);
    if (old) this.byIdMap.delete(old.id);
    this.byPhone.delete(account.phone);
    this.add(account);
  }

  byPhoneDigits(digits: string): Account | undefined {
    return this.byPhone.get(digits);
  }

  byId(id: bigint): Account | undefined {
    return this.byIdMap.get(id);
  }

  all(): Account[] {
    return [...this.byPhone.values()];
  }
}
