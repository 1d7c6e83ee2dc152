import { useId, useState } from 'react';
import type { LoginState } from '../../../main/contract/login-state.ts';
import { CodeInput } from './code-input.tsx';
import { CodeSafetyWarning } from './code-safety-warning.tsx';
import { stepFocus } from './focus.ts';
import type { LoginActions } from './use-login-actions.ts';

type EmailSetupState = Extract<LoginState, { step: 'emailSetup' }>;

/** The account must add a login email: first the address, then the code Telegram mailed to it. */
export function EmailSetupStep(props: { state: EmailSetupState; actions: LoginActions }): React.JSX.Element {
  const { state, actions } = props;
  const busy = state.pending !== null;
  if (state.emailCode === null)
    return (
      <EmailAddressForm
        disabled={busy}
        onSubmit={(email) => actions.perform({ type: 'setUpEmail', email })}
      />
    );
  return (
    <div className="card-body">
      <p>
        A code was sent to <strong>{state.emailCode.emailPattern}</strong>. If it is not in the inbox, look in
        the spam folder.
      </p>
      <CodeInput
        entry={{ label: 'Email code', format: 'digits', length: state.emailCode.length }}
        disabled={busy}
        error={state.error}
        onSubmit={(code) => actions.perform({ type: 'verifyEmail', code })}
      />
      <CodeSafetyWarning />
    </div>
  );
}

function EmailAddressForm(props: {
  disabled: boolean;
  onSubmit: (email: string) => Promise<void>;
}): React.JSX.Element {
  const [email, setEmail] = useState('');
  const inputId = useId();
  return (
    <form
      className="card-body card-form"
      onSubmit={(event) => {
        event.preventDefault();
        void props.onSubmit(email.trim());
      }}
    >
      <p>
        Telegram asks this account to add a login email before it sends a code. Enter an address you can open
        now: Telegram will send a code to it.
      </p>
      <label htmlFor={inputId}>Login email</label>
      <div className="card-form-row">
        <input
          {...stepFocus}
          id={inputId}
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          value={email}
          disabled={props.disabled}
          onChange={(event) => {
            setEmail(event.target.value);
          }}
        />
        <button type="submit" className="primary" disabled={props.disabled}>
          Send email code
        </button>
      </div>
    </form>
  );
}
