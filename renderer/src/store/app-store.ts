import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AccountSummary } from '../../../main/contract/account.ts';
import type { AppError } from '../../../main/contract/errors.ts';
import type { LoginCard } from '../../../main/contract/login-state.ts';
import type { SettingsView } from '../../../main/contract/ipc-contract.ts';
import { serverNameOf } from '../../../main/contract/server-name.ts';
import { describeCardChange } from './announcements.ts';

/**
 * Everything the renderer shows, fed by main's answers and events. Main owns the truth; this store only
 * mirrors it, plus what exists in the window alone (a refused action's message, the live announcement).
 * Cards are kept by id so that one card's change re-renders that card only (see selectors.ts).
 */
export interface AppState {
  readonly cards: Readonly<Record<string, LoginCard>>;
  /** Card ids in the order they were added. */
  readonly cardOrder: readonly string[];
  /** Why main refused the last action on a card (a code of the wrong length, a step that moved on...). */
  readonly cardNotices: Readonly<Record<string, AppError>>;
  /** null until main answered `accounts:list`. */
  readonly accounts: readonly AccountSummary[] | null;
  /** null until main answered `settings:get`. */
  readonly settings: SettingsView | null;
  /** A failure to load the first data from main; the shell shows it. */
  readonly loadError: AppError | null;
  /** false while the connection to main is lost (the browser harness stopped); the shell says so. */
  readonly connected: boolean;
  /** The last state change worth telling a screen reader; `serial` makes repeats announce again. */
  readonly announcement: { readonly text: string; readonly serial: number } | null;
}

export interface AppActions {
  readonly upsertCard: (card: LoginCard) => void;
  readonly removeCard: (loginId: string) => void;
  readonly replaceCards: (cards: readonly LoginCard[]) => void;
  readonly setCardNotice: (loginId: string, error: AppError | null) => void;
  readonly setAccounts: (accounts: readonly AccountSummary[]) => void;
  readonly setSettings: (settings: SettingsView) => void;
  readonly setLoadError: (error: AppError | null) => void;
  readonly setConnected: (connected: boolean) => void;
  readonly announce: (text: string) => void;
}

export type AppStore = StoreApi<AppState & AppActions>;

export function createAppStore(): AppStore {
  return createStore<AppState & AppActions>()((set, get) => ({
    cards: {},
    cardOrder: [],
    cardNotices: {},
    accounts: null,
    settings: null,
    loadError: null,
    connected: true,
    announcement: null,

    upsertCard(card) {
      const previous = get().cards[card.id];
      const announcement = describeCardChange(previous, card, serverNameOf(get().settings?.serverProfile));
      set((state) => ({
        cards: { ...state.cards, [card.id]: card },
        cardOrder: previous === undefined ? [...state.cardOrder, card.id] : state.cardOrder,
        // A new state answers whatever was refused before.
        cardNotices:
          state.cardNotices[card.id] === undefined ? state.cardNotices : without(state.cardNotices, card.id),
      }));
      if (announcement !== null) get().announce(announcement);
    },
    removeCard(loginId) {
      if (get().cards[loginId] === undefined) return;
      set((state) => ({
        cards: without(state.cards, loginId),
        cardOrder: state.cardOrder.filter((id) => id !== loginId),
        cardNotices: without(state.cardNotices, loginId),
      }));
    },
    replaceCards(cards) {
      const sorted = [...cards].sort((a, b) => a.createdAt - b.createdAt);
      set({
        cards: Object.fromEntries(sorted.map((card) => [card.id, card])),
        cardOrder: sorted.map((card) => card.id),
        cardNotices: {},
      });
    },
    setCardNotice(loginId, error) {
      set((state) => ({
        cardNotices:
          error === null ? without(state.cardNotices, loginId) : { ...state.cardNotices, [loginId]: error },
      }));
    },
    setAccounts(accounts) {
      set({ accounts });
    },
    setSettings(settings) {
      set({ settings });
    },
    setLoadError(loadError) {
      set({ loadError });
    },

    setConnected(connected) {
      set({ connected });
    },
    announce(text) {
      set((state) => ({ announcement: { text, serial: (state.announcement?.serial ?? 0) + 1 } }));
    },
  }));
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const copy = { ...record };
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a copy keyed by card id
  delete copy[key];
  return copy;
}
