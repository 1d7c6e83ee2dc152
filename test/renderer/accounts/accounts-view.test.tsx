import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '../../../main/contract/account.ts';
import { appError } from '../../../main/contract/errors.ts';
import { AccountsView } from '../../../renderer/src/accounts/accounts-view.tsx';
import { OVERSCAN_ROWS } from '../../../renderer/src/accounts/use-visible-rows.ts';
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

function renderAccounts(
  accounts: AccountSummary[] | null,
  api = new ScriptedApi(),
  onLoginStarted = vi.fn(),
) {
  const store = createAppStore();
  if (accounts !== null) store.getState().setAccounts(accounts);
  return renderWithApp(<AccountsView onLoginStarted={onLoginStarted} />, { api, store });
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
    expect(options).toEqual([
      'All',
      'Online',
      'Reconnecting',
      'Offline',
      'Signed out',
      'Stored session unreadable',
    ]);
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
    expect(row.textContent).toContain('Signed out');
    expect(row.textContent).toContain('This session no longer works');
    expect(within(row).queryByRole('button', { name: 'Log out' })).toBeNull();
    await userEvent.click(within(row).getByRole('button', { name: 'Remove' }));
    await userEvent.click(within(row).getByRole('button', { name: 'Confirm remove' }));
    expect(api.callsTo('accounts:logOut')).toEqual([{ accountId: '1001' }]);
    await waitFor(() => {
      expect(screen.queryByRole('listitem')).toBeNull();
    });
  });

  it('logs an account signed out elsewhere in again: a card for its number, then the board', async () => {
    const card = {
      id: '00000000-0000-4000-8000-000000000001',
      createdAt: 1,
      state: {
        step: 'sendingCode' as const,
        phone: '+15550601001',
        pending: 'sendingCode' as const,
        error: null,
      },
    };
    const api = new ScriptedApi().answer('login:start', () => ({ ok: true, value: card }));
    const onLoginStarted = vi.fn();
    const { store } = renderAccounts(
      [account(1, { status: 'signedOut', statusError: appError('SIGNED_OUT') }), account(2)],
      api,
      onLoginStarted,
    );
    expect(within(rowOf('+15550601002')).queryByRole('button', { name: 'Log in again' })).toBeNull();
    await userEvent.click(within(rowOf('+15550601001')).getByRole('button', { name: 'Log in again' }));
    expect(api.callsTo('login:start')).toEqual([{ phone: '+15550601001' }]);
    await waitFor(() => {
      expect(onLoginStarted).toHaveBeenCalledTimes(1);
    });
    expect(store.getState().cards[card.id]).toEqual(card);
  });

  it("shows main's refusal to log in again in the row", async () => {
    const api = new ScriptedApi().answer('login:start', () => ({
      ok: false,
      error: appError('LOGIN_IN_PROGRESS'),
    }));
    const onLoginStarted = vi.fn();
    renderAccounts(
      [account(1, { status: 'signedOut', statusError: appError('SIGNED_OUT') })],
      api,
      onLoginStarted,
    );
    await userEvent.click(within(rowOf('+15550601001')).getByRole('button', { name: 'Log in again' }));
    expect((await within(rowOf('+15550601001')).findByRole('alert')).textContent).toMatch(
      /already on the board/,
    );
    expect(onLoginStarted).not.toHaveBeenCalled();
  });

  it('shows a keychain entry that cannot be read by its user id, with why, and removes it', async () => {
    const api = new ScriptedApi().answer('accounts:logOut', () => ({ ok: true, value: { loggedOut: true } }));
    const unreadable = account(1, {
      phone: '',
      firstName: '',
      lastName: '',
      username: null,
      dcId: 0,
      status: 'unreadable',
      statusError: appError('SESSION_UNREADABLE'),
    });
    renderAccounts([unreadable], api);
    const row = screen.getByRole('listitem', { name: 'Account user id 1001' });
    expect(row.textContent).toContain('Unknown account');
    expect(row.textContent).toContain('Stored session unreadable');
    expect(row.textContent).toContain('cannot be read');
    expect(row.textContent).not.toContain('DC 0');
    expect(within(row).queryByRole('button', { name: 'Log in again' })).toBeNull();
    await userEvent.click(within(row).getByRole('button', { name: 'Remove' }));
    await userEvent.click(within(row).getByRole('button', { name: 'Confirm remove' }));
    expect(api.callsTo('accounts:logOut')).toEqual([{ accountId: '1001' }]);
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

describe('the accounts list with 1,000 accounts', () => {
  const ROW_PX = 50;
  const VIEWPORT_PX = 500;
  /** Where the top of the list is, relative to the top of the viewport (negative: scrolled past it). */
  let listTop = 0;
  let innerHeight = 0;

  beforeEach(() => {
    listTop = 0;
    innerHeight = window.innerHeight;
    window.innerHeight = VIEWPORT_PX;
    // jsdom has no layout: the list reports its place in the viewport and a height of ROW_PX per row.
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      const rows = this.classList.contains('account-list')
        ? Number(this.firstElementChild?.getAttribute('aria-setsize') ?? 0)
        : 0;
      const top = this.classList.contains('account-list') ? listTop : 0;
      return DOMRect.fromRect({ x: 0, y: top, width: 800, height: rows * ROW_PX });
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    window.innerHeight = innerHeight;
  });

  const many = (): AccountSummary[] => Array.from({ length: 1000 }, (_, index) => account(index + 1));
  const rows = () => within(screen.getByRole('list')).getAllByRole('listitem');
  const positions = () => rows().map((row) => Number(row.getAttribute('aria-posinset')));
  const scrollTo = (offset: number) => {
    listTop = -offset;
    fireEvent.scroll(window);
  };
  /** 1..n as aria-posinset values, from `first`. */
  const range = (first: number, count: number) => Array.from({ length: count }, (_, i) => first + i);

  it('renders only the rows in view and the overscan, with their place in the whole list', () => {
    renderAccounts(many());
    // 10 rows in view, OVERSCAN_ROWS below (none above the first).
    expect(positions()).toEqual(range(1, 10 + OVERSCAN_ROWS));
    for (const row of rows()) expect(row.getAttribute('aria-setsize')).toBe('1000');
    expect(rows()[0]?.getAttribute('aria-label')).toBe('Account +15550601001');
    expect(screen.getByText('Showing 1000 of 1000 accounts')).toBeTruthy();
    // The list is as tall as all its rows, each placed at its own offset.
    expect(screen.getByRole('list').style.height).toBe('calc(var(--account-row-height) * 1000)');
    expect(rows()[3]?.style.top).toBe('calc(var(--account-row-height) * 3)');
  });

  it('moves the window of rows as the page scrolls', () => {
    renderAccounts(many());
    scrollTo(100 * ROW_PX);
    // Rows 101..110 in view, OVERSCAN_ROWS on each side.
    expect(positions()).toEqual(range(101 - OVERSCAN_ROWS, 10 + 2 * OVERSCAN_ROWS));
    expect(rows()[OVERSCAN_ROWS]?.getAttribute('aria-label')).toBe('Account +15550601101');

    scrollTo(1000 * ROW_PX - VIEWPORT_PX);
    expect(positions().at(-1)).toBe(1000);
    expect(positions()).toEqual(range(991 - OVERSCAN_ROWS, 10 + OVERSCAN_ROWS));
    expect(rows().at(-1)?.classList.contains('account-row-last')).toBe(true);

    scrollTo(0);
    expect(positions()).toEqual(range(1, 10 + OVERSCAN_ROWS));
  });

  it('narrows to the matches when searching, and resets the window', async () => {
    renderAccounts(many());
    scrollTo(500 * ROW_PX);
    expect(positions()[0]).toBe(501 - OVERSCAN_ROWS);

    // user1, user10..user19, user100..user199, user1000: 112 accounts.
    await userEvent.type(screen.getByLabelText('Search accounts'), 'user1');
    await waitFor(() => {
      expect(screen.getByText('Showing 112 of 1000 accounts')).toBeTruthy();
    });
    // Still scrolled far below the end of the shorter list: its last rows show, not an empty list.
    expect(positions().at(-1)).toBe(112);
    for (const row of rows()) expect(row.getAttribute('aria-setsize')).toBe('112');

    // The browser scrolls back up within the shorter page.
    scrollTo(0);
    expect(positions()).toEqual(range(1, 10 + OVERSCAN_ROWS));
    expect(rows().map((row) => row.getAttribute('aria-label'))).toEqual(
      [
        '1',
        '10',
        '11',
        '12',
        '13',
        '14',
        '15',
        '16',
        '17',
        '18',
        '19',
        '100',
        '101',
        '102',
        '103',
        '104',
        '105',
        '106',
      ].map((n) => `Account +1555060${String(1000 + Number(n))}`),
    );

    await userEvent.type(screen.getByLabelText('Search accounts'), '23');
    await waitFor(() => {
      expect(screen.getByText('Showing 1 of 1000 accounts')).toBeTruthy();
    });
    expect(rows().map((row) => row.getAttribute('aria-label'))).toEqual(['Account +15550601123']);
    expect(rows()[0]?.getAttribute('aria-posinset')).toBe('1');
    expect(rows()[0]?.getAttribute('aria-setsize')).toBe('1');

    await userEvent.clear(screen.getByLabelText('Search accounts'));
    await waitFor(() => {
      expect(screen.getByText('Showing 1000 of 1000 accounts')).toBeTruthy();
    });
    expect(positions()).toEqual(range(1, 10 + OVERSCAN_ROWS));
  });

  it('keeps the row with the focus, and its confirmation, while it is scrolled out of the window', async () => {
    renderAccounts(many());
    scrollTo(100 * ROW_PX);
    const row = rowOf('+15550601101');
    await userEvent.click(within(row).getByRole('button', { name: 'Log out' }));
    const confirm = within(row).getByRole('button', { name: 'Confirm log out' });
    expect(document.activeElement).toBe(confirm);

    // Scrolled far away: the row stays, in list order, before the window.
    scrollTo(600 * ROW_PX);
    expect(positions()).toEqual([101, ...range(601 - OVERSCAN_ROWS, 10 + 2 * OVERSCAN_ROWS)]);
    expect(rowOf('+15550601101')).toBe(row);
    expect(document.activeElement).toBe(confirm);
    expect(within(row).getByRole('button', { name: 'Keep signed in' })).toBeTruthy();

    // Scrolled back: the same row, still asking.
    scrollTo(100 * ROW_PX);
    expect(rowOf('+15550601101')).toBe(row);
    expect(document.activeElement).toBe(confirm);

    // Once the focus leaves the list, a row out of view goes.
    scrollTo(600 * ROW_PX);
    act(() => {
      screen.getByLabelText('Search accounts').focus();
    });
    expect(screen.queryByRole('listitem', { name: 'Account +15550601101' })).toBeNull();
    expect(positions()).toEqual(range(601 - OVERSCAN_ROWS, 10 + 2 * OVERSCAN_ROWS));
  });

  it('keeps the focused row rendered when it is below the window, after the window', () => {
    renderAccounts(many());
    scrollTo(300 * ROW_PX);
    const row = rowOf('+15550601301');
    act(() => {
      within(row).getByRole('button', { name: 'Log out' }).focus();
    });
    scrollTo(0);
    expect(positions()).toEqual([...range(1, 10 + OVERSCAN_ROWS), 301]);
    expect(document.activeElement).toBe(within(row).getByRole('button', { name: 'Log out' }));
  });
});
