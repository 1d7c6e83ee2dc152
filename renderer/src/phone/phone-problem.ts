import { isValidPhone, normalizePhone, phoneDigits } from '../../../main/contract/phone-number.ts';

/**
 * Why a typed or pasted number cannot be sent, in words the user can act on, or null when it can. The
 * rule of validity is main's (normalizePhone, isValidPhone); this only explains a refusal, and adds the
 * one thing every number shares: a country code never starts with 0.
 */
export function phoneProblem(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '') return 'Enter a phone number with its country code, e.g. +44 20 7946 0958.';
  const phone = normalizePhone(trimmed);
  if (/[^+\d]/.test(phone) || phone.lastIndexOf('+') > 0) {
    return 'Use digits only (spaces, dashes, dots and brackets are fine), starting with + and the country code.';
  }
  if (phone.startsWith('+0')) {
    return 'This looks like a local number. Start with + and the country code instead of 0.';
  }
  const digits = phoneDigits(phone).length;
  if (digits < 7) return 'Too short: a number has a country code and 7 to 15 digits in all.';
  if (digits > 15) return 'Too long: a number has a country code and 7 to 15 digits in all.';
  if (!isValidPhone(phone)) return 'This is not a phone number. Check the country code and the digits.';
  return null;
}
