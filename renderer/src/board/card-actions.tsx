import type { LoginState } from '../../../main/contract/login-state.ts';
import { useCountdown } from '../time/use-countdown.ts';
import { stepFocus } from './focus.ts';
import type { LoginActions } from './use-login-actions.ts';

/**
 * The buttons at the bottom of a card: "Cancel login" while it runs; "Try again" and "Remove card" once it
 * ended. `waitId` names the flood-wait countdown that explains a disabled "Try again".
 */
export function CardActions(props: {
  state: LoginState;
  actions: LoginActions;
  waitId: string;
}): React.JSX.Element {
  const { state, actions } = props;
  const finished = state.step === 'signedIn' || state.step === 'failed' || state.step === 'cancelled';
  return (
    <div className="card-actions">
      {finished ? null : (
        <button
          type="button"
          disabled={state.pending === 'cancelling'}
          onClick={() => {
            void actions.perform({ type: 'cancel' });
          }}
        >
          Cancel login
        </button>
      )}
      {state.step === 'failed' || state.step === 'cancelled' ? (
        <RetryButton
          waitUntil={state.error?.code === 'FLOOD_WAIT' ? (state.error.retryAt ?? null) : null}
          waitId={props.waitId}
          disabled={state.pending !== null}
          onRetry={() => actions.perform({ type: 'retry' })}
        />
      ) : null}
      {finished ? (
        <button
          {...stepFocus}
          type="button"
          onClick={() => {
            void actions.dismiss();
          }}
        >
          Remove card
        </button>
      ) : null}
    </div>
  );
}

/** Disabled until a flood wait is over; the only part of the actions that ticks. */
function RetryButton(props: {
  waitUntil: number | null;
  waitId: string;
  disabled: boolean;
  onRetry: () => Promise<void>;
}): React.JSX.Element {
  const left = useCountdown(props.waitUntil) ?? 0;
  const waiting = left > 0;
  return (
    <button
      {...stepFocus}
      type="button"
      className="primary"
      disabled={props.disabled || waiting}
      aria-describedby={waiting ? props.waitId : undefined}
      onClick={() => {
        void props.onRetry();
      }}
    >
      Try again
    </button>
  );
}
