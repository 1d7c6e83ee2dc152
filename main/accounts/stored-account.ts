/** What the keychain keeps per signed-in account (one entry each; main/vault owns the format). */
export interface StoredAccount {
  readonly userId: string;
  /** E.164 with "+". */
  readonly phone: string;
  readonly dcId: number;
  /** GramJS StringSession: full access to the account. Only in the keychain and main's memory. */
  readonly session: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly username: string | null;
}

/**
 * A keychain entry named after an account that cannot be read as one (damaged, empty, another format).
 * It is listed for the user to see and remove, never dropped in silence.
 */
export interface UnreadableAccountEntry {
  readonly userId: string;
}

export interface StoredAccountList {
  readonly accounts: readonly StoredAccount[];
  readonly unreadable: readonly UnreadableAccountEntry[];
}

/** The account store the account manager needs (implemented over the keychain by main/vault). */
export interface AccountStore {
  list(): Promise<StoredAccountList>;
  save(account: StoredAccount): Promise<void>;
  remove(userId: string): Promise<boolean>;
}

/** Future auth tokens per phone (main/vault keeps at most 20 per phone, in the keychain). */
export interface FutureTokenStore {
  list(phone: string): Promise<Buffer[]>;
  add(phone: string, token: Buffer): Promise<void>;
}
