import type { AppState } from '../store/app-store.ts';
import { phonesInUse } from '../store/selectors.ts';
import type { KnownPhones } from './phone-list.ts';

let cached: { cards: AppState['cards']; accounts: AppState['accounts']; known: KnownPhones } | null = null;

/**
 * The phones a new login would collide with: signed-in accounts, and logins still on the board. A
 * selector: the same object comes back until cards or accounts change, so a subscriber re-renders only then.
 */
export function selectKnownPhones(state: AppState): KnownPhones {
  if (cached?.cards === state.cards && cached.accounts === state.accounts) return cached.known;
  const known: KnownPhones = {
    onBoard: phonesInUse(state),
    signedIn: new Set((state.accounts ?? []).map((account) => account.phone)),
  };
  cached = { cards: state.cards, accounts: state.accounts, known };
  return known;
}
