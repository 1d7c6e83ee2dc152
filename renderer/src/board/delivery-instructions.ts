import type { CodeDelivery } from '../../../main/contract/delivery.ts';

/** A piece of an instruction sentence; `strong` parts are what the user looks for (a number, an address). */
export type TextPart = string | { readonly strong: string };

/**
 * How the code is typed. `digits`: exactly `length` digits, and the card signs in by itself once they are
 * all there. `word`: free text checked by main, sent with a "Sign in" button. `callingNumber`: the whole
 * number that called, also sent with the button.
 */
export type CodeEntry =
  | { readonly label: string; readonly format: 'digits'; readonly length: number }
  | { readonly label: string; readonly format: 'word' | 'callingNumber'; readonly length: null };

export interface DeliveryInstructions {
  /** Where the code went and what to do with it. */
  readonly lead: readonly TextPart[];
  /** Further help (the spam folder, the word's first letter...), or null. */
  readonly detail: readonly TextPart[] | null;
  /** null when no code was sent yet (the account must first set up a login email). */
  readonly entry: CodeEntry | null;
}

const loginCode = (length: number): CodeEntry => ({ label: 'Login code', format: 'digits', length });

/** What a card says about one delivery of the login code, for `phone` (already formatted for display). */
export function describeDelivery(delivery: CodeDelivery, phone: string): DeliveryInstructions {
  switch (delivery.kind) {
    case 'app':
      return {
        lead: [
          'The code was sent as a message in the Telegram app on another device where ',
          { strong: phone },
          ' is signed in.',
        ],
        detail: ['Open the chat named ', { strong: 'Telegram' }, ' on that phone or computer.'],
        entry: loginCode(delivery.length),
      };
    case 'sms':
    case 'firebaseSms':
      return {
        lead: ['The code was sent by SMS to ', { strong: phone }, '.'],
        detail: null,
        entry: loginCode(delivery.length),
      };
    case 'call':
      return {
        lead: ['Telegram is calling ', { strong: phone }, ' and will read the code out.'],
        detail: ['Answer the call and write the digits down.'],
        entry: loginCode(delivery.length),
      };
    case 'flashCall':
      return {
        lead: [
          'Telegram is calling ',
          { strong: phone },
          '. The number that calls is the code: you do not need to answer.',
        ],
        detail: ['Type the whole calling number. It looks like ', { strong: delivery.pattern }, '.'],
        entry: { label: 'Calling number', format: 'callingNumber', length: null },
      };
    case 'missedCall':
      return {
        lead: [
          { strong: phone },
          ' will get a short call from a number starting with ',
          { strong: delivery.prefix },
          '. You do not need to answer.',
        ],
        detail: ['Type the last ', { strong: String(delivery.length) }, ' digits of that number.'],
        entry: loginCode(delivery.length),
      };
    case 'email':
      return {
        lead: ['The code was sent by email to ', { strong: delivery.emailPattern }, '.'],
        detail: ['If it is not in the inbox, look in the spam folder.'],
        entry: { label: 'Email code', format: 'digits', length: delivery.length },
      };
    case 'setUpEmailRequired':
      return {
        lead: ['Telegram asks this account to add a login email before it sends a code.'],
        detail: null,
        entry: null,
      };
    case 'fragmentSms':
      return {
        lead: [
          { strong: phone },
          ' is an anonymous number: its code is on Fragment, under Anonymous Numbers.',
        ],
        detail: [
          'Press Open Fragment, connect the wallet that owns this number, and copy the code shown there.',
        ],
        entry: loginCode(delivery.length),
      };
    case 'smsWord':
      return {
        lead: ['The SMS sent to ', { strong: phone }, ' contains a secret word instead of digits.'],
        detail:
          delivery.beginning === null
            ? ['Type that word.']
            : ['Type that word. It starts with the letter ', { strong: delivery.beginning }, '.'],
        entry: { label: 'Secret word', format: 'word', length: null },
      };
    case 'smsPhrase':
      return {
        lead: ['The SMS sent to ', { strong: phone }, ' contains a secret phrase instead of digits.'],
        detail:
          delivery.beginning === null
            ? ['Type the whole phrase.']
            : ['Type the whole phrase. Its first word is ', { strong: delivery.beginning }, '.'],
        entry: { label: 'Secret phrase', format: 'word', length: null },
      };
  }
}
