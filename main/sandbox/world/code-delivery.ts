import { randomInt } from 'node:crypto';
import { Api } from 'telegram';
import type { DeliveryRung, RungType } from './world-file.ts';

/**
 * How each rung of a delivery ladder "delivers" a login code, and what the client is told about it.
 * The 11 auth.SentCodeType constructors of layer 198:
 *
 * | rung          | SentCodeType                     | what the user types                              |
 * |---------------|----------------------------------|--------------------------------------------------|
 * | app           | sentCodeTypeApp{length}          | digits, sent as a message from 777000            |
 * | sms, call     | sentCodeTypeSms/Call{length}     | digits                                           |
 * | flashCall     | sentCodeTypeFlashCall{pattern}   | the whole caller number (it matches `pattern`)   |
 * | missedCall    | sentCodeTypeMissedCall{prefix,length} | the last `length` digits of the caller number |
 * | email         | sentCodeTypeEmailCode{email_pattern,length} | digits, given as email_verification     |
 * | setUpEmail    | sentCodeTypeSetUpEmailRequired   | nothing yet: add an email first, then its code   |
 * | fragmentSms   | sentCodeTypeFragmentSms{url,length} | digits                                        |
 * | firebaseSms   | sentCodeTypeFirebaseSms{length}  | digits (the sandbox "sends" them at once)         |
 * | smsWord       | sentCodeTypeSmsWord{beginning}   | one word; beginning = its first letter           |
 * | smsPhrase     | sentCodeTypeSmsPhrase{beginning} | a phrase; beginning = its first word             |
 */

/** A code as issued for one rung. */
export interface IssuedCode {
  readonly type: RungType;
  /** What the user must type (for email rungs: what goes in emailVerificationCode). Empty for setUpEmail. */
  readonly code: string;
  /** Length the client is told (digits), or of the word. */
  readonly length: number;
  /** Flash and missed calls: the number that "called", digits with a leading +. */
  readonly caller?: string;
  /** Flash and missed calls: the start of the caller number that is not code ("+99988"). */
  readonly callerPrefix?: string;
  /** The login email a code went to (email rungs). */
  readonly email?: string;
}

export interface CodeSource {
  /** A fixed code for digit rungs (test numbers, or `code` in the world file). */
  readonly fixedCode: string | undefined;
  /** Length of random digit codes. */
  readonly codeLength: number;
  readonly loginEmail: string | undefined;
}

const WORDS = [
  'amber',
  'breeze',
  'candle',
  'delta',
  'ember',
  'falcon',
  'garden',
  'harbor',
  'island',
  'jasmine',
  'kettle',
  'lantern',
  'meadow',
  'nectar',
  'orbit',
  'pebble',
  'quartz',
  'river',
  'silver',
  'timber',
  'umbrella',
  'velvet',
  'willow',
  'yonder',
  'zephyr',
];

function randomDigits(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String(randomInt(10));
  return out;
}

function randomWord(): string {
  return WORDS[randomInt(WORDS.length)] ?? 'sandbox';
}

const DEFAULT_CALL_PREFIX = '+99988';

export function issueCode(rung: DeliveryRung, source: CodeSource): IssuedCode {
  const digits = (length: number | undefined): string =>
    source.fixedCode ?? randomDigits(length ?? source.codeLength);
  switch (rung.type) {
    case 'app':
    case 'sms':
    case 'call':
    case 'fragmentSms':
    case 'firebaseSms': {
      const code = digits(rung.length);
      return { type: rung.type, code, length: code.length };
    }
    case 'email': {
      const code = digits(rung.length);
      return { type: rung.type, code, length: code.length, ...emailField(source.loginEmail) };
    }
    case 'setUpEmail':
      return { type: rung.type, code: '', length: rung.length ?? source.codeLength };
    case 'flashCall':
    case 'missedCall': {
      const code = digits(rung.length);
      const callerPrefix = `+${(rung.prefix ?? DEFAULT_CALL_PREFIX).replace(/\D/g, '')}`;
      const caller = `${callerPrefix}${code}`;
      // A flash call's code is the caller's whole number; a missed call's is its last digits.
      return rung.type === 'flashCall'
        ? { type: rung.type, code: caller.slice(1), length: code.length, caller, callerPrefix }
        : { type: rung.type, code, length: code.length, caller, callerPrefix };
    }
    case 'smsWord': {
      const word = (rung.word ?? randomWord()).toLowerCase();
      return { type: rung.type, code: word, length: word.length };
    }
    case 'smsPhrase': {
      const phrase = (rung.phrase ?? [randomWord(), randomWord(), randomWord()].join(' ')).toLowerCase();
      return { type: rung.type, code: phrase, length: phrase.length };
    }
  }
}

