import { useMemo } from 'react';
import type { AppError, Result } from '../../../main/contract/errors.ts';
import type { LoginCard } from '../../../main/contract/login-state.ts';
import { useApi } from '../api/api-context.tsx';
import { useAppStoreApi } from '../store/store-context.tsx';

/** Every action a login card can ask main for. Each resolves once main answered; none throws. */
export interface LoginActions {
  readonly resendCode: () => Promise<void>;
  readonly submitCode: (code: string) => Promise<void>;
  readonly submitPassword: (password: string) => Promise<void>;
  readonly signUp: (input: { firstName: string; lastName: string; acceptTerms: boolean }) => Promise<void>;
  readonly setUpEmail: (email: string) => Promise<void>;
  readonly verifyEmail: (code: string) => Promise<void>;
  readonly cancel: () => Promise<void>;
  readonly retry: () => Promise<void>;
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
      resendCode: async () => {
        settle(await api.invoke('login:resendCode', { loginId }));
      },
      submitCode: async (code) => {
        settle(await api.invoke('login:submitCode', { loginId, code }));
      },
      submitPassword: async (password) => {
        settle(await api.invoke('login:submitPassword', { loginId, password }));
      },
      signUp: async (input) => {
        settle(await api.invoke('login:signUp', { loginId, ...input }));
      },
      setUpEmail: async (email) => {
        settle(await api.invoke('login:setUpEmail', { loginId, email }));
      },
      verifyEmail: async (code) => {
        settle(await api.invoke('login:verifyEmail', { loginId, code }));
      },
      cancel: async () => {
        settle(await api.invoke('login:cancel', { loginId }));
      },
      retry: async () => {
        settle(await api.invoke('login:retry', { loginId }));
      },
      dismiss: async () => {
        const result = await api.invoke('login:dismiss', { loginId });
        if (result.ok) store.getState().removeCard(loginId);
        else notice(result.error);
      },
    };
  }, [api, store, loginId]);
}
