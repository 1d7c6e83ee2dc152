import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../main/domain/account.ts';
import { appError } from '../../main/domain/errors.ts';
import { describeAccountsAnswer } from '../../renderer/src/accounts-summary.ts';

const account: AccountSummary = {
  id: '1',
  phone: '+9996620001',
  firstName: 'Ada',
  lastName: '',
  username: null,
  dcId: 2,
  status: 'online',
  statusError: null,
};

describe('describeAccountsAnswer (the start page line)', () => {
  it('counts the accounts', () => {
    expect(describeAccountsAnswer({ ok: true, value: [] })).toBe('0 accounts');
    expect(describeAccountsAnswer({ ok: true, value: [account] })).toBe('1 account');
    expect(describeAccountsAnswer({ ok: true, value: [account, account] })).toBe('2 accounts');
  });

  it('shows the error code', () => {
    expect(describeAccountsAnswer({ ok: false, error: appError('FORBIDDEN_SENDER') })).toBe(
      'Could not list the accounts: FORBIDDEN_SENDER',
    );
  });
});
