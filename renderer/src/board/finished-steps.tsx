import type { LoginState } from '../../../main/contract/login-state.ts';
import { holdsSession } from '../../../main/contract/phone-rules.ts';
import { selectAccount } from '../accounts/account-index.ts';
import { STATUS_LABELS } from '../accounts/account-status.ts';
import { useServerName } from '../settings/use-server-name.ts';
import { useAppStore } from '../store/store-context.tsx';

type SignedInState = Extract<LoginState, { step: 'signedIn' }>;

/**
 * Who the card signed in as, and what became of that account since: the card follows the account's
 * row in Accounts, so it never says "signed in" about an account that was logged out.
 */
export function SignedInStep(props: { state: SignedInState }): React.JSX.Element {
  const { account } = props.state;
  const now = useAppStore(selectAccount(account.id));
  const accountsLoaded = useAppStore((state) => state.accounts !== null);
  const name = [account.firstName, account.lastName].filter((part) => part !== '').join(' ');
  const who = (
    <>
      <strong>{name === '' ? account.phone : name}</strong>
      {account.username === null ? null : <> (@{account.username})</>}
    </>
  );
  let text: React.JSX.Element;
  if (now === undefined && accountsLoaded) {
    text = <>Was signed in as {who}; it has been logged out since. This card can be removed.</>;
  } else if (now !== undefined && !holdsSession(now.status)) {
    text = (
      <>
        Was signed in as {who}; now {STATUS_LABELS[now.status].toLowerCase()}. Log in again from Accounts, or
        remove this card.
      </>
    );
  } else {
    text = <>Signed in as {who}. The account is listed under Accounts; this card can be removed.</>;
  }
  return (
    <div className="card-body">
      <p>{text}</p>
    </div>
  );
}

/** The step while main connects and asks Telegram for the first code. */
export function SendingCodeStep(props: { busy: boolean }): React.JSX.Element {
  const server = useServerName();
  return (
    <div className="card-body">
      <p>
        {props.busy
          ? `Connecting to ${server} and asking it to send a login code to this number.`
          : `Waiting to ask ${server} for a login code.`}
      </p>
    </div>
  );
}

export function CancelledStep(): React.JSX.Element {
  return (
    <div className="card-body">
      <p>This login was cancelled and its code no longer works. Press Try again to get a new code.</p>
    </div>
  );
}
