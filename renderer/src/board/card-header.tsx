import type { LoginStep } from '../../../main/contract/login-state.ts';

const STEP_TITLES: Record<LoginStep, string> = {
  sendingCode: 'Sending code',
  codeSent: 'Enter the code',
  emailSetup: 'Login email needed',
  passwordNeeded: 'Password needed',
  signUpNeeded: 'New account',
  signedIn: 'Signed in',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** The phone number as the card's title, and the step it is at. */
export function CardHeader(props: { phoneText: string; step: LoginStep }): React.JSX.Element {
  return (
    <header className="card-header">
      <h3>{props.phoneText}</h3>
      <span className={`card-step card-step-${props.step}`}>{STEP_TITLES[props.step]}</span>
    </header>
  );
}
