/**
 * Service and account names are ours, never user input: a bad one is a bug, not a keychain failure. Checked
 * in main before a call leaves for the keychain host, and again in the host.
 */
export function checkKeychainName(what: 'service' | 'account', value: string): void {
  if (value === '' || value.includes('\0')) {
    throw new TypeError(`A keychain ${what} name must be a non-empty string without NUL characters.`);
  }
}

/** keytar refuses an empty secret, and C strings would silently cut one at a NUL. */
export function checkKeychainSecret(secret: string): void {
  if (secret === '' || secret.includes('\0')) {
    throw new TypeError('A keychain secret must be a non-empty string without NUL characters.');
  }
}
