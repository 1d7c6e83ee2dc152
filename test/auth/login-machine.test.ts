import { describe, expect, it } from 'vitest';
import { checkAction, checkCodeFormat, initialState, nextState } from '../../main/auth/login-machine.ts';
import type { CodeDelivery, SentCodeView } from '../../main/contract/delivery.ts';
import { appError } from '../../main/contract/errors.ts';
import type { LoginState } from '../../main/contract/login-state.ts';
import { isFinished } from '../../main/contract/phone-rules.ts';

const NOW = 1_800_000_000_000;
const sent = (
  delivery: CodeDelivery,
  nextMedium: SentCodeView['nextMedium'] = 'sms',
  wait = 60,
): SentCodeView => ({
  delivery,
  nextMedium,
  resendAvailableAt: nextMedium === null ? null : NOW + wait * 1000,
  sentAt: NOW,
});
const codeSent = (
  delivery: CodeDelivery = { kind: 'app', length: 5 },
  nextMedium: SentCodeView['nextMedium'] = 'sms',
): LoginState =>
  nextState(initialState('+15550000001'), { type: 'codeSent', sentCode: sent(delivery, nextMedium) });

describe('login transitions', () => {
  it('a card starts by sending its code', () => {
    expect(initialState('+15550000001')).toEqual({
      step: 'sendingCode',
      phone: '+15550000001',
      pending: 'sendingCode',
      error: null,
    });
  });

  it('a sent code of type setUpEmailRequired asks for a login email first', () => {
    const state = nextState(initialState('+1'), {
      type: 'codeSent',
      sentCode: sent(
        { kind: 'setUpEmailRequired', appleSignInAllowed: false, googleSignInAllowed: false },
        null,
      ),
    });
    expect(state).toMatchObject({ step: 'emailSetup', emailCode: null });
    const after = nextState(state, { type: 'emailCodeSent', emailPattern: 'a***@b.c', length: 6 });
    expect(after).toMatchObject({ step: 'emailSetup', emailCode: { emailPattern: 'a***@b.c', length: 6 } });
  });

  it('recoverable errors keep the step and show the error; others end the login', () => {
    const state = codeSent();
    expect(nextState(state, { type: 'failed', error: appError('PHONE_CODE_INVALID') })).toMatchObject({
      step: 'codeSent',
      error: { code: 'PHONE_CODE_INVALID' },
    });
    expect(nextState(state, { type: 'failed', error: appError('PHONE_CODE_EXPIRED') })).toMatchObject({
      step: 'failed',
      error: { code: 'PHONE_CODE_EXPIRED' },
    });
    expect(nextState(initialState('+1'), { type: 'failed', error: appError('TIMEOUT') }).step).toBe('failed');
    const password: LoginState = nextState(state, { type: 'passwordNeeded', hint: 'h' });
    expect(nextState(password, { type: 'failed', error: appError('PASSWORD_HASH_INVALID') }).step).toBe(
      'passwordNeeded',
    );
    expect(nextState(password, { type: 'failed', error: appError('SIGNED_OUT') }).step).toBe('failed');
  });

  it('SEND_CODE_UNAVAILABLE keeps the sent code and removes the next medium', () => {
    const after = nextState(codeSent(), { type: 'failed', error: appError('SEND_CODE_UNAVAILABLE') });
    if (after.step !== 'codeSent') throw new Error(after.step);
    expect(after.sentCode.nextMedium).toBeNull();
    expect(after.sentCode.resendAvailableAt).toBeNull();
    expect(after.sentCode.delivery).toEqual({ kind: 'app', length: 5 });
  });

  it('a started action clears the last error and sets pending; finished cards ignore it', () => {
    const withError = nextState(codeSent(), { type: 'failed', error: appError('PHONE_CODE_INVALID') });
    expect(nextState(withError, { type: 'started', pending: 'signingIn' })).toMatchObject({
      pending: 'signingIn',
      error: null,
    });
    const cancelled = nextState(codeSent(), { type: 'cancelled' });
    expect(isFinished(cancelled)).toBe(true);
    expect(nextState(cancelled, { type: 'started', pending: 'signingIn' })).toBe(cancelled);
  });
});

