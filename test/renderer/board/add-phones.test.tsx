import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../main/contract/account.ts';
import { appError } from '../../../main/contract/errors.ts';
import type { LoginCard } from '../../../main/contract/login-state.ts';
import { AddPhones } from '../../../renderer/src/board/add-phones.tsx';
import { createAppStore } from '../../../renderer/src/store/app-store.ts';
import { renderWithApp, ScriptedApi } from '../support/render.tsx';

let cardSerial = 0;
function sendingCard(phone: string): LoginCard {
  cardSerial += 1;
  return {
    id: `00000000-0000-4000-8000-${String(cardSerial).padStart(12, '0')}`,
    createdAt: cardSerial,
    state: { step: 'sendingCode', phone, pending: 'sendingCode', error: null },
  };
}

function account(phone: string, status: AccountSummary['status'] = 'online'): AccountSummary {
  return {
    id: '7001',
    phone,
    firstName: 'Ada',
    lastName: '',
    username: null,
    dcId: 2,
    status,
    statusError: status === 'signedOut' ? appError('SIGNED_OUT') : null,
  };
}

function startAnswering(
  api: ScriptedApi,
  refused: Record<string, ReturnType<typeof appError>> = {},
): ScriptedApi {
  return api.answer('login:start', ({ phone }) => {
    const refusal = refused[phone];
    return refusal === undefined ? { ok: true, value: sendingCard(phone) } : { ok: false, error: refusal };
  });
}

