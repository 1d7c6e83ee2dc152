/**
 * The keychain as the vaults use it: entries named by service and account, listed without keytar's
 * findCredentials (see IndexedSecretStore). Every method throws KeychainUnavailable (KEYCHAIN_UNAVAILABLE)
 * when the keychain is missing, locked, refuses, crashed or hung: never a fallback to a file.
 */
export interface SecretStore {
  get(service: string, account: string): Promise<string | null>;
  set(service: string, account: string, secret: string): Promise<void>;
  /** true if an entry was deleted. */
  delete(service: string, account: string): Promise<boolean>;
  /** The account names the service holds. */
  names(service: string): Promise<string[]>;
  /**
   * Every entry with its secret; `secret` is null for an entry that is listed but cannot be read (in a
   * locked second collection, not text, or gone), so the caller can tell the user which one.
   */
  list(service: string): Promise<ListedSecret[]>;
}

export interface ListedSecret {
  readonly account: string;
  readonly secret: string | null;
}
