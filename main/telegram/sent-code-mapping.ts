import { Api } from 'telegram';
import {
  DEFAULT_RESEND_TIMEOUT_SECONDS,
  type CodeDelivery,
  type NextMedium,
  type SentCodeView,
} from '../contract/delivery.ts';

/*
 * GramJS fills absent optional TL fields with null although its typings say undefined, so they are
 * checked with `== null`.
 */

/** auth.SentCodeType (all 11 of layer 198) → how the UI tells the user where the code is. */
export function codeDeliveryOf(type: Api.auth.TypeSentCodeType, now: number): CodeDelivery {
  if (type instanceof Api.auth.SentCodeTypeApp) return { kind: 'app', length: type.length };
  if (type instanceof Api.auth.SentCodeTypeSms) return { kind: 'sms', length: type.length };
  if (type instanceof Api.auth.SentCodeTypeCall) return { kind: 'call', length: type.length };
  if (type instanceof Api.auth.SentCodeTypeFlashCall) return { kind: 'flashCall', pattern: type.pattern };
  if (type instanceof Api.auth.SentCodeTypeMissedCall) {
    return { kind: 'missedCall', prefix: type.prefix, length: type.length };
  }
  if (type instanceof Api.auth.SentCodeTypeEmailCode) {
    return {
      kind: 'email',
      emailPattern: type.emailPattern,
      length: type.length,
      appleSignInAllowed: type.appleSigninAllowed === true,
      googleSignInAllowed: type.googleSigninAllowed === true,
      // A period (seconds from now) and a date (unix seconds), both turned into epoch ms.
      resetAvailableAt: type.resetAvailablePeriod == null ? null : now + type.resetAvailablePeriod * 1000,
      resetPendingAt: type.resetPendingDate == null ? null : type.resetPendingDate * 1000,
    };
  }
  if (type instanceof Api.auth.SentCodeTypeSetUpEmailRequired) {
    return {
      kind: 'setUpEmailRequired',
      appleSignInAllowed: type.appleSigninAllowed === true,
      googleSignInAllowed: type.googleSigninAllowed === true,
    };
  }
  if (type instanceof Api.auth.SentCodeTypeFragmentSms) {
    return { kind: 'fragmentSms', url: type.url, length: type.length };
  }
  if (type instanceof Api.auth.SentCodeTypeFirebaseSms) return { kind: 'firebaseSms', length: type.length };
  if (type instanceof Api.auth.SentCodeTypeSmsWord)
    return { kind: 'smsWord', beginning: type.beginning ?? null };
  return { kind: 'smsPhrase', beginning: type.beginning ?? null };
}

/** auth.CodeType (next_type) → the medium a resend would use; null when there is none. */
export function nextMediumOf(type: Api.auth.TypeCodeType | undefined): NextMedium | null {
  if (type == null) return null;
  if (type instanceof Api.auth.CodeTypeSms) return 'sms';
  if (type instanceof Api.auth.CodeTypeCall) return 'call';
  if (type instanceof Api.auth.CodeTypeFlashCall) return 'flashCall';
  if (type instanceof Api.auth.CodeTypeMissedCall) return 'missedCall';
  return 'fragmentSms';
}

export function sentCodeViewOf(sent: Api.auth.SentCode, now: number): SentCodeView {
  const nextMedium = nextMediumOf(sent.nextType);
  const waitSeconds = sent.timeout ?? DEFAULT_RESEND_TIMEOUT_SECONDS;
  return {
    delivery: codeDeliveryOf(sent.type, now),
    nextMedium,
    resendAvailableAt: nextMedium === null ? null : now + waitSeconds * 1000,
    sentAt: now,
  };
}
