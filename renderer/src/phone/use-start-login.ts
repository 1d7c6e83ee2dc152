import { useCallback } from 'react';
import type { AppError } from '../../../main/contract/errors.ts';
import { useApi } from '../api/api-context.tsx';
import { useAppStoreApi } from '../store/store-context.tsx';

/**
 * Asks main to put a login for `phone` on the board. Resolves to null once the card is in the store, or
 * to main's refusal (already on the board, already signed in, no API credentials...). Never rejects.
 */
export function useStartLogin(): (phone: string) => Promise<AppError | null> {
  const api = useApi();
  const store = useAppStoreApi();
  return useCallback(
    async (phone: string) => {
      const result = await api.invoke('login:start', { phone });
      if (!result.ok) return result.error;
      store.getState().upsertCard(result.value);
      return null;
    },
    [api, store],
  );
}
