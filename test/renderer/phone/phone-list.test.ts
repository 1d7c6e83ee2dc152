import { describe, expect, it } from 'vitest';
import { describePhone, formatPhone } from '../../../renderer/src/phone/phone-format.ts';
import {
  classifyPhones,
  describeEntryStatus,
  splitPhoneList,
} from '../../../renderer/src/phone/phone-list.ts';
import { phoneProblem } from '../../../renderer/src/phone/phone-problem.ts';

const nothingKnown = { onBoard: new Set<string>(), signedIn: new Set<string>() };

describe('splitting a pasted list', () => {
  it('splits on new lines, commas and semicolons and drops blank entries', () => {
    const text = '+1 555 060 1001, +1 (555) 060-1002;+1.555.060.1003\r\n\n  0044 20 7946 0958  ;;\n';
    expect(splitPhoneList(text)).toEqual([
      '+1 555 060 1001',
      '+1 (555) 060-1002',
      '+1.555.060.1003',
      '0044 20 7946 0958',
    ]);
  });

  it('finds nothing in blank text', () => {
    expect(splitPhoneList(' \n , ; ')).toEqual([]);
  });
});

describe('classifying the entries', () => {
  it('normalises formatting characters and the 00 prefix as main does', () => {
    const entries = classifyPhones(['+1 (555) 060-1001', '0044 20 7946 0958', '15550601002'], nothingKnown);
    expect(entries.map((entry) => [entry.phone, entry.status.kind])).toEqual([
      ['+15550601001', 'ready'],
      ['+442079460958', 'ready'],
      ['+15550601002', 'ready'],
    ]);
  });

  it('accepts Fragment +888 numbers and Telegram test numbers', () => {
    const entries = classifyPhones(['+888 0123 4567', '+999 66 1 2345'], nothingKnown);
    expect(entries.map((entry) => entry.status.kind)).toEqual(['ready', 'ready']);
    expect(entries[0]?.phone).toBe('+88801234567');
  });

  it('flags the second and later copies of a number, however each is written', () => {
    const entries = classifyPhones(['+15550601001', '+1 555 060 1001', '001-555-060-1001'], nothingKnown);
    expect(entries.map((entry) => entry.status.kind)).toEqual(['ready', 'duplicate', 'duplicate']);
    expect(describeEntryStatus({ kind: 'duplicate' })).toMatch(/more than once/);
  });

  it('explains why an entry is invalid', () => {
    const entries = classifyPhones(['+1 555', 'call me', '07911 123456', '+1234567890123456'], nothingKnown);
    const reasons = entries.map((entry) => (entry.status.kind === 'invalid' ? entry.status.reason : null));
    expect(reasons[0]).toMatch(/Too short/);
    expect(reasons[1]).toMatch(/digits only/);
    expect(reasons[2]).toMatch(/country code instead of 0/);
    expect(reasons[3]).toMatch(/Too long/);
  });

  it('flags numbers already on the board and accounts already signed in, signed in first', () => {
    const known = { onBoard: new Set(['+15550601001', '+15550601002']), signedIn: new Set(['+15550601002']) };
    const entries = classifyPhones(['+15550601001', '+15550601002', '+15550601003'], known);
    expect(entries.map((entry) => entry.status.kind)).toEqual(['onBoard', 'signedIn', 'ready']);
    expect(describeEntryStatus({ kind: 'onBoard' })).toMatch(/already on the board/);
    expect(describeEntryStatus({ kind: 'signedIn' })).toMatch(/already signed in/);
  });
});

describe('the problem with one typed number', () => {
  it('is null for a number main accepts', () => {
    expect(phoneProblem('+1 555 060 1001')).toBeNull();
  });

  it('asks for a number when nothing was typed', () => {
    expect(phoneProblem('   ')).toMatch(/Enter a phone number/);
  });

  it('refuses two plus signs', () => {
    expect(phoneProblem('++15550601001')).toMatch(/digits only/);
  });
});

describe('describing a number as it is typed', () => {
  it('names the country and formats the number', () => {
    expect(describePhone('+12025550123')).toEqual({
      formatted: '+1 202 555 0123',
      origin: 'United States',
      warning: null,
    });
  });

  it('formats a number still being typed', () => {
    expect(describePhone('+4420794').formatted).toBe('+44 20 794');
  });

  it('warns without refusing when a number does not fit its country', () => {
    const description = describePhone('+33 1234567890');
    expect(description.origin).toBe('France');
    expect(description.warning).toMatch(/does not look like a valid number for France/);
    expect(phoneProblem('+33 1234567890')).toBeNull();
  });

  it('does not warn while a number is still too short to judge', () => {
    expect(describePhone('+38099123456')).toMatchObject({ origin: 'Ukraine', warning: null });
  });

  it('does not warn about sandbox numbers that no country owns', () => {
    expect(describePhone('+15550601001')).toEqual({
      formatted: '+1 555 060 1001',
      origin: 'Country code +1',
      warning: null,
    });
  });

  it('names Telegram test numbers, which libphonenumber does not know', () => {
    expect(describePhone('+9996612345')).toEqual({
      formatted: '+999 66 1 2345',
      origin: 'Telegram test number',
      warning: null,
    });
  });

  it('formats Fragment numbers itself', () => {
    expect(describePhone('+88801234567')).toEqual({
      formatted: '+888 0123 4567',
      origin: 'Fragment anonymous number',
      warning: null,
    });
    expect(formatPhone('+888012')).toBe('+888 012');
  });

  it('says nothing before any digit', () => {
    expect(describePhone(' + ')).toEqual({ formatted: '', origin: null, warning: null });
  });
});
