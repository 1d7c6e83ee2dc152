/**
 * The OS keychain as keytar offers it. Every method throws KeychainUnavailable (KEYCHAIN_UNAVAILABLE)
 * when the keychain is missing, locked, refuses, or its process crashed or hung; the app never falls back
 * to storing secrets in a file. Implemented in the keychain host by KeytarSecretStore and in main by
 * IsolatedKeychain, which forwards to the host.
 */
export interface NativeKeychain {
  /** null when there is no such entry, or its secret cannot be read as text (locked, not text). */
  get(service: string, account: string): Promise<string | null>;
  set(service: string, account: string, secret: string): Promise<void>;
  /** true if an entry was deleted. */
  delete(service: string, account: string): Promise<boolean>;
  /**
   * Every entry of a service with its secret (keytar's findCredentials). It kills its process on an
   * item it cannot read, so only IndexedSecretStore calls it, once, to build a missing index.
   */
  findAll(service: string): Promise<{ account: string; secret: string }[]>;
}
