import { useMemo } from 'react';
import type { AppError } from '../../../main/contract/errors.ts';
import { useApi } from '../api/api-context.tsx';
import { useAppStoreApi } from '../store/store-context.tsx';

/** What a row can ask main for; each resolves to main's refusal, or null when it was done. */
export interface AccountActions {
  /** Logs out (or, for an account signed out elsewhere, forgets its stored session). */
  readonly logOut: () => Promise<AppError | null>;
  readonly reconnect: () => Promise<AppError | null>;
}

/**
 * The actions of one account. Main's answer goes into the store at once; the `accounts:changed` event
 * that follows brings the same list.
 */
export function useAccountActions(accountId: string): AccountActions {
  const api = useApi();
  const store = useAppStoreApi();
  return useMemo(
    () => ({
      logOut: async () => {
        const result = await api.invoke('accounts:logOut', { accountId });
        if (!result.ok) return result.error;
        const { accounts, setAccounts } = store.getState();
        if (accounts !== null) setAccounts(accounts.filter((account) => account.id !== accountId));
        return null;
      },
      reconnect: async () => {
        const result = await api.invoke('accounts:reconnect', { accountId });
        if (!result.ok) return result.error;
        const { accounts, setAccounts } = store.getState();
        if (accounts !== null) {
          setAccounts(accounts.map((account) => (account.id === accountId ? result.value : account)));
        }
        return null;
      },
    }),
    [api, store, accountId],
  );
}
