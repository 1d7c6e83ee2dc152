import {
  AsYouType,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
} from 'libphonenumber-js/min';
import { normalizePhone } from '../../../main/contract/phone-number.ts';

/** What the phone input shows under itself while the user types. */
export interface PhoneDescription {
  /** The number in international format, e.g. "+44 20 7946 0958". */
  readonly formatted: string;
  /** "United Kingdom", "Fragment anonymous number", "Country code +1"..., or null before any digit. */
  readonly origin: string | null;
  /**
   * A hint that the number may be wrong for its country. Never a reason to refuse: Telegram's test
   * numbers and the sandbox's numbers are not numbers libphonenumber knows.
   */
  readonly warning: string | null;
}

const FRAGMENT = /^\+888(\d*)$/;
const TELEGRAM_TEST = /^\+99966(\d)(\d{0,4})$/;

/** Formats and places a number (complete or still being typed). Display only: main decides validity. */
export function describePhone(input: string): PhoneDescription {
  const phone = normalizePhone(input);
  if (phone === '+') return { formatted: '', origin: null, warning: null };

  const fragment = FRAGMENT.exec(phone);
  if (fragment) {
    const rest = fragment[1] ?? '';
    const groups = [rest.slice(0, 4), rest.slice(4)].filter((group) => group !== '');
    return { formatted: ['+888', ...groups].join(' '), origin: 'Fragment anonymous number', warning: null };
  }
  const test = TELEGRAM_TEST.exec(phone);
  if (test) {
    const formatted = ['+999 66', test[1] ?? '', test[2] ?? ''].filter((part) => part !== '').join(' ');
    return { formatted, origin: 'Telegram test number', warning: null };
  }

  const typing = new AsYouType();
  const formatted = typing.input(phone);
  const country = typing.getCountry();
  const callingCode = typing.getCallingCode();
  if (country === undefined) {
    return { formatted, origin: callingCode ? `Country code +${callingCode}` : null, warning: null };
  }
  const name = countryName(country);
  // Not while the number is still too short to judge: that is just typing.
  const judged = validatePhoneNumberLength(phone) !== 'TOO_SHORT';
  const warning =
    judged && parsePhoneNumberFromString(phone)?.isValid() !== true
      ? `This does not look like a valid number for ${name}. Check it; you can still send it.`
      : null;
  return { formatted, origin: name, warning };
}

/** A phone number for display, e.g. "+1 555 060 1001"; the number itself when nothing better is known. */
export function formatPhone(phone: string): string {
  const { formatted } = describePhone(phone);
  return formatted === '' ? phone : formatted;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function countryName(country: CountryCode): string {
  return regionNames.of(country) ?? country;
}
