import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../main/contract/account.ts';
import { filterAccounts, matchesQuery } from '../../../renderer/src/accounts/account-filter.ts';
import { selectAccountIndex } from '../../../renderer/src/accounts/account-index.ts';
import { createAppStore } from '../../../renderer/src/store/app-store.ts';

const ada: AccountSummary = {
  id: '1234567',
  phone: '+15550601001',
  firstName: 'Ada',
  lastName: 'Lovelace',
  username: 'countess',
  dcId: 2,
  status: 'online',
  statusError: null,
};
const bob: AccountSummary = {
  ...ada,
  id: '2222',
  phone: '+447911123456',
  firstName: 'Bob2',
  lastName: '',
  username: null,
  status: 'offline',
};

describe('searching accounts', () => {
  it.each([
    ['ada', true],
    ['LOVELACE', true],
    ['ada love', true],
    ['@count', true],
    ['countess', true],
    ['+1 555-060', true],
    ['0601001', true],
    ['1234567', true],
    ['grace', false],
    ['@bob', false],
  ])('"%s" matches Ada: %s', (query, expected) => {
    expect(matchesQuery(ada, query)).toBe(expected);
  });

  it('does not compare a query with letters as phone digits', () => {
    expect(matchesQuery(ada, 'x1')).toBe(false);
  });

  it('filters by status and query together, keeping the order', () => {
    expect(filterAccounts([ada, bob], '', 'all')).toEqual(['1234567', '2222']);
    expect(filterAccounts([ada, bob], '', 'offline')).toEqual(['2222']);
    expect(filterAccounts([ada, bob], 'bob', 'online')).toEqual([]);
    expect(filterAccounts([ada, bob], '+44', 'all')).toEqual(['2222']);
  });
});

describe('the account index', () => {
  it('keeps the object of an account that did not change, so its row does not re-render', () => {
    const store = createAppStore();
    store.getState().setAccounts([ada, bob]);
    const first = selectAccountIndex(store.getState());
    store.getState().setAccounts([{ ...ada }, { ...bob, status: 'online' }]);
    const second = selectAccountIndex(store.getState());
    expect(second.get(ada.id)).toBe(first.get(ada.id));
    expect(second.get(bob.id)).not.toBe(first.get(bob.id));
    expect(second.get(bob.id)?.status).toBe('online');
    expect(selectAccountIndex(store.getState())).toBe(second);
  });
});
