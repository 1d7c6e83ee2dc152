import { normalizePhone } from '../../../main/contract/phone-number.ts';
import { phoneProblem } from './phone-problem.ts';

/** What the form decided about one entry of a pasted list, before anything is sent. */
export type PhoneEntryStatus =
  | { readonly kind: 'ready' }
  | { readonly kind: 'invalid'; readonly reason: string }
  /** The same number appears earlier in the list; only the first one is started. */
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'onBoard' }
  | { readonly kind: 'signedIn' };

export interface PhoneEntry {
  /** The entry as the user pasted it, trimmed. */
  readonly text: string;
  /** The entry normalised as main will (meaningful only when the status is not invalid). */
  readonly phone: string;
  readonly status: PhoneEntryStatus;
}

/** Phones the board already knows about: a login in progress, or a signed-in account. */
export interface KnownPhones {
  readonly onBoard: ReadonlySet<string>;
  readonly signedIn: ReadonlySet<string>;
}

/**
 * The entries of a pasted list: one per line, comma or semicolon (how spreadsheets and chat messages
 * join them). Blank entries are dropped.
 */
export function splitPhoneList(text: string): string[] {
  return text
    .split(/[\n\r,;]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** Classifies every entry; a signed-in account wins over a login on the board for the same number. */
export function classifyPhones(entries: readonly string[], known: KnownPhones): PhoneEntry[] {
  const seen = new Set<string>();
  return entries.map((text) => {
    const phone = normalizePhone(text);
    return { text, phone, status: statusOf(text, phone, seen, known) };
  });
}

function statusOf(text: string, phone: string, seen: Set<string>, known: KnownPhones): PhoneEntryStatus {
  const reason = phoneProblem(text);
  if (reason !== null) return { kind: 'invalid', reason };
  if (seen.has(phone)) return { kind: 'duplicate' };
  seen.add(phone);
  if (known.signedIn.has(phone)) return { kind: 'signedIn' };
  if (known.onBoard.has(phone)) return { kind: 'onBoard' };
  return { kind: 'ready' };
}

/** Why an entry is not started, as a sentence; null for a ready entry. */
export function describeEntryStatus(status: PhoneEntryStatus): string | null {
  switch (status.kind) {
    case 'ready':
      return null;
    case 'invalid':
      return status.reason;
    case 'duplicate':
      return 'Listed more than once: it is started once.';
    case 'onBoard':
      return 'A login for this number is already on the board.';
    case 'signedIn':
      return 'This account is already signed in.';
  }
}
