import type { LoginAction } from './login-machine.ts';

/** A user's request to a login card, with what it carries (passwords never leave the main process). */
export type LoginRequest =
  | { readonly type: 'resendCode' }
  | { readonly type: 'submitCode'; readonly code: string }
  | { readonly type: 'submitPassword'; readonly password: string }
  | {
      readonly type: 'signUp';
      readonly firstName: string;
      readonly lastName: string;
      readonly acceptTerms: boolean;
    }
  | { readonly type: 'setUpEmail'; readonly email: string }
  | { readonly type: 'verifyEmail'; readonly code: string }
  | { readonly type: 'cancel' }
  | { readonly type: 'retry' };

/** The part of a request the state machine judges (it never sees a password). */
export function actionOf(request: LoginRequest): LoginAction {
  switch (request.type) {
    case 'submitCode':
      return { type: 'submitCode', code: request.code };
    case 'verifyEmail':
      return { type: 'verifyEmail', code: request.code };
    case 'submitPassword':
    case 'signUp':
    case 'setUpEmail':
    case 'resendCode':
    case 'cancel':
    case 'retry':
      return { type: request.type };
  }
}
