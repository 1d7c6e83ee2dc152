import { act, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../main/domain/account.ts';
import { appError } from '../../../main/domain/errors.ts';
import { AccountsView } from '../../../renderer/src/accounts/accounts-view.tsx';
import { createAppStore } from '../../../renderer/src/store/app-store.ts';
import { renderWithApp, ScriptedApi } from '../support/render.tsx';

function account(n: number, extra: Partial<AccountSummary> = {}): AccountSummary {
  return {
    id: String(1000 + n),
    phone: `+1555060${String(1000 + n)}`,
    firstName: `User${String(n)}`,
    lastName: 'Tester',
    username: `user${String(n)}`,
    dcId: 2,
    status: 'online',
    statusError: null,
    ...extra,
  };
}

function renderAccounts(accounts: AccountSummary[] | null, api = new ScriptedApi()) {
  const store = createAppStore();
  if (accounts !== null) store.getState().setAccounts(accounts);
  return renderWithApp(<AccountsView />, { api, store });
}

const rowOf = (phone: string) => screen.getByRole('listitem', { name: `Account ${phone}` });

describe('the accounts view', () => {
  it('says it is loading until main answered', () => {
    renderAccounts(null);
    expect(screen.getByRole('status').textContent).toBe('Loading accounts…');
  });

  it('shows who each account is, its DC and status', () => {
    renderAccounts([
      account(1, { username: 'ada', firstName: 'Ada', lastName: 'Lovelace', dcId: 4 }),
      account(2, { status: 'connecting' }),
    ]);
    const row = rowOf('+15550601001');
    expect(row.textContent).toContain('Ada Lovelace');
    expect(row.textContent).toContain('@ada');
    expect(row.textContent).toContain('+1 555 060 1001');
    expect(row.textContent).toContain('DC 4');
    expect(row.textContent).toContain('Online');
    expect(rowOf('+15550601002').textContent).toContain('Reconnecting');
  });

  it('searches and filters, with counts', async () => {
    const accounts = Array.from({ length: 40 }, (_, index) =>
      account(index + 1, { status: index % 4 === 0 ? 'offline' : 'online' }),
    );
    renderAccounts(accounts);
    expect(screen.getByText('Showing 40 of 40 accounts')).toBeTruthy();

    await userEvent.type(screen.getByLabelText('Search accounts'), 'user1');
    // user1, user10..user19
    await waitFor(() => {
      expect(screen.getByText('Showing 11 of 40 accounts')).toBeTruthy();
    });
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'Offline');
    // user1, user13, user17 are offline (index 0, 12, 16)
    await waitFor(() => {
      expect(screen.getByText('Showing 3 of 40 accounts')).toBeTruthy();
    });
    const names = within(screen.getByRole('list'))
      .getAllByRole('listitem')
      .map((row) => row.getAttribute('aria-label'));
    expect(names).toEqual(['Account +15550601001', 'Account +15550601013', 'Account +15550601017']);

    await userEvent.clear(screen.getByLabelText('Search accounts'));
    await userEvent.type(screen.getByLabelText('Search accounts'), '@nobody');
    await waitFor(() => {
      expect(screen.getByText(/No account matches/)).toBeTruthy();
    });
  });

  it('offers the statuses of the contract in the Status filter', () => {
    renderAccounts([account(1)]);
    const options = within(screen.getByLabelText('Status'))
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(options).toEqual(['All', 'Online', 'Reconnecting', 'Offline', 'Signed out elsewhere']);
  });

  it('logs out only after confirmation, which gets the focus', async () => {
    const api = new ScriptedApi().answer('accounts:logOut', () => ({ ok: true, value: { loggedOut: true } }));
    const { store } = renderAccounts([account(1), account(2)], api);
    const row = rowOf('+15550601001');
    await userEvent.click(within(row).getByRole('button', { name: 'Log out' }));
    const confirm = within(row).getByRole('button', { name: 'Confirm log out' });
    expect(document.activeElement).toBe(confirm);
    expect(api.callsTo('accounts:logOut')).toEqual([]);

    await userEvent.click(confirm);
    expect(api.callsTo('accounts:logOut')).toEqual([{ accountId: '1001' }]);
    await waitFor(() => {
      expect(screen.queryByRole('listitem', { name: 'Account +15550601001' })).toBeNull();
    });
    expect(store.getState().accounts?.map((a) => a.id)).toEqual(['1002']);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Accounts' }));
  });

  it('keeps the account when the user says so, or presses Escape, and returns the focus', async () => {
    const api = new ScriptedApi().answer('accounts:logOut', () => ({ ok: true, value: { loggedOut: true } }));
    renderAccounts([account(1)], api);
    const row = rowOf('+15550601001');
    await userEvent.click(within(row).getByRole('button', { name: 'Log out' }));
    await userEvent.click(within(row).getByRole('button', { name: 'Keep signed in' }));
    expect(within(row).queryByRole('button', { name: 'Confirm log out' })).toBeNull();
    expect(document.activeElement).toBe(within(row).getByRole('button', { name: 'Log out' }));

    await userEvent.click(within(row).getByRole('button', { name: 'Log out' }));
    await userEvent.keyboard('{Escape}');
    expect(within(row).queryByRole('button', { name: 'Confirm log out' })).toBeNull();
    expect(document.activeElement).toBe(within(row).getByRole('button', { name: 'Log out' }));
    expect(api.callsTo('accounts:logOut')).toEqual([]);
  });

  it("shows main's refusal to log out in the row", async () => {
    const api = new ScriptedApi().answer('accounts:logOut', () => ({
      ok: false,
      error: appError('KEYCHAIN_UNAVAILABLE'),
    }));
    renderAccounts([account(1)], api);
    const row = rowOf('+15550601001');
    await userEvent.click(within(row).getByRole('button', { name: 'Log out' }));
    await userEvent.click(within(row).getByRole('button', { name: 'Confirm log out' }));
    expect((await within(row).findByRole('alert')).textContent).toMatch(/keychain is locked/);
    expect(rowOf('+15550601001')).toBeTruthy();
  });

  it('removes an account signed out elsewhere after confirmation', async () => {
    const api = new ScriptedApi().answer('accounts:logOut', () => ({ ok: true, value: { loggedOut: true } }));
    renderAccounts([account(1, { status: 'signedOut', statusError: appError('SIGNED_OUT') })], api);
    const row = rowOf('+15550601001');
    expect(row.textContent).toContain('Signed out elsewhere');
    expect(row.textContent).toContain('This session was ended');
    expect(within(row).queryByRole('button', { name: 'Log out' })).toBeNull();
    await userEvent.click(within(row).getByRole('button', { name: 'Remove' }));
    await userEvent.click(within(row).getByRole('button', { name: 'Confirm remove' }));
    expect(api.callsTo('accounts:logOut')).toEqual([{ accountId: '1001' }]);
    await waitFor(() => {
      expect(screen.queryByRole('listitem')).toBeNull();
    });
  });

  it('reconnects an offline account and shows why it was offline', async () => {
    const offline = account(1, { status: 'offline', statusError: appError('NETWORK_UNAVAILABLE') });
    const api = new ScriptedApi().answer('accounts:reconnect', ({ accountId }) => ({
      ok: true,
      value: { ...offline, id: accountId, status: 'online', statusError: null },
    }));
    renderAccounts([offline], api);
    const row = rowOf('+15550601001');
    expect(row.textContent).toContain('Offline');
    expect(row.textContent).toContain('Cannot reach Telegram');
    await userEvent.click(within(row).getByRole('button', { name: 'Reconnect' }));
    expect(api.callsTo('accounts:reconnect')).toEqual([{ accountId: '1001' }]);
    await waitFor(() => {
      expect(rowOf('+15550601001').textContent).toContain('Online');
    });
    expect(within(rowOf('+15550601001')).queryByRole('button', { name: 'Reconnect' })).toBeNull();
  });

  it('follows accounts:changed from main', () => {
    const { store } = renderAccounts([account(1)]);
    act(() => {
      store.getState().setAccounts([account(1, { status: 'connecting' }), account(2)]);
    });
    expect(rowOf('+15550601001').textContent).toContain('Reconnecting');
    expect(screen.getByText('Showing 2 of 2 accounts')).toBeTruthy();
  });
});
