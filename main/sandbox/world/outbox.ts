import { normalizePhone } from './phone-numbers.ts';
import type { RungType } from './world-file.ts';

/** What kind of message carried a code: a rung's delivery, or the code that verifies a new login email. */
export type OutboxKind = RungType | 'emailVerification';

/** One code "delivered" to a user: what they would find on their phone, in their email or in Telegram. */
export interface OutboxEntry {
  /** Digits of the account's phone number. */
  readonly phone: string;
  readonly kind: OutboxKind;
  /** Exactly what the user must type (a word or phrase for smsWord/smsPhrase, the caller number for flashCall). */
  readonly code: string;
  /** The DC whose sendCode/resendCode issued it. */
  readonly dcId: number;
  /** World-clock time of delivery, ms. */
  readonly atMs: number;
  /** The phone_code_hash the code belongs to. */
  readonly phoneCodeHash: string;
  /** The address an email went to. */
  readonly email?: string;
  /** Flash/missed calls: the number that called. */
  readonly caller?: string;
  /** The message as the user reads it. */
  readonly text: string;
}

/**
 * Every code the sandbox "sends", in order. Tests (and the demo UI) read it the way a user reads their
 * phone: `world.outbox.lastCode('+999 66 2 1234')`.
 */
export class Outbox {
  private readonly list: OutboxEntry[] = [];
  private readonly listeners = new Set<(entry: OutboxEntry) => void>();

  record(entry: OutboxEntry): void {
    this.list.push(entry);
    if (this.list.length > 10_000) this.list.shift();
    for (const listener of this.listeners) listener(entry);
  }

  /** All entries, or those of one phone number (any formatting), oldest first. */
  entries(phone?: string): OutboxEntry[] {
    if (phone === undefined) return [...this.list];
    const digits = normalizePhone(phone) ?? phone;
    return this.list.filter((e) => e.phone === digits);
  }

  last(phone: string): OutboxEntry | undefined {
    return this.entries(phone).at(-1);
  }

  /** The code in the latest message to this phone number (or its login email), if any. */
  lastCode(phone: string): string | undefined {
    return this.last(phone)?.code;
  }

  /** Calls `listener` with every later delivery; returns a function that stops it. */
  subscribe(listener: (entry: OutboxEntry) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  clear(): void {
    this.list.length = 0;
  }
}
