import type { AccountSummary } from '../contract/account.ts';
import type { SentCodeView } from '../contract/delivery.ts';
import type { LoginRequest } from '../contract/ipc-contract.ts';
import { appError, type AppError, type ErrorCode } from '../contract/errors.ts';
import type { LoginPending, LoginState, TermsOfService } from '../contract/login-state.ts';
import { isFinished } from '../contract/phone-rules.ts';

/**
 * The protocol rules of one phone login, as pure functions: which action is allowed at which step, and
 * which state follows each answer from Telegram. The flow (login-flow.ts) performs the calls; the renderer
 * only draws the result.
 */

/** The fields of a login request the machine judges; a password or a name never reaches it. */
type JudgedField = 'type' | 'code';

/** What the user can ask a login card to do, as the machine sees it: each LoginRequest cut to JudgedField. */
export type LoginAction = LoginRequest extends infer Request
  ? Request extends LoginRequest
    ? Readonly<Pick<Request, Extract<keyof Request, JudgedField>>>
    : never
  : never;

/** What happened: an action started, or Telegram answered. */
export type LoginEvent =
  | { readonly type: 'started'; readonly pending: LoginPending }
  | { readonly type: 'codeSent'; readonly sentCode: SentCodeView }
  | { readonly type: 'emailCodeSent'; readonly emailPattern: string; readonly length: number }
  | { readonly type: 'passwordNeeded'; readonly hint: string | null }
  | { readonly type: 'signUpNeeded'; readonly termsOfService: TermsOfService | null }
  | { readonly type: 'signedIn'; readonly account: AccountSummary }
  | { readonly type: 'failed'; readonly error: AppError }
  | { readonly type: 'cancelled' }
  | { readonly type: 'restarted' };

export function initialState(phone: string): LoginState {
  return { step: 'sendingCode', phone, pending: 'sendingCode', error: null };
}

/**
 * Errors after which the user can stay at the step and try again (a typo, a wait, a network hiccup).
 * Any other error ends the login: the code or the number is no longer usable as it is.
 */
const RECOVERABLE: Readonly<Record<LoginState['step'], readonly ErrorCode[]>> = {
  sendingCode: [],
  codeSent: [
    'PHONE_CODE_INVALID',
    'PHONE_CODE_EMPTY',
    'EMAIL_CODE_INVALID',
    'SEND_CODE_UNAVAILABLE',
    'RESEND_NOT_YET',
    'FLOOD_WAIT',
    'NETWORK_UNAVAILABLE',
    'TIMEOUT',
    'KEYCHAIN_UNAVAILABLE',
  ],
  emailSetup: [
    'EMAIL_INVALID',
    'EMAIL_NOT_ALLOWED',
    'EMAIL_CODE_INVALID',
    'FLOOD_WAIT',
    'NETWORK_UNAVAILABLE',
    'TIMEOUT',
  ],
  passwordNeeded: [
    'PASSWORD_HASH_INVALID',
    'PASSWORD_CHANGED',
    'FLOOD_WAIT',
    'NETWORK_UNAVAILABLE',
    'TIMEOUT',
    'KEYCHAIN_UNAVAILABLE',
  ],
  signUpNeeded: [
    'FIRSTNAME_INVALID',
    'LASTNAME_INVALID',
    'FLOOD_WAIT',
    'NETWORK_UNAVAILABLE',
    'TIMEOUT',
    'KEYCHAIN_UNAVAILABLE',
  ],
  signedIn: [],
  failed: [],
  cancelled: [],
};

export function isRecoverable(state: LoginState, code: ErrorCode): boolean {
  return RECOVERABLE[state.step].includes(code);
}

/** The state after an event. Events that make no sense in a state leave it as it is. */
export function nextState(state: LoginState, event: LoginEvent): LoginState {
  const { phone } = state;
  switch (event.type) {
    case 'started':
      // A finished login starts nothing; retry goes through 'restarted'.
      if (isFinished(state)) return state;
      return { ...state, pending: event.pending, error: null };
    case 'restarted':
      return initialState(phone);
    case 'codeSent':
      if (event.sentCode.delivery.kind === 'setUpEmailRequired') {
        return { step: 'emailSetup', phone, pending: null, error: null, emailCode: null };
      }
      return { step: 'codeSent', phone, pending: null, error: null, sentCode: event.sentCode };
    case 'emailCodeSent':
      if (state.step !== 'emailSetup') return state;
      return {
        ...state,
        pending: null,
        error: null,
        emailCode: { emailPattern: event.emailPattern, length: event.length },
      };
    case 'passwordNeeded':
      return { step: 'passwordNeeded', phone, pending: null, error: null, hint: event.hint };
    case 'signUpNeeded':
      return {
        step: 'signUpNeeded',
        phone,
        pending: null,
        error: null,
        termsOfService: event.termsOfService,
      };
    case 'signedIn':
      return { step: 'signedIn', phone, pending: null, error: null, account: event.account };
    case 'cancelled':
      return { step: 'cancelled', phone, pending: null, error: null };
    case 'failed':
      return afterError(state, event.error);
  }
}

