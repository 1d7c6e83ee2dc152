import type { AccountSummary } from '../../main/domain/account.ts';
import type { Result } from '../../main/domain/errors.ts';

/** The start page's one line about `accounts:list`: how many accounts, or the error code main answered. */
export function describeAccountsAnswer(result: Result<readonly AccountSummary[]>): string {
  if (!result.ok) return `Could not list the accounts: ${result.error.code}`;
  const count = result.value.length;
  return count === 1 ? '1 account' : `${count} accounts`;
}
