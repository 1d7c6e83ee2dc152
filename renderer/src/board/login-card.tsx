import { memo, useId, useMemo, useRef } from 'react';
import type { AppError } from '../../../main/contract/errors.ts';
import type { LoginState } from '../../../main/contract/login-state.ts';
import { useAppStore } from '../store/store-context.tsx';
import { selectCard, selectCardNotice } from '../store/selectors.ts';
import { CardActions } from './card-actions.tsx';
import { CardError } from './card-error.tsx';
import { CardHeader } from './card-header.tsx';
import { CodeStep } from './code-step.tsx';
import { EmailSetupStep } from './email-setup-step.tsx';
import { CancelledStep, SendingCodeStep, SignedInStep } from './finished-steps.tsx';
import { formatPhone } from '../phone/phone-format.ts';
import { PasswordStep } from './password-step.tsx';
import { pendingText } from './pending-text.ts';
import { useServerName } from '../settings/use-server-name.ts';
import { SignUpStep } from './sign-up-step.tsx';
import { useLoginActions, type LoginActions } from './use-login-actions.ts';
import { useStepFocus } from './use-step-focus.ts';
import './login-card.css';

/**
 * One login on the board. It subscribes to its own card and notice only, so another card's change or a
 * countdown tick (which re-renders just the countdown) never re-renders it.
 */
export const LoginCardView = memo(function LoginCardView(props: {
  loginId: string;
}): React.JSX.Element | null {
  const card = useAppStore(selectCard(props.loginId));
  const server = useServerName();
  const notice = useAppStore(selectCardNotice(props.loginId));
  const actions = useLoginActions(props.loginId);
  const articleRef = useRef<HTMLElement>(null);
  const waitId = useId();
  // Hooks run before the early return; a removed card renders nothing.
  const focusTracking = useStepFocus(articleRef, card?.state ?? REMOVED);
  const phone = card?.state.phone ?? '';
  const phoneText = useMemo(() => formatPhone(phone), [phone]);
  if (card === undefined) return null;

  const { state } = card;
  const canRetry = state.step === 'failed' || state.step === 'cancelled';
  return (
    <article
      ref={articleRef}
      className={`login-card login-card-${state.step}`}
      aria-label={`Login for ${state.phone}`}
      aria-busy={state.pending !== null}
      onFocus={focusTracking.onFocus}
      onBlur={focusTracking.onBlur}
    >
      <CardHeader phoneText={phoneText} step={state.step} />
      {/* The sending step's own text already says it is asking for a code. */}
      {state.pending === null || state.pending === 'sendingCode' ? null : (
        <p className="card-busy">{pendingText(state.pending, server)}</p>
      )}
      <StepBody loginId={props.loginId} state={state} phoneText={phoneText} actions={actions} />
      {state.error === null ? null : <CardError error={state.error} canRetry={canRetry} waitId={waitId} />}
      {notice === undefined || sameError(notice, state.error) ? null : (
        <CardError error={notice} canRetry={canRetry} />
      )}
      <CardActions state={state} actions={actions} waitId={waitId} />
    </article>
  );
});

/** A stand-in so the focus hook has a state to look at after the card is gone. */
const REMOVED: LoginState = { step: 'cancelled', phone: '', pending: null, error: null };

function sameError(a: AppError, b: AppError | null): boolean {
  return b !== null && a.code === b.code && a.retryAt === b.retryAt;
}

function StepBody(props: {
  loginId: string;
  state: LoginState;
  phoneText: string;
  actions: LoginActions;
}): React.JSX.Element | null {
  const { state, actions } = props;
  switch (state.step) {
    case 'sendingCode':
      return <SendingCodeStep busy={state.pending !== null} />;
    case 'codeSent':
      return <CodeStep loginId={props.loginId} state={state} phoneText={props.phoneText} actions={actions} />;
    case 'emailSetup':
      return <EmailSetupStep state={state} actions={actions} />;
    case 'passwordNeeded':
      return <PasswordStep state={state} actions={actions} />;
    case 'signUpNeeded':
      return <SignUpStep state={state} actions={actions} />;
    case 'signedIn':
      return <SignedInStep state={state} />;
    case 'failed':
      // The card's error says what went wrong and what to do.
      return null;
    case 'cancelled':
      return <CancelledStep />;
  }
}
