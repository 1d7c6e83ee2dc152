import type { StoredAccount } from '../../main/vault/account-vault.ts';

/** Values the keychain child process stores and the tests look for (in the keychain, and in its output). */
export const CHILD_SESSION = `1${'ChildSessionSecret'.repeat(20)}`;
export const CHILD_API_HASH = '0123456789abcdef0123456789abcdef';
export const CHILD_TOKEN = Buffer.from('future-token-secret-0123456789');
export const CHILD_PHONE = '+9996621234';

export const CHILD_ACCOUNT: StoredAccount = {
  userId: '777000111',
  phone: CHILD_PHONE,
  firstName: 'Keychain',
  lastName: 'Child',
  username: null,
  dcId: 2,
  session: CHILD_SESSION,
};

/** One line of the child's output per operation. */
export interface ChildOutcome {
  readonly op: string;
  /** "ok", or the AppError code. */
  readonly outcome: string;
  readonly kind?: string;
  readonly message?: string;
  readonly reason?: string;
  /** For ok reads: how many entries came back. */
  readonly count?: number;
}
