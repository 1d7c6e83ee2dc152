import type { TelegramUser } from '../domain/account.ts';
import type { SentCodeView } from '../domain/delivery.ts';
import type { TermsOfService } from '../domain/login-state.ts';

/**
 * What the rest of the main process may ask of Telegram. main/telegram implements it with GramJS; nothing
 * outside main/telegram sees a GramJS type. Every method either resolves or throws an AppFailure
 * (main/domain/errors.ts) with a typed code: GramJS errors are mapped by class, never by message text.
 */

/** The outcome of auth.sendCode / auth.resendCode / account.verifyEmail's sent_code. */
export type SendCodeOutcome =
  | { readonly kind: 'codeSent'; readonly phoneCodeHash: string; readonly view: SentCodeView }
  /** auth.sentCodeSuccess: a future auth token logged the account in without a code. */
  | { readonly kind: 'signedIn'; readonly login: CompletedLogin }
  /** A future auth token matched but the account has 2FA (SESSION_PASSWORD_NEEDED from sendCode). */
  | { readonly kind: 'passwordNeeded'; readonly hint: string | null };

/** The outcome of auth.signIn / auth.signUp / auth.checkPassword. */
export type AuthOutcome =
  | { readonly kind: 'signedIn'; readonly login: CompletedLogin }
  | { readonly kind: 'signUpNeeded'; readonly termsOfService: TermsOfService | null }
  | { readonly kind: 'passwordNeeded'; readonly hint: string | null };

export interface CompletedLogin {
  readonly user: TelegramUser;
  /** The DC the session ended on (after any PHONE_MIGRATE). */
  readonly dcId: number;
  /** auth.authorization.future_auth_token, to keep in the keychain for a later re-login without a code. */
  readonly futureAuthToken: Buffer | null;
}

/** The secret part of a signed-in account: GramJS's StringSession and its DC. Lives only in the keychain. */
export interface SessionSecret {
  readonly session: string;
  readonly dcId: number;
}

/**
 * One phone login: one GramJS client, alive from sendCode to authorisation, because a phone_code_hash only
 * works from the auth key that requested it. Nothing here retries sendCode or signIn on its own.
 */
export interface LoginClient {
  sendCode(phone: string, logoutTokens: readonly Buffer[]): Promise<SendCodeOutcome>;
  resendCode(phone: string, phoneCodeHash: string): Promise<SendCodeOutcome>;
  /** auth.signIn with a phone code (SMS, app, call, word, phrase...). */
  signIn(phone: string, phoneCodeHash: string, code: string): Promise<AuthOutcome>;
  /** auth.signIn with email_verification, for codes of kind `email`. */
  signInWithEmailCode(phone: string, phoneCodeHash: string, code: string): Promise<AuthOutcome>;
  /** account.getPassword, SRP computed off the main thread, auth.checkPassword (a stale srp_id is refetched once). */
  checkPassword(password: string): Promise<AuthOutcome>;
  signUp(phone: string, phoneCodeHash: string, firstName: string, lastName: string): Promise<AuthOutcome>;
  acceptTermsOfService(id: string): Promise<void>;
  /** account.sendVerifyEmailCode for a login-email setup; returns where the code went. */
  sendLoginEmailCode(
    phone: string,
    phoneCodeHash: string,
    email: string,
  ): Promise<{ emailPattern: string; length: number }>;
  /** account.verifyEmail for a login-email setup; Telegram then sends the login code (usually by email). */
  verifyLoginEmail(phone: string, phoneCodeHash: string, code: string): Promise<SendCodeOutcome>;
  /** auth.cancelCode; errors are ignored (the code dies with the client anyway). */
  cancelCode(phone: string, phoneCodeHash: string): Promise<void>;
  /** The session to store once signed in. */
  exportSession(): SessionSecret;
  /** Destroys the GramJS client (never just disconnects it). */
  destroy(): Promise<void>;
}

export type ConnectionState = 'connecting' | 'online' | 'offline';

/** A stored, signed-in account's client. Made unconnected; GramJS reconnects by itself once connected. */
export interface AccountClient {
  /** Connects (NETWORK_UNAVAILABLE when it cannot, after a few tries). */
  connect(): Promise<void>;
  /** users.getUsers([self]): proves the session works. SIGNED_OUT, NETWORK_UNAVAILABLE, TIMEOUT... otherwise. */
  getSelf(): Promise<TelegramUser>;
  /** auth.logOut; returns the future auth token Telegram gives back, if any. */
  logOut(): Promise<Buffer | null>;
  readonly dcId: number;
  onConnectionState(listener: (state: ConnectionState) => void): () => void;
  destroy(): Promise<void>;
}

/** Makes every client the app uses, for one server profile and one set of API credentials. */
export interface TelegramGateway {
  /** A fresh client for a new login, connected (NETWORK_UNAVAILABLE if it cannot connect). */
  startLogin(label: string): Promise<LoginClient>;
  /** A client for a stored session, not yet connected. */
  openAccount(secret: SessionSecret, label: string): AccountClient;
}
