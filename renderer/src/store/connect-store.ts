import type { SwitchboardApi } from '../../../preload/api-types.ts';
import type { AppStore } from './app-store.ts';

/**
 * Feeds the store from main: subscribes to every event first (so nothing between the first answers and
 * the subscription is missed), then asks for the current cards, accounts and settings. Returns the
 * function that stops listening.
 */
export function connectStore(api: SwitchboardApi, store: AppStore): () => void {
  const { upsertCard, removeCard, setAccounts } = store.getState();
  const stops = [
    api.on('login:changed', upsertCard),
    api.on('login:removed', ({ loginId }) => {
      removeCard(loginId);
    }),
    api.on('accounts:changed', setAccounts),
  ];
  void loadInitialState(api, store);
  return () => {
    for (const stop of stops) stop();
  };
}

async function loadInitialState(api: SwitchboardApi, store: AppStore): Promise<void> {
  const [cards, accounts, settings] = await Promise.all([
    api.invoke('login:list', {}),
    api.invoke('accounts:list', {}),
    api.invoke('settings:get', {}),
  ]);
  const actions = store.getState();
  // Cards already announced by events are newer than the list; keep those.
  if (cards.ok) {
    const known = store.getState().cards;
    actions.replaceCards(cards.value.map((card) => known[card.id] ?? card));
  }
  if (accounts.ok) actions.setAccounts(accounts.value);
  if (settings.ok) actions.setSettings(settings.value);
  const failures = [cards, accounts, settings].flatMap((result) => (result.ok ? [] : [result.error]));
  actions.setLoadError(failures[0] ?? null);
}
