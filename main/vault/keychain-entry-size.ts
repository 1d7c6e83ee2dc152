import { AppFailure, appError } from '../contract/errors.ts';

/**
 * Windows Credential Manager refuses a blob over CRED_MAX_CREDENTIAL_BLOB_SIZE (5 * 512 bytes) with the
 * unhelpful "The stub received bad data"; keytar stores UTF-8. Every entry is checked here before any
 * platform sees it, so the limit fails the same, clear way on Linux and macOS too.
 */
export const KEYCHAIN_ENTRY_MAX_BYTES = 2560;

export class KeychainEntryTooLarge extends AppFailure {
  constructor(
    readonly what: string,
    readonly bytes: number,
  ) {
    super(appError('INTERNAL'));
  }
}

export function assertEntryFits(what: string, entry: string): void {
  const bytes = Buffer.byteLength(entry, 'utf8');
  if (bytes > KEYCHAIN_ENTRY_MAX_BYTES) throw new KeychainEntryTooLarge(what, bytes);
}