function emailField(email: string | undefined): { email?: string } {
  return email === undefined ? {} : { email };
}

/** Digits compare as digits (spaces, dashes and a + are ignored); words and phrases case- and space-insensitively. */
export function codeMatches(issued: IssuedCode, typed: string): boolean {
  if (issued.code === '') return false;
  if (issued.type === 'smsWord' || issued.type === 'smsPhrase') {
    return typed.trim().toLowerCase().split(/\s+/).join(' ') === issued.code;
  }
  return typed.replace(/[\s\-+()]/g, '') === issued.code;
}

/** "a***@example.com": enough to recognise one's own address, as Telegram shows it. */
export function emailPattern(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  return `${local.slice(0, 1)}***${email.slice(at)}`;
}

export function sentCodeType(rung: DeliveryRung, issued: IssuedCode): Api.auth.TypeSentCodeType {
  switch (rung.type) {
    case 'app':
      return new Api.auth.SentCodeTypeApp({ length: issued.length });
    case 'sms':
      return new Api.auth.SentCodeTypeSms({ length: issued.length });
    case 'call':
      return new Api.auth.SentCodeTypeCall({ length: issued.length });
    case 'flashCall':
      // The caller's number matches the pattern; the client sends that whole number as the code.
      return new Api.auth.SentCodeTypeFlashCall({
        pattern: `${issued.callerPrefix ?? ''}${'*'.repeat(issued.length)}`,
      });
    case 'missedCall':
      return new Api.auth.SentCodeTypeMissedCall({
        prefix: issued.callerPrefix ?? '',
        length: issued.length,
      });
    case 'email':
      return new Api.auth.SentCodeTypeEmailCode({
        emailPattern: emailPattern(issued.email ?? ''),
        length: issued.length,
      });
    case 'setUpEmail':
      return new Api.auth.SentCodeTypeSetUpEmailRequired({});
    case 'fragmentSms':
      return new Api.auth.SentCodeTypeFragmentSms({
        url: rung.url ?? 'https://fragment.com/numbers',
        length: issued.length,
      });
    case 'firebaseSms':
      return new Api.auth.SentCodeTypeFirebaseSms({ length: issued.length });
    case 'smsWord':
      return new Api.auth.SentCodeTypeSmsWord({ beginning: issued.code.slice(0, 1) });
    case 'smsPhrase':
      return new Api.auth.SentCodeTypeSmsPhrase({ beginning: issued.code.split(' ')[0] ?? '' });
  }
}

/**
 * The auth.CodeType announcing a rung as `next_type`. App, email and set-up-email rungs have no CodeType in
 * layer 198, so the sentCode then omits next_type (the `timeout` still says a resend is possible).
 */
export function codeTypeOf(rung: DeliveryRung): Api.auth.TypeCodeType | undefined {
  switch (rung.type) {
    case 'sms':
    case 'smsWord':
    case 'smsPhrase':
    case 'firebaseSms':
      return new Api.auth.CodeTypeSms();
    case 'call':
      return new Api.auth.CodeTypeCall();
    case 'flashCall':
      return new Api.auth.CodeTypeFlashCall();
    case 'missedCall':
      return new Api.auth.CodeTypeMissedCall();
    case 'fragmentSms':
      return new Api.auth.CodeTypeFragmentSms();
    case 'app':
    case 'email':
    case 'setUpEmail':
      return undefined;
  }
}

/** The words of the message a user would receive, for the outbox (and the 777000 message for app codes). */
export function deliveryText(issued: IssuedCode): string {
  switch (issued.type) {
    case 'app':
      return (
        `Login code: ${issued.code}. Do not give this code to anyone, even if they say they are from Telegram!\n\n` +
        'This code can be used to log in to your Telegram account. We never ask it for anything else.\n\n' +
        "If you didn't request this code by trying to log in on another device, simply ignore this message."
      );
    case 'call':
      return `Voice call: your Telegram code is ${issued.code.split('').join(' ')}.`;
    case 'flashCall':
      return `Flash call from ${issued.caller ?? ''}.`;
    case 'missedCall':
      return `Missed call from ${issued.caller ?? ''}.`;
    case 'email':
    case 'setUpEmail':
      return `Email to ${issued.email ?? ''}: your Telegram login code is ${issued.code}.`;
    case 'fragmentSms':
      return `Fragment anonymous number: your Telegram code is ${issued.code}.`;
    case 'smsWord':
      return `Telegram: your login word is ${issued.code}.`;
    case 'smsPhrase':
      return `Telegram: your login phrase is "${issued.code}".`;
    case 'sms':
    case 'firebaseSms':
      return `Telegram code: ${issued.code}`;
  }
}
