import type { AppError } from '../../../main/contract/errors.ts';
import type { LoginCard } from '../../../main/contract/login-state.ts';
import type { AppState } from './app-store.ts';

/** Selectors shared by several components. Each returns a value that only changes when it must. */
export const selectCardOrder = (state: AppState): readonly string[] => state.cardOrder;

export const selectCard =
  (loginId: string) =>
  (state: AppState): LoginCard | undefined =>
    state.cards[loginId];

export const selectCardNotice =
  (loginId: string) =>
  (state: AppState): AppError | undefined =>
    state.cardNotices[loginId];
