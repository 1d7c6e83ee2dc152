import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppActions, AppState, AppStore } from './app-store.ts';

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useAppStoreApi: no StoreContext.Provider above this component');
  return store;
}

/**
 * Reads one slice of the store; the component re-renders only when that slice changes (Object.is).
 * Select the smallest thing the component draws: one card, one notice, one count.
 */
export function useAppStore<T>(selector: (state: AppState & AppActions) => T): T {
  return useStore(useAppStoreApi(), selector);
}
