import { useCallback, useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import { useAppStore } from '../store/store-context.tsx';
import { filterAccounts, type StatusFilter } from './account-filter.ts';
import { AccountRow } from './account-row.tsx';
import { STATUSES, STATUS_LABELS } from './account-status.ts';
import './accounts.css';

/**
 * Every signed-in account, searchable and filterable by status for the hundreds an operator may run. The
 * list re-renders only when the visible ids change; each row follows its own account.
 */
export function AccountsView(): React.JSX.Element {
  const accounts = useAppStore((state) => state.accounts);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  // Typing stays responsive while a long list is filtered behind it.
  const deferredQuery = useDeferredValue(query);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const searchId = useId();
  const statusId = useId();

  const ids = useMemo(
    () => (accounts === null ? [] : filterAccounts(accounts, deferredQuery, status)),
    [accounts, deferredQuery, status],
  );
  const focusHeading = useCallback(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <section aria-labelledby="accounts-title" className="accounts">
      <h2 id="accounts-title" ref={headingRef} tabIndex={-1}>
        Accounts
      </h2>
      {accounts === null ? (
        <p role="status">Loading accounts…</p>
      ) : (
        <>
          <div className="accounts-toolbar">
            <label htmlFor={searchId}>Search accounts</label>
            <input
              id={searchId}
              type="search"
              placeholder="Name, @username, phone or id"
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
              }}
            />
            <label htmlFor={statusId}>Status</label>
            <select
              id={statusId}
              value={status}
              onChange={(event) => {
                setStatus(toStatusFilter(event.target.value));
              }}
            >
              <option value="all">All</option>
              {STATUSES.map((value) => (
                <option key={value} value={value}>
                  {STATUS_LABELS[value]}
                </option>
              ))}
            </select>
            <p role="status" className="accounts-count">
              Showing {ids.length} of {accounts.length} {accounts.length === 1 ? 'account' : 'accounts'}
            </p>
          </div>
          {accounts.length === 0 ? (
            <p className="accounts-empty">No accounts are signed in yet. Log in from the Board.</p>
          ) : ids.length === 0 ? (
            <p className="accounts-empty">No account matches. Change the search or choose another status.</p>
          ) : (
            <ul className="account-list" aria-label="Signed-in accounts">
              {ids.map((id) => (
                <AccountRow key={id} accountId={id} onGone={focusHeading} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function toStatusFilter(value: string): StatusFilter {
  return STATUSES.find((status) => status === value) ?? 'all';
}
