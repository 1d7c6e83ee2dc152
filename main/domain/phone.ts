import { z } from 'zod';
import { isValidPhone, normalizePhone } from './phone-number.ts';

export { isValidPhone, normalizePhone, PHONE_PATTERN, phoneDigits } from './phone-number.ts';

/** A phone number from the outside world: normalised, then checked. */
export const PhoneNumberSchema = z.string().max(64).transform(normalizePhone).refine(isValidPhone, {
  error: 'a phone number has a country code and 7 to 15 digits, e.g. +44 20 7946 0958',
});
