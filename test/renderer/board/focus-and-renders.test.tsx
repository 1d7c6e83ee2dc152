import { act, fireEvent, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { Profiler } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoginState } from '../../../main/contract/login-state.ts';
import { LoginCardView } from '../../../renderer/src/board/login-card.tsx';
import { createAppStore, type AppStore } from '../../../renderer/src/store/app-store.ts';
import { renderWithApp } from '../support/render.tsx';
import {
  acceptingApi,
  codeSentState,
  LOGIN_ID,
  loginCard,
  OTHER_ID,
  OTHER_PHONE,
  PHONE,
  renderCards,
  sentCode,
  SMS,
} from './login-card-fixtures.tsx';

const passwordStep = (phone: string): LoginState => ({
  step: 'passwordNeeded',
  phone,
  pending: null,
  error: null,
  hint: null,
});

const cardFor = (phone: string): HTMLElement => screen.getByRole('article', { name: `Login for ${phone}` });

describe('focus as cards advance', () => {
  const twoCodeCards = (): ReturnType<typeof renderCards> =>
    renderCards([codeSentState(sentCode(SMS)), codeSentState(sentCode(SMS), { phone: OTHER_PHONE })]);

  it('does not take focus when the cards first appear', () => {
    twoCodeCards();
    expect(document.activeElement).toBe(document.body);
  });

  it('moves to the password field when the card the user is in advances', async () => {
    const { store } = twoCodeCards();
    await userEvent.click(within(cardFor(PHONE)).getByLabelText('Login code'));
    act(() => {
      store.getState().upsertCard(loginCard(passwordStep(PHONE)));
    });
    expect(document.activeElement).toBe(within(cardFor(PHONE)).getByLabelText('Password'));
  });

  it('never pulls focus out of another card the user is typing in', async () => {
    const { store } = twoCodeCards();
    const typingIn = within(cardFor(PHONE)).getByLabelText('Login code');
    await userEvent.type(typingIn, '12');
    act(() => {
      store.getState().upsertCard(loginCard(passwordStep(OTHER_PHONE), OTHER_ID));
    });
    expect(within(cardFor(OTHER_PHONE)).getByLabelText('Password')).toBeTruthy();
    expect(document.activeElement).toBe(typingIn);
  });

  it('takes focus when nothing has it', () => {
    const { store } = twoCodeCards();
    act(() => {
      store.getState().upsertCard(loginCard(passwordStep(OTHER_PHONE), OTHER_ID));
    });
    expect(document.activeElement).toBe(within(cardFor(OTHER_PHONE)).getByLabelText('Password'));
  });

  it('keeps focus in a card that finished while the user was in it', async () => {
    const { store } = twoCodeCards();
    await userEvent.click(within(cardFor(PHONE)).getByLabelText('Login code'));
    act(() => {
      store.getState().upsertCard(loginCard({ step: 'cancelled', phone: PHONE, pending: null, error: null }));
    });
    expect(document.activeElement).toBe(within(cardFor(PHONE)).getByRole('button', { name: 'Try again' }));
  });

  it('leaves focus alone when another card finishes', async () => {
    const { store } = twoCodeCards();
    const typingIn = within(cardFor(PHONE)).getByLabelText('Login code');
    await userEvent.click(typingIn);
    act(() => {
      store
        .getState()
        .upsertCard(
          loginCard({ step: 'cancelled', phone: OTHER_PHONE, pending: null, error: null }, OTHER_ID),
        );
    });
    expect(document.activeElement).toBe(typingIn);
  });
});

describe('re-renders', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Two cards, each inside a Profiler that counts the commits of its subtree. */
  function renderProfiled(
    first: LoginState,
    second: LoginState,
  ): { commits: Record<string, number>; store: AppStore } {
    const store = createAppStore();
    store.getState().upsertCard(loginCard(first, LOGIN_ID));
    store.getState().upsertCard(loginCard(second, OTHER_ID));
    const commits: Record<string, number> = { [LOGIN_ID]: 0, [OTHER_ID]: 0 };
    const count = (id: string): void => {
      commits[id] = (commits[id] ?? 0) + 1;
    };
    renderWithApp(
      <>
        {[LOGIN_ID, OTHER_ID].map((id) => (
          <Profiler key={id} id={id} onRender={count}>
            <LoginCardView loginId={id} />
          </Profiler>
        ))}
      </>,
      { api: acceptingApi(store), store },
    );
    return { commits, store };
  }

  it('a countdown tick re-renders nothing of a sibling card', () => {
    const now = new Date('2026-03-02T10:00:00Z').getTime();
    vi.useFakeTimers({ now, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const { commits } = renderProfiled(
      codeSentState(sentCode(SMS, { nextMedium: 'sms', resendAvailableAt: now + 10_000 })),
      codeSentState(sentCode(SMS), { phone: OTHER_PHONE }),
    );
    const before = { ...commits };
    act(() => {
      vi.advanceTimersByTime(3_000);
    });
    expect(within(cardFor(PHONE)).getByRole('button', { name: /^Send code by SMS/ }).textContent).toBe(
      'Send code by SMS in 0:07',
    );
    expect(commits[LOGIN_ID]).toBeGreaterThan(before[LOGIN_ID] ?? 0);
    expect(commits[OTHER_ID]).toBe(before[OTHER_ID]);
  });

  it('typing in one card re-renders nothing of another', () => {
    const { commits } = renderProfiled(
      codeSentState(sentCode(SMS)),
      codeSentState(sentCode(SMS), { phone: OTHER_PHONE }),
    );
    const before = { ...commits };
    fireEvent.change(within(cardFor(PHONE)).getByLabelText('Login code'), { target: { value: '12' } });
    expect(commits[LOGIN_ID]).toBeGreaterThan(before[LOGIN_ID] ?? 0);
    expect(commits[OTHER_ID]).toBe(before[OTHER_ID]);
  });

  it("another card's new state re-renders nothing of this one", () => {
    const { commits, store } = renderProfiled(
      codeSentState(sentCode(SMS)),
      codeSentState(sentCode(SMS), { phone: OTHER_PHONE }),
    );
    const before = { ...commits };
    act(() => {
      store.getState().upsertCard(loginCard(passwordStep(OTHER_PHONE), OTHER_ID));
    });
    expect(commits[OTHER_ID]).toBeGreaterThan(before[OTHER_ID] ?? 0);
    expect(commits[LOGIN_ID]).toBe(before[LOGIN_ID]);
  });
});
