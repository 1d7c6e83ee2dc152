import type { LoginState } from '../../../main/domain/login-state.ts';

type SignedInState = Extract<LoginState, { step: 'signedIn' }>;

/** Who the card signed in as. */
export function SignedInStep(props: { state: SignedInState }): React.JSX.Element {
  const { account } = props.state;
  const name = [account.firstName, account.lastName].filter((part) => part !== '').join(' ');
  return (
    <div className="card-body">
      <p>
        Signed in as <strong>{name === '' ? account.phone : name}</strong>
        {account.username === null ? null : <> (@{account.username})</>}. The account is listed under
        Accounts; this card can be removed.
      </p>
    </div>
  );
}

/** The step while main connects and asks Telegram for the first code. */
export function SendingCodeStep(props: { busy: boolean }): React.JSX.Element {
  return (
    <div className="card-body">
      <p>
        {props.busy
          ? 'Connecting to Telegram and asking it to send a login code to this number.'
          : 'Waiting to ask Telegram for a login code.'}
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
