import { useMemo } from 'react';
import type { AppError, Result } from '../../../main/contract/errors.ts';
import type { LoginRequest } from '../../../main/contract/ipc-contract.ts';
import type { LoginCard } from '../../../main/contract/login-state.ts';
import { useApi } from '../api/api-context.tsx';
import { useAppStoreApi } from '../store/store-context.tsx';

/** What a login card can ask main for. Each resolves once main answered; none throws. */
export interface LoginActions {
  /** Any step of the login (main/contract's LoginRequest, the one list of them). */
  readonly perform: (request: LoginRequest) => Promise<void>;
  readonly dismiss: () => Promise<void>;
}

/**
 * The actions of one card. The new card main answers goes into the store (events bring the same state,
 * and later ones); a refusal becomes the card's notice, shown until the card changes again.
 */
export function useLoginActions(loginId: string): LoginActions {
  const api = useApi();
  const store = useAppStoreApi();

  return useMemo(() => {
    const settle = (result: Result<LoginCard>): void => {
      const { upsertCard, setCardNotice } = store.getState();
      if (result.ok) upsertCard(result.value);
      else setCardNotice(loginId, result.error);
    };
    const notice = (error: AppError): void => {
      store.getState().setCardNotice(loginId, error);
    };
    return {
      perform: async (request) => {
        settle(await api.invoke('login:perform', { loginId, request }));
      },
      dismiss: async () => {
        const result = await api.invoke('login:dismiss', { loginId });
        if (result.ok) store.getState().removeCard(loginId);
        else notice(result.error);
      },
    };
  }, [api, store, loginId]);
}
