import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appError, defaultMessage, ERROR_CODES } from '../../../main/contract/errors.ts';
import type { LoginState } from '../../../main/contract/login-state.ts';
import { formatEndTime } from '../../../renderer/src/time/format-duration.ts';
import {
  codeSentState,
  LOGIN_ID,
  PHONE,
  renderCard,
  renderCards,
  sentCode,
  SMS,
} from './login-card-fixtures.tsx';

/** A valid uuid per index, so every error gets a card of its own. */
const idFor = (index: number): string => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
const phoneFor = (index: number): string => `+1555070${String(1000 + index)}`;

describe('errors on a card', () => {
  it('words every error code the app knows as a sentence the user can act on', () => {
    const states: LoginState[] = ERROR_CODES.map((code, index) => ({
      step: 'failed',
      phone: phoneFor(index),
      pending: null,
      error: appError(code),
    }));
    renderCards(
      states,
      ERROR_CODES.map((_, index) => idFor(index)),
    );
    ERROR_CODES.forEach((code, index) => {
      const card = screen.getByRole('article', { name: `Login for ${phoneFor(index)}` });
      expect(within(card).getByRole('alert').textContent, code).toContain(defaultMessage(code));
    });
  });

  it('shows every refusal from main (a card notice) as an alert with its message', () => {
    const states = ERROR_CODES.map((_, index) => codeSentState(sentCode(SMS), { phone: phoneFor(index) }));
    const { store } = renderCards(
      states,
      ERROR_CODES.map((_, index) => idFor(index)),
    );
    act(() => {
      ERROR_CODES.forEach((code, index) => {
        store.getState().setCardNotice(idFor(index), appError(code));
      });
    });
    ERROR_CODES.forEach((code, index) => {
      const card = screen.getByRole('article', { name: `Login for ${phoneFor(index)}` });
      expect(within(card).getByRole('alert').textContent, code).toContain(defaultMessage(code));
    });
  });

  it("adds Telegram's own error name to an unexpected refusal", () => {
    renderCard({
      step: 'failed',
      phone: PHONE,
      pending: null,
      error: appError('TELEGRAM_ERROR', { rpcMessage: 'PHONE_NUMBER_UNOCCUPIED' }),
    });
    expect(screen.getByRole('alert').textContent).toContain('PHONE_NUMBER_UNOCCUPIED');
  });

  it('sends a user to Settings when the API credentials are missing', () => {
    renderCard({ step: 'failed', phone: PHONE, pending: null, error: appError('API_CREDENTIALS_MISSING') });
    expect(screen.getByRole('alert').textContent).toContain('Open Settings');
  });
});

describe('a flood wait', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts down live, says when it ends, and allows Try again only after it', async () => {
    const now = new Date('2026-03-02T10:00:00Z').getTime();
    vi.useFakeTimers({ now, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const retryAt = now + 90_000;
    const { api } = renderCard({
      step: 'failed',
      phone: PHONE,
      pending: null,
      error: appError('FLOOD_WAIT', { retryAt }),
    });
    const card = screen.getByRole('article');
    expect(within(card).getByRole('alert').textContent).toContain('Telegram asks this number to wait');
    expect(card.textContent).toContain(
      `Time left: 1:30 (1 minute 30 seconds). You can try again at ${formatEndTime(retryAt, now)}.`,
    );
    const retry = within(card).getByRole<HTMLButtonElement>('button', { name: 'Try again' });
    expect(retry.disabled).toBe(true);
    expect(retry.getAttribute('aria-describedby')).toBeTruthy();

    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    expect(card.textContent).toContain('Time left: 1:00');
    expect(retry.disabled).toBe(true);

    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(card.textContent).toContain('The wait is over');
    expect(retry.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(retry);
      await Promise.resolve();
    });
    expect(api.callsTo('login:perform')).toEqual([{ loginId: LOGIN_ID, request: { type: 'retry' } }]);
  });

  it('shows the wait on a step that continues, too', () => {
    const retryAt = Date.now() + 3_600_000 + 65_000;
    renderCard(codeSentState(sentCode(SMS), { error: appError('FLOOD_WAIT', { retryAt }) }));
    expect(screen.getByRole('article').textContent).toMatch(/Time left: 1:01:0[45]/);
  });
});
