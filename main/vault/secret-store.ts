/**
 * The OS keychain, reduced to what the app needs. Every method throws AppFailure(KEYCHAIN_UNAVAILABLE)
 * when the keychain is missing, locked or refuses: the app never falls back to storing secrets in a file.
 */
export interface SecretStore {
  get(service: string, account: string): Promise<string | null>;
  set(service: string, account: string, secret: string): Promise<void>;
  /** true if an entry was deleted. */
  delete(service: string, account: string): Promise<boolean>;
  list(service: string): Promise<{ account: string; secret: string }[]>;
}
