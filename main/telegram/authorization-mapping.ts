import { Api } from 'telegram';
import { AppFailure, appError } from '../contract/errors.ts';
import type { TermsOfService } from '../contract/login-state.ts';
import type { AuthOutcome, CompletedLogin } from './gateway.ts';
import { telegramUserOf } from './user-mapping.ts';

export function termsOfServiceOf(terms: Api.help.TypeTermsOfService | undefined): TermsOfService | null {
  if (!(terms instanceof Api.help.TermsOfService)) return null;
  return { id: terms.id.data, text: terms.text, minAgeConfirm: terms.minAgeConfirm ?? null };
}

/** auth.authorization → the finished login; the DC is where the client's session now is. */
export function completedLoginOf(authorization: Api.auth.Authorization, dcId: number): CompletedLogin {
  const user = telegramUserOf(authorization.user);
  // A signed-in answer without a user is not something Telegram sends; treat it as a bug, not a login.
  if (user === null) throw new AppFailure(appError('INTERNAL'));
  return { user, dcId, futureAuthToken: authorization.futureAuthToken ?? null };
}

/** auth.Authorization (both constructors) → what the login does next. */
export function authOutcomeOf(authorization: Api.auth.TypeAuthorization, dcId: number): AuthOutcome {
  if (authorization instanceof Api.auth.AuthorizationSignUpRequired) {
    return { kind: 'signUpNeeded', termsOfService: termsOfServiceOf(authorization.termsOfService) };
  }
  return { kind: 'signedIn', login: completedLoginOf(authorization, dcId) };
}
