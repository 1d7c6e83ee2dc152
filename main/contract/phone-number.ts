/**
 * Phone numbers as the app keeps them: "+" and 7 to 15 digits (E.164 length; Fragment's +888 numbers fit).
 * Users paste numbers in any formatting, so spaces, dashes, dots and brackets are dropped first.
 * Free of zod, so the renderer can use the same rules without bundling a schema library.
 */
export const PHONE_PATTERN = /^\+\d{7,15}$/;

export function normalizePhone(input: string): string {
  const trimmed = input.trim();
  const digits = trimmed.replace(/[\s\-().]/g, '');
  const withoutPrefix = digits.startsWith('00') ? digits.slice(2) : digits.replace(/^\+/, '');
  return `+${withoutPrefix}`;
}

export function isValidPhone(phone: string): boolean {
  return PHONE_PATTERN.test(phone);
}

/** The digits only, as Telegram's API takes and returns them. */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}
