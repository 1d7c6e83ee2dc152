import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { appError } from '../../../main/contract/errors.ts';
import type { LoginState } from '../../../main/contract/login-state.ts';
import {
  codeSentState,
  LOGIN_ID,
  loginCard,
  PHONE,
  renderCard,
  sentCode,
  SMS,
} from './login-card-fixtures.tsx';

const password = (
  hint: string | null,
  extra: Partial<Pick<LoginState, 'error' | 'pending'>> = {},
): LoginState => ({
  step: 'passwordNeeded',
  phone: PHONE,
  pending: null,
  error: null,
  hint,
  ...extra,
});

describe('the password step', () => {
  it('shows the hint and sends the password, then clears the field', async () => {
    const { api } = renderCard(password('my cat'));
    expect(screen.getByText('Hint: my cat')).toBeTruthy();
    const input = screen.getByLabelText<HTMLInputElement>('Password');
    expect(input.type).toBe('password');
    expect(input.autocomplete).toBe('off');
    await userEvent.type(input, 'hunter2');
    await userEvent.click(screen.getByRole('button', { name: 'Check password' }));
    expect(api.callsTo('login:perform')).toEqual([
      { loginId: LOGIN_ID, request: { type: 'submitPassword', password: 'hunter2' } },
    ]);
    expect(input.value).toBe('');
  });

  it('has no hint line when the account has no hint', () => {
    renderCard(password(null));
    expect(screen.queryByText(/^Hint:/)).toBeNull();
  });

  it('says a wrong password in words and keeps focus in the field', async () => {
    const { store } = renderCard(password('my cat'));
    const input = screen.getByLabelText('Password');
    await userEvent.type(input, 'wrong{Enter}');
    act(() => {
      store
        .getState()
        .upsertCard(loginCard(password('my cat', { error: appError('PASSWORD_HASH_INVALID') })));
    });
    expect(screen.getByRole('alert').textContent).toContain('That password is not right');
    expect(document.activeElement).toBe(input);
  });
});