function afterError(state: LoginState, error: AppError): LoginState {
  if (!isRecoverable(state, error.code)) {
    return { step: 'failed', phone: state.phone, pending: null, error };
  }
  if (state.step === 'codeSent' && error.code === 'SEND_CODE_UNAVAILABLE') {
    // Telegram has no further medium: hide the resend control, keep the code that was sent.
    return {
      ...state,
      pending: null,
      error,
      sentCode: { ...state.sentCode, nextMedium: null, resendAvailableAt: null },
    };
  }
  return { ...state, pending: null, error };
}

/** Whether a finished or waiting card accepts an action now; the error says why not. */
export function checkAction(state: LoginState, action: LoginAction, nowMs: number): AppError | null {
  if (state.pending !== null && action.type !== 'cancel') return appError('WRONG_STEP');
  switch (action.type) {
    case 'resendCode': {
      if (state.step !== 'codeSent') return appError('WRONG_STEP');
      const { nextMedium, resendAvailableAt } = state.sentCode;
      if (nextMedium === null || resendAvailableAt === null) return appError('SEND_CODE_UNAVAILABLE');
      if (nowMs < resendAvailableAt) return appError('RESEND_NOT_YET', { retryAt: resendAvailableAt });
      return floodCheck(state, nowMs);
    }
    case 'submitCode': {
      if (state.step !== 'codeSent') return appError('WRONG_STEP');
      return floodCheck(state, nowMs) ?? checkCodeFormat(state.sentCode, action.code);
    }
    case 'submitPassword':
      return state.step === 'passwordNeeded' ? floodCheck(state, nowMs) : appError('WRONG_STEP');
    case 'signUp':
      return state.step === 'signUpNeeded' ? floodCheck(state, nowMs) : appError('WRONG_STEP');
    case 'setUpEmail':
      return state.step === 'emailSetup' ? floodCheck(state, nowMs) : appError('WRONG_STEP');
    case 'verifyEmail':
      if (state.step !== 'emailSetup' || state.emailCode === null) return appError('WRONG_STEP');
      return /^\d+$/.test(action.code) && action.code.length === state.emailCode.length
        ? null
        : appError('EMAIL_CODE_INVALID');
    case 'cancel':
      return isFinished(state) ? appError('WRONG_STEP') : null;
    case 'retry':
      if (state.step !== 'failed' && state.step !== 'cancelled') return appError('WRONG_STEP');
      if (
        state.error?.code === 'FLOOD_WAIT' &&
        state.error.retryAt !== undefined &&
        nowMs < state.error.retryAt
      ) {
        return state.error;
      }
      return null;
  }
}

/** A flood wait shown on the card still applies to the actions that would hit Telegram. */
function floodCheck(state: LoginState, nowMs: number): AppError | null {
  const error = state.error;
  if (error?.code === 'FLOOD_WAIT' && error.retryAt !== undefined && nowMs < error.retryAt) return error;
  return null;
}

/**
 * Checks a typed code against what Telegram said about it, before spending one of the number's limited
 * attempts on a code that cannot be right (Web K checks word codes the same way).
 */
export function checkCodeFormat(sentCode: SentCodeView, rawCode: string): AppError | null {
  const code = rawCode.trim();
  if (code === '') return appError('PHONE_CODE_EMPTY');
  const delivery = sentCode.delivery;
  switch (delivery.kind) {
    case 'app':
    case 'sms':
    case 'call':
    case 'missedCall':
    case 'email':
    case 'fragmentSms':
    case 'firebaseSms':
      return /^\d+$/.test(code) && code.length === delivery.length
        ? null
        : appError(delivery.kind === 'email' ? 'EMAIL_CODE_INVALID' : 'PHONE_CODE_INVALID');
    case 'flashCall':
      return /^\+?\d{5,20}$/.test(code) ? null : appError('PHONE_CODE_INVALID');
    case 'smsWord':
    case 'smsPhrase': {
      const beginning = delivery.beginning?.toLowerCase();
      return beginning === undefined || code.toLowerCase().startsWith(beginning)
        ? null
        : appError('PHONE_CODE_INVALID');
    }
    case 'setUpEmailRequired':
      return appError('WRONG_STEP');
  }
}
