import type { LoginState } from '../contract/login-state.ts';

export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn';
  readonly message: string;
}

/**
 * What the log says when a login card changes: its phone, the step in words and the error code, at the
 * level that fits (a failed login is a warning; a mistyped code is the user's to fix, so info). Never a
 * code, a password or a hint: only the step, the delivery's kind and error codes. Null when nothing a
 * person would look for changed (a request starting or ending).
 */
export function describeLoginChange(before: LoginState, after: LoginState): LogLine | null {
  const subject = `login ${after.phone}`;
  if (after.step !== before.step || resent(before, after)) {
    const line = describeStep(after);
    return { level: after.step === 'failed' ? 'warn' : 'info', message: `${subject}: ${line}` };
  }
  if (after.error !== null && after.error !== before.error) {
    return { level: 'info', message: `${subject}: ${after.step} refused: ${after.error.code}` };
  }
  return null;
}

function resent(before: LoginState, after: LoginState): boolean {
  return before.step === 'codeSent' && after.step === 'codeSent' && before.sentCode !== after.sentCode;
}

function describeStep(state: LoginState): string {
  switch (state.step) {
    case 'sendingCode':
      return 'asking for a code';
    case 'codeSent':
      return `code sent by ${state.sentCode.delivery.kind}`;
    case 'emailSetup':
      return 'asks to set up a login email';
    case 'passwordNeeded':
      return 'asks for the 2FA password';
    case 'signUpNeeded':
      return 'has no account yet: asks for a name';
    case 'signedIn':
      return `signed in as user ${state.account.id}`;
    case 'failed':
      return `failed: ${state.error.code}`;
    case 'cancelled':
      return 'cancelled';
  }
}
