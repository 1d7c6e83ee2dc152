import type { AccountSummary } from '../../../main/contract/account.ts';
import type { AppState } from '../store/app-store.ts';

type AccountIndex = ReadonlyMap<string, AccountSummary>;

let cached: { accounts: AppState['accounts']; index: AccountIndex } = { accounts: null, index: new Map() };

/**
 * The accounts by id, rebuilt only when main sends a new list. Each `accounts:changed` carries fresh
 * objects for every account; an account whose fields did not change keeps its previous object, so only
 * the rows of accounts that really changed re-render.
 */
export function selectAccountIndex(state: AppState): AccountIndex {
  if (state.accounts === cached.accounts) return cached.index;
  const previous = cached.index;
  const index = new Map<string, AccountSummary>();
  for (const account of state.accounts ?? []) {
    const before = previous.get(account.id);
    index.set(account.id, before !== undefined && sameAccount(before, account) ? before : account);
  }
  cached = { accounts: state.accounts, index };
  return index;
}

export const selectAccount =
  (accountId: string) =>
  (state: AppState): AccountSummary | undefined =>
    selectAccountIndex(state).get(accountId);

function sameAccount(a: AccountSummary, b: AccountSummary): boolean {
  return (
    a.phone === b.phone &&
    a.firstName === b.firstName &&
    a.lastName === b.lastName &&
    a.username === b.username &&
    a.dcId === b.dcId &&
    a.status === b.status &&
    a.statusError?.code === b.statusError?.code &&
    a.statusError?.message === b.statusError?.message &&
    a.statusError?.retryAt === b.statusError?.retryAt
  );
}
