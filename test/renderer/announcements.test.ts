import { describe, expect, it } from 'vitest';
import { appError } from '../../main/contract/errors.ts';
import type { LoginCard } from '../../main/contract/login-state.ts';
import { describeCardChange } from '../../renderer/src/store/announcements.ts';

const base = { id: '5d1b2f9e-3c1a-4e6b-9a55-0f3a2b1c4d5e', createdAt: 1 };
const sending: LoginCard = {
  ...base,
  state: { step: 'sendingCode', phone: '+15550001111', pending: 'sendingCode', error: null },
};
const password: LoginCard = {
  ...base,
  state: { step: 'passwordNeeded', phone: '+15550001111', pending: null, error: null, hint: 'pet' },
};

describe('describeCardChange', () => {
  it('announces a new card and every change of step', () => {
    expect(describeCardChange(undefined, sending, 'Telegram')).toBe(
      '+15550001111: asking Telegram for a code.',
    );
    expect(describeCardChange(undefined, sending, 'Acme')).toBe('+15550001111: asking Acme for a code.');
    expect(describeCardChange(sending, password, 'Telegram')).toContain('two-step verification password');
  });

  it('announces a new error at the same step, and stays quiet when nothing changed', () => {
    const wrong: LoginCard = {
      ...password,
      state: { ...password.state, error: appError('PASSWORD_HASH_INVALID') },
    };
    expect(describeCardChange(password, wrong, 'Telegram')).toBe(
      `+15550001111: ${appError('PASSWORD_HASH_INVALID').message}`,
    );
    expect(describeCardChange(wrong, wrong, 'Telegram')).toBeNull();
    expect(describeCardChange(password, password, 'Telegram')).toBeNull();
  });
});
