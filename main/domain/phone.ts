import { z } from 'zod';

/**
 * Phone numbers as the app keeps them: "+" and 7 to 15 digits (E.164 length; Fragment's +888 numbers fit).
 * Users paste numbers in any formatting, so spaces, dashes, dots and brackets are dropped first.
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

/** A phone number from the outside world: normalised, then checked. */
export const PhoneNumberSchema = z.string().max(64).transform(normalizePhone).refine(isValidPhone, {
  error: 'a phone number has a country code and 7 to 15 digits, e.g. +44 20 7946 0958',
});

/** The digits only, as Telegram's API takes and returns them. */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}