describe('which actions are allowed', () => {
  it('refuses everything but cancel while a request is in flight', () => {
    const busy = nextState(codeSent(), { type: 'started', pending: 'signingIn' });
    expect(checkAction(busy, { type: 'submitCode', code: '12345' }, NOW)?.code).toBe('WRONG_STEP');
    expect(checkAction(busy, { type: 'cancel' }, NOW)).toBeNull();
  });

  it('resend: only with a next medium and after the countdown', () => {
    const state = codeSent();
    expect(checkAction(state, { type: 'resendCode' }, NOW)?.code).toBe('RESEND_NOT_YET');
    expect(checkAction(state, { type: 'resendCode' }, NOW + 60_000)).toBeNull();
    expect(checkAction(codeSent(undefined, null), { type: 'resendCode' }, NOW + 600_000)?.code).toBe(
      'SEND_CODE_UNAVAILABLE',
    );
    expect(checkAction(initialState('+1'), { type: 'resendCode' }, NOW)?.code).toBe('WRONG_STEP');
  });

  it('a flood wait on the card blocks actions until it ends', () => {
    const flooded = nextState(codeSent(), {
      type: 'failed',
      error: appError('FLOOD_WAIT', { retryAt: NOW + 5_000 }),
    });
    expect(checkAction(flooded, { type: 'submitCode', code: '12345' }, NOW)?.code).toBe('FLOOD_WAIT');
    expect(checkAction(flooded, { type: 'submitCode', code: '12345' }, NOW + 5_000)).toBeNull();
    const failed = nextState(initialState('+1'), {
      type: 'failed',
      error: appError('FLOOD_WAIT', { retryAt: NOW + 5_000 }),
    });
    expect(checkAction(failed, { type: 'retry' }, NOW)?.code).toBe('FLOOD_WAIT');
    expect(checkAction(failed, { type: 'retry' }, NOW + 5_001)).toBeNull();
  });

  it('retry only from failed or cancelled; cancel only while running', () => {
    expect(checkAction(codeSent(), { type: 'retry' }, NOW)?.code).toBe('WRONG_STEP');
    const cancelled = nextState(codeSent(), { type: 'cancelled' });
    expect(checkAction(cancelled, { type: 'retry' }, NOW)).toBeNull();
    expect(checkAction(cancelled, { type: 'cancel' }, NOW)?.code).toBe('WRONG_STEP');
  });
});

describe('code format checks before a code is spent', () => {
  it.each<[CodeDelivery, string, string | null]>([
    [{ kind: 'app', length: 5 }, '12345', null],
    [{ kind: 'app', length: 5 }, ' 12345 ', null],
    [{ kind: 'app', length: 5 }, '1234', 'PHONE_CODE_INVALID'],
    [{ kind: 'sms', length: 6 }, '12a456', 'PHONE_CODE_INVALID'],
    [{ kind: 'sms', length: 6 }, '', 'PHONE_CODE_EMPTY'],
    [{ kind: 'missedCall', prefix: '+4471', length: 4 }, '0042', null],
    [{ kind: 'flashCall', pattern: '+4470*' }, '+447012345678', null],
    [
      {
        kind: 'email',
        emailPattern: 'a***@b.c',
        length: 6,
        appleSignInAllowed: false,
        googleSignInAllowed: false,
        resetAvailableAt: null,
        resetPendingAt: null,
      },
      '12345',
      'EMAIL_CODE_INVALID',
    ],
    [{ kind: 'smsWord', beginning: 'l' }, 'Lantern', null],
    [{ kind: 'smsWord', beginning: 'l' }, 'meadow', 'PHONE_CODE_INVALID'],
    [{ kind: 'smsPhrase', beginning: 'quiet' }, 'quiet amber harbor', null],
    [{ kind: 'smsPhrase', beginning: null }, 'anything at all', null],
    [{ kind: 'fragmentSms', url: 'https://fragment.com', length: 5 }, '88888', null],
  ])('%j with %j', (delivery, code, expected) => {
    expect(checkCodeFormat(sent(delivery), code)?.code ?? null).toBe(expected);
  });
});