describe('adding one phone', () => {
  it('shows the country and the formatted number while typing', async () => {
    renderWithApp(<AddPhones />);
    const input = screen.getByLabelText('Phone number');
    await userEvent.type(input, '+12025550123');
    expect(input).toHaveProperty('value', '+12025550123');
    const hint = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toBe('United States: +1 202 555 0123');
  });

  it('starts the login, puts its card on the board, then clears the input and keeps the focus there', async () => {
    const api = startAnswering(new ScriptedApi());
    const { store } = renderWithApp(<AddPhones />, { api });
    const input = screen.getByLabelText('Phone number');
    await userEvent.type(input, '+1 555 060 1001');
    await userEvent.click(screen.getByRole('button', { name: 'Send code' }));

    expect(api.callsTo('login:start')).toEqual([{ phone: '+15550601001' }]);
    await waitFor(() => {
      expect(input).toHaveProperty('value', '');
    });
    expect(document.activeElement).toBe(input);
    expect(Object.values(store.getState().cards).map((card) => card.state.phone)).toEqual(['+15550601001']);
  });

  it('adds numbers one after another with Enter', async () => {
    const api = startAnswering(new ScriptedApi());
    renderWithApp(<AddPhones />, { api });
    const input = screen.getByLabelText('Phone number');
    await userEvent.type(input, '+15550601001{Enter}');
    await waitFor(() => {
      expect(input).toHaveProperty('value', '');
    });
    await userEvent.type(input, '+9996612345{Enter}');
    await waitFor(() => {
      expect(api.callsTo('login:start')).toEqual([{ phone: '+15550601001' }, { phone: '+9996612345' }]);
    });
  });

  it('explains an invalid number without asking main', async () => {
    const api = startAnswering(new ScriptedApi());
    renderWithApp(<AddPhones />, { api });
    const input = screen.getByLabelText('Phone number');
    await userEvent.type(input, '+1 555{Enter}');
    expect(screen.getByRole('alert').textContent).toMatch(/Too short/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input).toHaveProperty('value', '+1 555');
    expect(api.callsTo('login:start')).toEqual([]);
  });

  it('refuses a number already signed in before asking main', async () => {
    const api = startAnswering(new ScriptedApi());
    const store = createAppStore();
    store.getState().setAccounts([account('+15550601001')]);
    renderWithApp(<AddPhones />, { api, store });
    await userEvent.type(screen.getByLabelText('Phone number'), '+15550601001{Enter}');
    expect(screen.getByRole('alert').textContent).toBe('This account is already signed in.');
    expect(api.callsTo('login:start')).toEqual([]);
  });

  it('starts a login for an account signed out elsewhere, typed or in a pasted list', async () => {
    const api = startAnswering(new ScriptedApi());
    const store = createAppStore();
    store
      .getState()
      .setAccounts([
        account('+15550601001', 'signedOut'),
        { ...account('+15550601002', 'signedOut'), id: '7002' },
      ]);
    renderWithApp(<AddPhones />, { api, store });
    await userEvent.type(screen.getByLabelText('Phone number'), '+15550601001{Enter}');
    await userEvent.click(screen.getByRole('button', { name: 'Paste a list' }));
    await userEvent.click(screen.getByLabelText('Phone numbers, one per line'));
    await userEvent.paste('+1 555 060 1002');
    expect(screen.queryByRole('list', { name: 'Numbers that will not be started' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Start 1 login' }));
    await waitFor(() => {
      expect(api.callsTo('login:start')).toEqual([{ phone: '+15550601001' }, { phone: '+15550601002' }]);
    });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("takes a number again once its signed-in card's account was logged out", async () => {
    const api = startAnswering(new ScriptedApi());
    const store = createAppStore();
    const signedIn = account('+15550601001');
    store.getState().upsertCard({
      id: '00000000-0000-4000-8000-999999999999',
      createdAt: 1,
      state: { step: 'signedIn', phone: signedIn.phone, pending: null, error: null, account: signedIn },
    });
    renderWithApp(<AddPhones />, { api, store });
    await userEvent.type(screen.getByLabelText('Phone number'), '+15550601001{Enter}');
    expect(api.callsTo('login:start')).toEqual([{ phone: '+15550601001' }]);
  });

  it("shows main's refusal and keeps the number to fix", async () => {
    const api = startAnswering(new ScriptedApi(), { '+15550601001': appError('API_CREDENTIALS_MISSING') });
    renderWithApp(<AddPhones />, { api });
    const input = screen.getByLabelText('Phone number');
    await userEvent.type(input, '+15550601001{Enter}');
    expect((await screen.findByRole('alert')).textContent).toMatch(/Enter your API ID and API hash/);
    expect(input).toHaveProperty('value', '+15550601001');
    expect(document.activeElement).toBe(input);
  });
});

describe('adding a pasted list', () => {
  it('lists what will not be started, starts only the ready numbers and shows the ones main refused', async () => {
    const api = startAnswering(new ScriptedApi(), { '+15550601003': appError('LOGIN_IN_PROGRESS') });
    const store = createAppStore();
    store.getState().upsertCard(sendingCard('+15550601009'));
    renderWithApp(<AddPhones />, { api, store });

    const toggle = screen.getByRole('button', { name: 'Paste a list' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const list = screen.getByLabelText('Phone numbers, one per line');
    expect(document.activeElement).toBe(list);

    await userEvent.click(list);
    await userEvent.paste(
      '+1 555 060 1001, +1555-060-1002\n+15550601001;hello\n+1 555 060 1009\n+15550601003',
    );

    const flagged = within(screen.getByRole('list', { name: 'Numbers that will not be started' }));
    const items = flagged.getAllByRole('listitem').map((item) => item.textContent);
    expect(items).toEqual([
      '+15550601001 Listed more than once: it is started once.',
      expect.stringMatching(/^hello Use digits only/),
      '+1 555 060 1009 A login for this number is already on the board.',
    ]);

    const start = screen.getByRole('button', { name: 'Start 3 logins' });
    await userEvent.click(start);

    await waitFor(() => {
      expect(screen.getByRole('alert').textContent).toBe(
        '+1 555 060 1003 A login for this phone number is already on the board.',
      );
    });
    expect(api.callsTo('login:start')).toEqual([
      { phone: '+15550601001' },
      { phone: '+15550601002' },
      { phone: '+15550601003' },
    ]);
    const phonesOnBoard = Object.values(store.getState().cards).map((card) => card.state.phone);
    expect(phonesOnBoard.sort()).toEqual(['+15550601001', '+15550601002', '+15550601009']);
    // What is left to fix stays in the box.
    expect(list).toHaveProperty('value', 'hello\n+15550601003');
    expect(store.getState().announcement?.text).toBe('Started 2 logins. 1 number did not start.');
  });

  it('cannot start an empty or all-invalid list', async () => {
    const api = startAnswering(new ScriptedApi());
    renderWithApp(<AddPhones />, { api });
    await userEvent.click(screen.getByRole('button', { name: 'Paste a list' }));
    const start = screen.getByRole('button', { name: /^Start/ });
    expect(start).toHaveProperty('disabled', true);
    await userEvent.type(
      screen.getByLabelText('Phone numbers, one per line'),
      '12{Control>}{Enter}{/Control}',
    );
    expect(screen.getByRole('button', { name: 'Start 0 logins' })).toHaveProperty('disabled', true);
    expect(api.callsTo('login:start')).toEqual([]);
  });

  it('starts with Control+Enter from the list', async () => {
    const api = startAnswering(new ScriptedApi());
    renderWithApp(<AddPhones />, { api });
    await userEvent.click(screen.getByRole('button', { name: 'Paste a list' }));
    await userEvent.type(
      screen.getByLabelText('Phone numbers, one per line'),
      '+88801234567{Control>}{Enter}{/Control}',
    );
    await waitFor(() => {
      expect(api.callsTo('login:start')).toEqual([{ phone: '+88801234567' }]);
    });
  });
});
