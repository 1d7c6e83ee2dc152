import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NextMedium } from '../../../main/contract/delivery.ts';
import { appError } from '../../../main/contract/errors.ts';
import { codeSentState, LOGIN_ID, renderCard, sentCode, SMS } from './login-card-fixtures.tsx';

const NOW = new Date('2026-03-02T10:00:00Z').getTime();

const LABELS: readonly (readonly [NextMedium, string])[] = [
  ['sms', 'Send code by SMS'],
  ['call', 'Call me with the code'],
  ['flashCall', 'Send code by flash call'],
  ['missedCall', 'Send code by missed call'],
  ['fragmentSms', 'Get code on Fragment'],
];

describe('asking for the code another way', () => {
  beforeEach(() => {
    vi.useFakeTimers({
      now: NOW,
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  // Testing Library's user-event waits on a real timer between steps; with fake timers, click directly.
  const click = async (button: HTMLElement): Promise<void> => {
    await act(async () => {
      fireEvent.click(button);
      await Promise.resolve();
    });
  };

  it.each(LABELS)(
    'names the next medium (%s) and is allowed once its time has come',
    async (medium, label) => {
      const { api } = renderCard(
        codeSentState(sentCode({ kind: 'app', length: 5 }, { nextMedium: medium, resendAvailableAt: NOW })),
      );
      const button = screen.getByRole<HTMLButtonElement>('button', { name: label });
      expect(button.disabled).toBe(false);
      await click(button);
      expect(api.callsTo('login:perform')).toEqual([{ loginId: LOGIN_ID, request: { type: 'resendCode' } }]);
    },
  );

  it('counts down to the moment a resend is allowed, disabled until then', async () => {
    const { api } = renderCard(
      codeSentState(sentCode(SMS, { nextMedium: 'call', resendAvailableAt: NOW + 42_000 })),
    );
    const button = screen.getByRole<HTMLButtonElement>('button', { name: /^Call me with the code/ });
    expect(button.textContent).toBe('Call me with the code in 0:42');
    expect(button.disabled).toBe(true);
    act(() => {
      vi.advanceTimersByTime(2_000);
    });
    expect(button.textContent).toBe('Call me with the code in 0:40');
    act(() => {
      vi.advanceTimersByTime(40_000);
    });
    expect(button.textContent).toBe('Call me with the code');
    expect(button.disabled).toBe(false);
    await click(button);
    expect(api.callsTo('login:perform')).toEqual([{ loginId: LOGIN_ID, request: { type: 'resendCode' } }]);
  });

  it('is disabled while a request is in flight', () => {
    renderCard(
      codeSentState(sentCode(SMS, { nextMedium: 'call', resendAvailableAt: NOW }), {
        pending: 'resendingCode',
      }),
    );
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Call me with the code' }).disabled).toBe(
      true,
    );
    expect(screen.getByText('Asking for a new code…')).toBeTruthy();
  });

  it('explains what to do when Telegram has no other medium', () => {
    renderCard(codeSentState(sentCode({ kind: 'app', length: 5 })));
    const card = screen.getByRole('article');
    expect(within(card).queryByRole('button', { name: /^(Send code|Call me|Get code)/ })).toBeNull();
    expect(card.textContent).toContain('Telegram offers no other way to send this code');
    expect(card.textContent).toContain('another device where this number is signed in');
  });

  it('explains SEND_CODE_UNAVAILABLE with what to do instead, once', () => {
    renderCard(
      codeSentState(sentCode({ kind: 'app', length: 5 }), { error: appError('SEND_CODE_UNAVAILABLE') }),
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Telegram has no other way to send a code to this number now');
    expect(alert.textContent).toContain('Look for the code in the chat named Telegram');
    expect(screen.getByRole('article').textContent).not.toContain('Telegram offers no other way');
    expect(screen.queryByRole('button', { name: /^(Send code|Call me|Get code)/ })).toBeNull();
  });
});
