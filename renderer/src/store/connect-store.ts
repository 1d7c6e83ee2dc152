import type { SwitchboardApi } from '../../../preload/api-types.ts';
import type { AppStore } from './app-store.ts';

/**
 * Feeds the store from main: subscribes to every event first (so nothing between the first answers and
 * the subscription is missed), then asks for the current cards, accounts and settings, and asks again
 * whenever a lost connection comes back (events sent meanwhile never arrived). Returns the function that
 * stops listening.
 */
export function connectStore(api: SwitchboardApi, store: AppStore): () => void {
  const { upsertCard, removeCard, setAccounts, setConnected } = store.getState();
  const stops = [
    api.on('login:changed', upsertCard),
    api.on('login:removed', ({ loginId }) => {
      removeCard(loginId);
    }),
    api.on('accounts:changed', setAccounts),
    api.onConnection((connected) => {
      setConnected(connected);
      if (connected) void loadInitialState(api, store);
    }),
  ];
  void loadInitialState(api, store);
  return () => {
    for (const stop of stops) stop();
  };
}

async function loadInitialState(api: SwitchboardApi, store: AppStore): Promise<void> {
  const before = store.getState().cards;
  const [cards, accounts, settings] = await Promise.all([
    api.invoke('login:list', {}),
    api.invoke('accounts:list', {}),
    api.invoke('settings:get', {}),
  ]);
  const actions = store.getState();
  // A card an event brought while the lists were on their way is newer than the list; keep that one.
  // Any other card the store had is older (from before a lost connection, say): the list wins.
  if (cards.ok) {
    const now = store.getState().cards;
    actions.replaceCards(
      cards.value.map((card) => {
        const latest = now[card.id];
        return latest !== undefined && latest !== before[card.id] ? latest : card;
      }),
    );
  }
  if (accounts.ok) actions.setAccounts(accounts.value);
  if (settings.ok) actions.setSettings(settings.value);
  const failures = [cards, accounts, settings].flatMap((result) => (result.ok ? [] : [result.error]));
  actions.setLoadError(failures[0] ?? null);
}
