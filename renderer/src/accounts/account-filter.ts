import type { AccountStatus, AccountSummary } from '../../../main/contract/account.ts';
import { phoneDigits } from '../../../main/contract/phone-number.ts';

export type StatusFilter = AccountStatus | 'all';

/**
 * Whether an account matches what was typed in the search: part of its name, its @username, its phone
 * (digits only, so "+1 555-06" finds +15550601001) or its id. Case does not matter.
 */
export function matchesQuery(account: AccountSummary, query: string): boolean {
  const text = query.trim().toLowerCase();
  if (text === '') return true;
  const name = `${account.firstName} ${account.lastName}`.toLowerCase();
  if (name.includes(text)) return true;
  const username = text.replace(/^@/, '');
  if (username !== '' && account.username?.toLowerCase().includes(username) === true) return true;
  if (account.id.includes(text)) return true;
  // Only a query made of phone characters is compared by digits; "bob2" must not match a phone with a 2.
  if (/^[+\d\s\-().]+$/.test(text)) {
    const digits = phoneDigits(text);
    return digits !== '' && phoneDigits(account.phone).includes(digits);
  }
  return false;
}

/** The ids of the accounts to show, in their order. */
export function filterAccounts(
  accounts: readonly AccountSummary[],
  query: string,
  status: StatusFilter,
): string[] {
  return accounts
    .filter((account) => (status === 'all' || account.status === status) && matchesQuery(account, query))
    .map((account) => account.id);
}
