import { act, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { appError } from '../../../main/contract/errors.ts';
import { codeSentState, LOGIN_ID, loginCard, renderCard, sentCode, SMS } from './login-card-fixtures.tsx';

describe('the code field', () => {
  it('is a one-time-code field sized from the delivery and signs in by itself when complete', async () => {
    const { api } = renderCard(codeSentState(sentCode(SMS)));
    const input = screen.getByRole<HTMLInputElement>('textbox', { name: 'Login code' });
    expect(input.inputMode).toBe('numeric');
    expect(input.autocomplete).toBe('one-time-code');
    expect(input.maxLength).toBe(5);
    expect(input.size).toBe(5);
    await userEvent.type(input, '1234');
    expect(api.callsTo('login:perform')).toEqual([]);
    await userEvent.type(input, '5');
    expect(api.callsTo('login:perform')).toEqual([
      { loginId: LOGIN_ID, request: { type: 'submitCode', code: '12345' } },
    ]);
  });

  it('keeps digits only, whatever is typed or pasted', async () => {
    const { api } = renderCard(codeSentState(sentCode(SMS)));
    const input = screen.getByRole<HTMLInputElement>('textbox', { name: 'Login code' });
    await userEvent.click(input);
    await userEvent.paste('12-3 a4');
    expect(input.value).toBe('1234');
    await userEvent.type(input, '9');
    expect(api.callsTo('login:perform')).toEqual([
      { loginId: LOGIN_ID, request: { type: 'submitCode', code: '12349' } },
    ]);
  });

  it('signs in when a whole code is pasted with separators', async () => {
    const { api } = renderCard(codeSentState(sentCode(SMS)));
    await userEvent.click(screen.getByRole('textbox', { name: 'Login code' }));
    await userEvent.paste('12 345');
    expect(api.callsTo('login:perform')).toEqual([
      { loginId: LOGIN_ID, request: { type: 'submitCode', code: '12345' } },
    ]);
  });

  it('also sends a digit code on Enter', async () => {
    const { api } = renderCard(codeSentState(sentCode(SMS)));
    await userEvent.type(screen.getByRole('textbox', { name: 'Login code' }), '123{Enter}');
    expect(api.callsTo('login:perform')).toEqual([
      { loginId: LOGIN_ID, request: { type: 'submitCode', code: '123' } },
    ]);
  });

  it('sends a secret word only with the Sign in button', async () => {
    const { api } = renderCard(codeSentState(sentCode({ kind: 'smsWord', beginning: 'q' })));
    await userEvent.type(screen.getByRole('textbox', { name: 'Secret word' }), 'quartz');
    expect(api.callsTo('login:perform')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(api.callsTo('login:perform')).toEqual([
      { loginId: LOGIN_ID, request: { type: 'submitCode', code: 'quartz' } },
    ]);
  });

  it('sends the whole calling number of a flash call with the Sign in button', async () => {
    const { api } = renderCard(codeSentState(sentCode({ kind: 'flashCall', pattern: '+1555****' })));
    await userEvent.type(screen.getByRole('textbox', { name: 'Calling number' }), '+15551234');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(api.callsTo('login:perform')).toEqual([
      { loginId: LOGIN_ID, request: { type: 'submitCode', code: '+15551234' } },
    ]);
  });

  it('is disabled while main checks the code, and says so', () => {
    renderCard(codeSentState(sentCode(SMS), { pending: 'signingIn' }));
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Login code' }).disabled).toBe(true);
    expect(screen.getByText('Checking the code…')).toBeTruthy();
    expect(screen.getByRole('article').getAttribute('aria-busy')).toBe('true');
  });

  it('empties itself after a wrong code and keeps focus for the next one', async () => {
    const { store } = renderCard(codeSentState(sentCode(SMS)));
    const input = screen.getByRole<HTMLInputElement>('textbox', { name: 'Login code' });
    await userEvent.type(input, '11111');
    act(() => {
      store
        .getState()
        .upsertCard(loginCard(codeSentState(sentCode(SMS), { error: appError('PHONE_CODE_INVALID') })));
    });
    expect(input.value).toBe('');
    expect(document.activeElement).toBe(input);
    expect(screen.getByRole('alert').textContent).toContain('That code is not right');
  });

  it('warns that a code must never be given to anyone, not even in Telegram', () => {
    renderCard(codeSentState(sentCode(SMS)));
    const warning = screen.getByRole('note');
    expect(warning.textContent).toContain('Never give this code to anyone');
    expect(warning.textContent).toContain('not even');
    expect(warning.textContent).toContain('Telegram');
  });
});
