import { useEffect, useId, useRef, useState } from 'react';
import type { LoginState } from '../../../main/contract/login-state.ts';
import { mayTakeFocus, stepFocus } from './focus.ts';
import type { LoginActions } from './use-login-actions.ts';

type PasswordState = Extract<LoginState, { step: 'passwordNeeded' }>;

/**
 * The two-step verification password. The value lives in this field only until it is sent: it is
 * cleared at once and never kept or logged anywhere in the window.
 */
export function PasswordStep(props: { state: PasswordState; actions: LoginActions }): React.JSX.Element {
  const { state, actions } = props;
  const [password, setPassword] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  const busy = state.pending !== null;

  useEffect(() => {
    if (state.error?.code !== 'PASSWORD_HASH_INVALID' && state.error?.code !== 'PASSWORD_CHANGED') return;
    const input = inputRef.current;
    if (input !== null && mayTakeFocus(input)) input.focus();
  }, [state.error]);

  return (
    <form
      className="card-body card-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (password === '') return;
        const sent = password;
        setPassword('');
        void actions.perform({ type: 'submitPassword', password: sent });
      }}
    >
      <p>This account is protected by a two-step verification password. Enter it to finish signing in.</p>
      {state.hint === null || state.hint === '' ? null : (
        <p className="card-hint" id={hintId}>
          Hint: {state.hint}
        </p>
      )}
      <label htmlFor={inputId}>Password</label>
      <div className="card-form-row">
        <input
          {...stepFocus}
          ref={inputRef}
          id={inputId}
          type="password"
          autoComplete="off"
          maxLength={256}
          value={password}
          disabled={busy}
          aria-describedby={state.hint === null || state.hint === '' ? undefined : hintId}
          onChange={(event) => {
            setPassword(event.target.value);
          }}
        />
        <button type="submit" className="primary" disabled={busy}>
          Check password
        </button>
      </div>
    </form>
  );
}
