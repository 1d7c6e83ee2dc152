import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { appError } from '../../../main/contract/errors.ts';
import type { LoginState } from '../../../main/contract/login-state.ts';
import { codeSentState, PHONE, renderCard, sentCode, SMS } from './login-card-fixtures.tsx';

const STATES: readonly (readonly [string, LoginState])[] = [
  ['sending', { step: 'sendingCode', phone: PHONE, pending: 'sendingCode', error: null }],
  [
    'code with resend',
    codeSentState(sentCode(SMS, { nextMedium: 'call', resendAvailableAt: Date.now() + 30_000 })),
  ],
  ['secret phrase', codeSentState(sentCode({ kind: 'smsPhrase', beginning: 'blue' }))],
  ['wrong code', codeSentState(sentCode(SMS), { error: appError('PHONE_CODE_INVALID') })],
  ['email address', { step: 'emailSetup', phone: PHONE, pending: null, error: null, emailCode: null }],
  ['password', { step: 'passwordNeeded', phone: PHONE, pending: null, error: null, hint: 'pet' }],
  [
    'sign-up with terms',
    {
      step: 'signUpNeeded',
      phone: PHONE,
      pending: null,
      error: null,
      termsOfService: { id: 't', text: 'Terms.', minAgeConfirm: null },
    },
  ],
  [
    'flood wait',
    {
      step: 'failed',
      phone: PHONE,
      pending: null,
      error: appError('FLOOD_WAIT', { retryAt: Date.now() + 60_000 }),
    },
  ],
];

describe('card accessibility', () => {
  it.each(STATES)('%s: no axe violations (contrast is checked in Chromium)', async (_, state) => {
    const { container } = renderCard(state);
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  });
});
