import { useId, useState } from 'react';
import type { LoginState } from '../../../main/contract/login-state.ts';
import { stepFocus } from './focus.ts';
import type { LoginActions } from './use-login-actions.ts';

type SignUpState = Extract<LoginState, { step: 'signUpNeeded' }>;

/** No account uses this number: a name, and Telegram's terms when it sent some, create one. */
export function SignUpStep(props: { state: SignUpState; actions: LoginActions }): React.JSX.Element {
  const { state, actions } = props;
  const terms = state.termsOfService;
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [accepted, setAccepted] = useState(false);
  const ids = { first: useId(), last: useId(), terms: useId(), gate: useId() };
  const busy = state.pending !== null;
  const blockedByTerms = terms !== null && !accepted;

  return (
    <form
      className="card-body card-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (blockedByTerms) return;
        void actions.perform({
          type: 'signUp',
          firstName: firstName.trim(),
          lastName: lastName.trim(),
          acceptTerms: accepted,
        });
      }}
    >
      <p>No Telegram account uses this number yet. Enter a name to create one.</p>
      <label htmlFor={ids.first}>First name</label>
      <input
        {...stepFocus}
        id={ids.first}
        autoComplete="off"
        required
        maxLength={64}
        value={firstName}
        disabled={busy}
        onChange={(event) => {
          setFirstName(event.target.value);
        }}
      />
      <label htmlFor={ids.last}>Last name</label>
      <input
        id={ids.last}
        autoComplete="off"
        maxLength={64}
        value={lastName}
        disabled={busy}
        onChange={(event) => {
          setLastName(event.target.value);
        }}
      />
      {terms === null ? null : (
        <>
          {/* Focusable so keyboard users can scroll long terms. */}
          <div className="card-terms" role="region" aria-labelledby={ids.terms} tabIndex={0}>
            <h4 id={ids.terms}>Terms of Service</h4>
            <p>{terms.text}</p>
          </div>
          {terms.minAgeConfirm === null ? null : (
            <p className="card-hint">
              You must be at least {terms.minAgeConfirm} years old to create a Telegram account.
            </p>
          )}
          <label className="card-check">
            <input
              type="checkbox"
              checked={accepted}
              disabled={busy}
              onChange={(event) => {
                setAccepted(event.target.checked);
              }}
            />
            I accept the Terms of Service
          </label>
        </>
      )}
      {blockedByTerms ? (
        <p className="card-hint" id={ids.gate}>
          Accept the Terms of Service to sign up.
        </p>
      ) : null}
      <div className="card-form-row">
        <button
          type="submit"
          className="primary"
          disabled={busy || blockedByTerms}
          aria-describedby={blockedByTerms ? ids.gate : undefined}
        >
          Sign up
        </button>
      </div>
    </form>
  );
}
