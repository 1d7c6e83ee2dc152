/**
 * Phone numbers arrive as people type them ("+1 555 000-1234"); the world keys accounts by their digits
 * alone, which is also how Telegram writes `user.phone`.
 */

/** E.164 allows at most 15 digits; shorter than 7 is not a dialable mobile number anywhere. */
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;

/** The digits of a well-formed number (an optional +, digits, spaces, dashes, dots, brackets), else undefined. */
export function normalizePhone(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (!/^\+?[\d\s\-().]+$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return undefined;
  return digits;
}

/** Telegram's test numbers: 99966 X YYYY lives on DC X and always receives the code X repeated five times. */
const TEST_NUMBER = /^99966(\d)\d{4}$/;

export interface TestNumber {
  readonly dcId: number;
  readonly code: string;
}

export function parseTestNumber(digits: string): TestNumber | undefined {
  const match = TEST_NUMBER.exec(digits);
  const dc = match?.[1];
  if (dc === undefined) return undefined;
  return { dcId: Number(dc), code: dc.repeat(5) };
}