describe('the sign-up step', () => {
  const signUp = (withTerms: boolean): LoginState => ({
    step: 'signUpNeeded',
    phone: PHONE,
    pending: null,
    error: null,
    termsOfService: withTerms ? { id: 'tos-1', text: 'Be nice.\nNo spam.', minAgeConfirm: 16 } : null,
  });

  it('needs the terms accepted before it signs up', async () => {
    const { api } = renderCard(signUp(true));
    expect(screen.getByRole('region', { name: 'Terms of Service' }).textContent).toContain('Be nice.');
    expect(screen.getByRole('article').textContent).toContain('at least 16 years old');
    await userEvent.type(screen.getByLabelText('First name'), ' Ada ');
    await userEvent.type(screen.getByLabelText('Last name'), 'Lovelace');
    const submit = screen.getByRole<HTMLButtonElement>('button', { name: 'Sign up' });
    expect(submit.disabled).toBe(true);
    await userEvent.click(screen.getByRole('checkbox', { name: 'I accept the Terms of Service' }));
    expect(submit.disabled).toBe(false);
    await userEvent.click(submit);
    expect(api.callsTo('login:perform')).toEqual([
      {
        loginId: LOGIN_ID,
        request: { type: 'signUp', firstName: 'Ada', lastName: 'Lovelace', acceptTerms: true },
      },
    ]);
  });

  it("shows main's sentence for a blank first name and keeps what was typed", async () => {
    const { api } = renderCard(signUp(false));
    api.answer('login:perform', () => ({ ok: false, error: appError('FIRSTNAME_INVALID') }));
    await userEvent.type(screen.getByLabelText('Last name'), 'Lovelace');
    await userEvent.type(screen.getByLabelText('First name'), '   {Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('Enter a first name');
    expect(screen.getByLabelText('First name')).toHaveProperty('value', '   ');
    expect(screen.getByLabelText('Last name')).toHaveProperty('value', 'Lovelace');
  });

  it('has no terms checkbox when Telegram sent no terms', async () => {
    const { api } = renderCard(signUp(false));
    expect(screen.queryByRole('checkbox')).toBeNull();
    await userEvent.type(screen.getByLabelText('First name'), 'Ada{Enter}');
    expect(api.callsTo('login:perform')).toEqual([
      { loginId: LOGIN_ID, request: { type: 'signUp', firstName: 'Ada', lastName: '', acceptTerms: false } },
    ]);
  });
});

describe('a card that ended', () => {
  it('shows who signed in and removes the card', async () => {
    const { api, store } = renderCard({
      step: 'signedIn',
      phone: PHONE,
      pending: null,
      error: null,
      account: {
        id: '42',
        phone: PHONE,
        firstName: 'Ada',
        lastName: 'Lovelace',
        username: 'ada',
        dcId: 2,
        status: 'online',
        statusError: null,
      },
    });
    const card = screen.getByRole('article', { name: `Login for ${PHONE}` });
    expect(card.textContent).toContain('Ada Lovelace');
    expect(card.textContent).toContain('@ada');
    expect(within(card).queryByRole('button', { name: 'Cancel login' })).toBeNull();
    await userEvent.click(within(card).getByRole('button', { name: 'Remove card' }));
    expect(api.callsTo('login:dismiss')).toEqual([{ loginId: LOGIN_ID }]);
    expect(store.getState().cards[LOGIN_ID]).toBeUndefined();
  });

  it('follows its account: logged out in Accounts, or signed out elsewhere, it no longer says signed in', () => {
    const ada = {
      id: '42',
      phone: PHONE,
      firstName: 'Ada',
      lastName: 'Lovelace',
      username: 'ada',
      dcId: 2,
      status: 'online' as const,
      statusError: null,
    };
    const { store } = renderCard({
      step: 'signedIn',
      phone: PHONE,
      pending: null,
      error: null,
      account: ada,
    });
    const card = screen.getByRole('article', { name: `Login for ${PHONE}` });
    act(() => {
      store.getState().setAccounts([ada]);
    });
    expect(card.textContent).toMatch(/^.*Signed in as Ada Lovelace \(@ada\)\./);
    act(() => {
      store.getState().setAccounts([{ ...ada, status: 'signedOut', statusError: appError('SIGNED_OUT') }]);
    });
    expect(card.textContent).toContain('Was signed in as Ada Lovelace (@ada); now signed out.');
    act(() => {
      store.getState().setAccounts([]);
    });
    expect(card.textContent).toContain('Was signed in as Ada Lovelace (@ada); it has been logged out since.');
    expect(card.textContent).not.toMatch(/(^|[^s] )Signed in as/);
  });

  it('offers Try again and Remove card after a cancel', async () => {
    const { api } = renderCard({ step: 'cancelled', phone: PHONE, pending: null, error: null });
    expect(screen.queryByRole('button', { name: 'Cancel login' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(api.callsTo('login:perform')).toEqual([{ loginId: LOGIN_ID, request: { type: 'retry' } }]);
    await userEvent.click(screen.getByRole('button', { name: 'Remove card' }));
    expect(api.callsTo('login:dismiss')).toEqual([{ loginId: LOGIN_ID }]);
  });

  it('retries a failed login with a new code', async () => {
    const { api } = renderCard({
      step: 'failed',
      phone: PHONE,
      pending: null,
      error: appError('PHONE_CODE_EXPIRED'),
    });
    expect(screen.getByRole('alert').textContent).toContain('Press Try again to get a new code.');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(api.callsTo('login:perform')).toEqual([{ loginId: LOGIN_ID, request: { type: 'retry' } }]);
  });
});

describe('cancelling', () => {
  it('cancels a running login on the server', async () => {
    const { api } = renderCard(codeSentState(sentCode(SMS)));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel login' }));
    expect(api.callsTo('login:perform')).toEqual([{ loginId: LOGIN_ID, request: { type: 'cancel' } }]);
  });

  it('can cancel while another request is in flight', () => {
    renderCard(codeSentState(sentCode(SMS), { pending: 'signingIn' }));
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Cancel login' }).disabled).toBe(false);
  });

  it('is offered while the first code is being sent', () => {
    renderCard({ step: 'sendingCode', phone: PHONE, pending: 'sendingCode', error: null });
    expect(screen.getByRole('article').textContent).toContain('asking it to send a login code');
    expect(screen.getByRole('button', { name: 'Cancel login' })).toBeTruthy();
  });

  it('names the server it talks to: Telegram, or a custom server by its name', () => {
    const { store } = renderCard({ step: 'sendingCode', phone: PHONE, pending: 'sendingCode', error: null });
    const card = screen.getByRole('article');
    expect(card.textContent).toContain('Connecting to Telegram and asking it');
    act(() => {
      store.getState().setSettings({
        apiId: 1,
        hasApiHash: true,
        serverProfile: {
          kind: 'custom',
          name: 'Acme MTProto',
          dcs: [{ id: 1, host: 'a', port: 1 }],
          publicKeyPem: '',
        },
        keychainError: null,
        autoUpdate: false,
        logFolder: null,
      });
    });
    expect(card.textContent).toContain('Connecting to Acme MTProto and asking it');
  });

  it('is disabled while the cancel itself runs', () => {
    renderCard(codeSentState(sentCode(SMS), { pending: 'cancelling' }));
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Cancel login' }).disabled).toBe(true);
    expect(screen.getByText('Cancelling the login…')).toBeTruthy();
  });
});
