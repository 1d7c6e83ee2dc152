import { useCallback, useDeferredValue, useId, useMemo, useRef, useState, type FocusEvent } from 'react';
import { useAppStore } from '../store/store-context.tsx';
import { filterAccounts, type StatusFilter } from './account-filter.ts';
import { AccountRow } from './account-row.tsx';
import { STATUSES, STATUS_LABELS } from './account-status.ts';
import { useVisibleRows } from './use-visible-rows.ts';
import './accounts.css';

/**
 * Every signed-in account, searchable and filterable by status for the hundreds an operator may run. The
 * list re-renders only when the visible ids change; each row follows its own account. Only the rows in
 * view (and a few around them) are in the DOM: see AccountList.
 */
export function AccountsView(props: { onLoginStarted: () => void }): React.JSX.Element {
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
            <AccountList ids={ids} onGone={focusHeading} onLoginStarted={props.onLoginStarted} />
          )}
        </>
      )}
    </section>
  );
}

/**
 * The rows of `ids` in view, placed at their own offsets in a list as tall as all of them, so the page
 * scrolls as if every row were there. Each row tells assistive technology where it is
 * (aria-posinset/aria-setsize). Tab moves through the rendered rows in order; the overscan below the
 * viewport means the next row is already there when focus scrolls one into view. The row holding the
 * focus always stays rendered, wherever the page scrolls, so its focus (and a confirmation it shows) is
 * never lost.
 */
function AccountList(props: {
  ids: readonly string[];
  onGone: () => void;
  onLoginStarted: () => void;
}): React.JSX.Element {
  const { ids, onGone, onLoginStarted } = props;
  const listRef = useRef<HTMLUListElement>(null);
  const { start, end } = useVisibleRows(listRef, ids.length);
  const [focusedId, setFocusedId] = useState<string | null>(null);

  const rendered: number[] = [];
  const focusedIndex = focusedId === null ? -1 : ids.indexOf(focusedId);
  if (focusedIndex !== -1 && focusedIndex < start) rendered.push(focusedIndex);
  for (let index = start; index < end; index++) rendered.push(index);
  if (focusedIndex >= end) rendered.push(focusedIndex);

  const onFocus = useCallback((event: FocusEvent<HTMLUListElement>) => {
    const row = event.target.closest<HTMLElement>('[data-account-id]');
    setFocusedId(row?.dataset.accountId ?? null);
  }, []);
  const onBlur = useCallback((event: FocusEvent<HTMLUListElement>) => {
    const next = event.relatedTarget;
    if (!(next instanceof Node) || !event.currentTarget.contains(next)) setFocusedId(null);
  }, []);

  return (
    <ul
      ref={listRef}
      className="account-list"
      aria-label="Signed-in accounts"
      style={{ height: `calc(var(--account-row-height) * ${String(ids.length)})` }}
      onFocus={onFocus}
      onBlur={onBlur}
    >
      {rendered.map((index) => {
        const id = ids[index] ?? '';
        return (
          <AccountRow
            key={id}
            accountId={id}
            index={index}
            setSize={ids.length}
            onGone={onGone}
            onLoginStarted={onLoginStarted}
          />
        );
      })}
    </ul>
  );
}

function toStatusFilter(value: string): StatusFilter {
  return STATUSES.find((status) => status === value) ?? 'all';
}
