import { z } from 'zod';
import { isValidPhone, normalizePhone } from './phone-number.ts';

export { isValidPhone, normalizePhone, PHONE_PATTERN, phoneDigits } from './phone-number.ts';

/** A phone number from the outside world: normalised, then checked. */
/** Its issue's message is the error code PHONE_NUMBER_INVALID, which the IPC dispatcher answers with. */
export const PhoneNumberSchema = z
  .string()
  .max(64, { error: 'PHONE_NUMBER_INVALID' })
  .transform(normalizePhone)
  .refine(isValidPhone, { error: 'PHONE_NUMBER_INVALID' });
