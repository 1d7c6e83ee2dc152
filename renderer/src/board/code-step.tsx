import type { LoginState } from '../../../main/contract/login-state.ts';
import { CodeInput } from './code-input.tsx';
import { CodeSafetyWarning } from './code-safety-warning.tsx';
import { describeDelivery } from './delivery-instructions.ts';
import { InstructionText } from './instruction-text.tsx';
import { OpenFragmentButton } from './open-fragment-button.tsx';
import { ResendControl } from './resend-control.tsx';
import type { LoginActions } from './use-login-actions.ts';

type CodeSentState = Extract<LoginState, { step: 'codeSent' }>;

/** Where the code went, the field to type it, the safety warning, and the way to get it another way. */
export function CodeStep(props: {
  loginId: string;
  state: CodeSentState;
  phoneText: string;
  actions: LoginActions;
}): React.JSX.Element {
  const { state, actions } = props;
  const { delivery } = state.sentCode;
  const instructions = describeDelivery(delivery, props.phoneText);
  const busy = state.pending !== null;
  return (
    <div className="card-body">
      <InstructionText parts={instructions.lead} />
      {instructions.detail === null ? null : (
        <InstructionText parts={instructions.detail} className="card-hint" />
      )}
      {delivery.kind === 'fragmentSms' ? (
        <OpenFragmentButton loginId={props.loginId} url={delivery.url} />
      ) : null}
      {instructions.entry === null ? null : (
        <>
          <CodeInput
            entry={instructions.entry}
            disabled={busy}
            error={state.error}
            onSubmit={(code) => actions.perform({ type: 'submitCode', code })}
          />
          <CodeSafetyWarning />
        </>
      )}
      <ResendControl
        sentCode={state.sentCode}
        error={state.error}
        disabled={busy}
        onResend={() => actions.perform({ type: 'resendCode' })}
      />
    </div>
  );
}
