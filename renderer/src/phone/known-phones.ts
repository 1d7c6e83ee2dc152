import { holdsSession, isFinished } from '../../../main/contract/phone-rules.ts';
import type { AppState } from '../store/app-store.ts';
import type { KnownPhones } from './phone-list.ts';

let cached: { cards: AppState['cards']; accounts: AppState['accounts']; known: KnownPhones } | null = null;

/**
 * The phones a new login would collide with, by main's own rules: accounts that still hold a session
 * (holdsSession; one signed out elsewhere may log in again), and logins on the board that are not over
 * (isFinished). A selector: the same object comes back until cards or accounts change, so a subscriber
 * re-renders only then.
 */
export function selectKnownPhones(state: AppState): KnownPhones {
  if (cached?.cards === state.cards && cached.accounts === state.accounts) return cached.known;
  const onBoard = new Set<string>();
  for (const card of Object.values(state.cards)) if (!isFinished(card.state)) onBoard.add(card.state.phone);
  const signedIn = new Set<string>();
  for (const account of state.accounts ?? []) if (holdsSession(account.status)) signedIn.add(account.phone);
  const known: KnownPhones = { onBoard, signedIn };
  cached = { cards: state.cards, accounts: state.accounts, known };
  return known;
}
