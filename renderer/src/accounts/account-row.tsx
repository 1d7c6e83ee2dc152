import { memo, useEffect, useRef, useState } from 'react';
import { holdsSession } from '../../../main/contract/phone-rules.ts';
import { formatPhone } from '../phone/phone-format.ts';
import { useStartLogin } from '../phone/use-start-login.ts';
import { useAppStore } from '../store/store-context.tsx';
import { selectAccount } from './account-index.ts';
import { STATUS_LABELS } from './account-status.ts';
import { useAccountActions } from './use-account-actions.ts';

type Confirming = 'logOut' | 'remove' | null;

/**
 * One account: who it is, its status, and what can be done with it. Subscribes to its own account only,
 * so a change to one account re-renders one row. Logging out and removing ask first, inside the row.
 * Placed at `index` rows from the top of its list (rows have one fixed height, --account-row-height).
 */
export const AccountRow = memo(function AccountRow(props: {
  accountId: string;
  /** Its place in the (filtered) list, from 0. */
  index: number;
  /** How many rows the (filtered) list has. */
  setSize: number;
  /** Called once the account is gone, so the list can put the focus somewhere sensible. */
  onGone: () => void;
  /** Called once "Log in again" put a login for this account's number on the board. */
  onLoginStarted: () => void;
}): React.JSX.Element | null {
  const account = useAppStore(selectAccount(props.accountId));
  const actions = useAccountActions(props.accountId);
  const startLogin = useStartLogin();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [pending, setPending] = useState<'logOut' | 'reconnect' | 'logIn' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const actionRef = useRef<HTMLButtonElement>(null);
  const focusActionNext = useRef(false);

  useEffect(() => {
    if (confirming !== null) {
      confirmRef.current?.focus();
    } else if (focusActionNext.current) {
      focusActionNext.current = false;
      actionRef.current?.focus();
    }
  }, [confirming]);

  if (account === undefined) return null;

  const cancel = (): void => {
    focusActionNext.current = true;
    setConfirming(null);
  };
  const logOut = async (): Promise<void> => {
    setPending('logOut');
    setError(null);
    const refusal = await actions.logOut();
    if (refusal === null) {
      props.onGone();
      return;
    }
    setPending(null);
    setError(refusal.message);
    cancel();
  };
  const reconnect = async (): Promise<void> => {
    setPending('reconnect');
    setError(null);
    const refusal = await actions.reconnect();
    setPending(null);
    if (refusal !== null) setError(refusal.message);
  };

  const logInAgain = async (): Promise<void> => {
    setPending('logIn');
    setError(null);
    const refusal = await startLogin(account.phone);
    setPending(null);
    if (refusal === null) props.onLoginStarted();
    else setError(refusal.message);
  };

  const unreadable = account.status === 'unreadable';
  // An unreadable entry has only its id: it is named by that, and can only be removed.
  const phone = unreadable ? `user id ${account.id}` : formatPhone(account.phone);
  const name = `${account.firstName} ${account.lastName}`.trim();
  const signedOut = !holdsSession(account.status);
  const detail = account.status === 'offline' || signedOut ? (account.statusError?.message ?? null) : null;

  return (
    <li
      aria-label={`Account ${unreadable ? phone : account.phone}`}
      aria-posinset={props.index + 1}
      aria-setsize={props.setSize}
      data-account-id={props.accountId}
      className={props.index === props.setSize - 1 ? 'account-row account-row-last' : 'account-row'}
      style={{ top: `calc(var(--account-row-height) * ${String(props.index)})` }}
    >
      <div className="account-who">
        <span className="account-name">
          {unreadable ? 'Unknown account' : name === '' ? 'No name' : name}
        </span>
        {account.username === null ? null : <span className="account-username">@{account.username}</span>}
        <span className="account-phone">{phone}</span>
        {unreadable ? null : <span className="account-dc">DC {account.dcId}</span>}
        <span className={`account-status account-status-${account.status}`}>
          {STATUS_LABELS[account.status]}
        </span>
      </div>
      <div className="account-detail">
        {error !== null ? (
          <p role="alert" className="account-error" title={error}>
            {error}
          </p>
        ) : detail !== null ? (
          <p title={detail}>{detail}</p>
        ) : null}
      </div>
      {confirming === null ? (
        <div className="account-actions">
          {account.status === 'offline' ? (
            <button
              type="button"
              disabled={pending !== null}
              onClick={() => {
                void reconnect();
              }}
            >
              {pending === 'reconnect' ? 'Reconnecting…' : 'Reconnect'}
            </button>
          ) : null}
          {signedOut && !unreadable ? (
            <button
              type="button"
              className="primary"
              disabled={pending !== null}
              onClick={() => {
                void logInAgain();
              }}
            >
              {pending === 'logIn' ? 'Starting a login…' : 'Log in again'}
            </button>
          ) : null}
          <button
            ref={actionRef}
            type="button"
            disabled={pending !== null}
            onClick={() => {
              setError(null);
              setConfirming(signedOut ? 'remove' : 'logOut');
            }}
          >
            {signedOut ? 'Remove' : 'Log out'}
          </button>
        </div>
      ) : (
        <div
          role="group"
          aria-label={confirming === 'logOut' ? `Log out of ${phone}?` : `Remove ${phone}?`}
          className="account-actions account-confirm"
          onKeyDown={(event) => {
            if (event.key === 'Escape' && pending === null) {
              event.stopPropagation();
              cancel();
            }
          }}
        >
          <span className="account-confirm-question">
            {confirming === 'logOut'
              ? 'Log out? This ends the session on this computer.'
              : 'Remove? Its stored session is deleted.'}
          </span>
          <button
            ref={confirmRef}
            type="button"
            className="primary"
            disabled={pending !== null}
            onClick={() => {
              void logOut();
            }}
          >
            {pending === 'logOut'
              ? confirming === 'logOut'
                ? 'Logging out…'
                : 'Removing…'
              : confirming === 'logOut'
                ? 'Confirm log out'
                : 'Confirm remove'}
          </button>
          <button type="button" disabled={pending !== null} onClick={cancel}>
            {confirming === 'logOut' ? 'Keep signed in' : 'Keep account'}
          </button>
        </div>
      )}
    </li>
  );
});
