import type { TelegramUser } from '../contract/account.ts';
import type { SentCodeView } from '../contract/delivery.ts';
import type { TermsOfService } from '../contract/login-state.ts';

/**
 * What the rest of the main process may ask of Telegram. main/telegram implements it with GramJS; nothing
 * outside main/telegram sees a GramJS type. Every method either resolves or throws an AppFailure
 * (main/contract/errors.ts) with a typed code: GramJS errors are mapped by class, never by message text.
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
 * If the server forgets the client's auth key (transport -404), every pending and later request fails at
 * once with AUTH_RESTART: the login has to start over on a new client.
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
  /**
   * Whether this client's key is signed in after all (users.getUsers for self), for answers lost to a
   * timeout or a dropped connection: the login may have completed at Telegram. null when it is not
   * (any 401); network and timeout errors throw as usual. futureAuthToken is always null here.
   */
  signedInUser(): Promise<CompletedLogin | null>;
  /** auth.logOut on this client: ends a session that completed but will not be kept (cancelled meanwhile). */
  logOut(): Promise<void>;
  /** auth.cancelCode; errors are ignored (the code dies with the client anyway). */
  cancelCode(phone: string, phoneCodeHash: string): Promise<void>;
  /** The session to store once signed in. */
  exportSession(): Promise<SessionSecret>;
  /** Destroys the GramJS client (never just disconnects it). */
  destroy(): Promise<void>;
}

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'signedOut';

/**
 * A stored, signed-in account's client. Made unconnected; GramJS reconnects by itself once connected.
 * If the server no longer knows the session's auth key (transport -404), the client is finished: every
 * pending and later call fails at once with SIGNED_OUT, it never reconnects, and its state is `signedOut`.
 */
export interface AccountClient {
  /** Connects (NETWORK_UNAVAILABLE when it cannot, after a few tries; SIGNED_OUT when the key is unknown). */
  connect(): Promise<void>;
  /** users.getUsers([self]): proves the session works. SIGNED_OUT, NETWORK_UNAVAILABLE, TIMEOUT... otherwise. */
  getSelf(): Promise<TelegramUser>;
  /** auth.logOut; returns the future auth token Telegram gives back, if any. */
  logOut(): Promise<Buffer | null>;
  readonly dcId: number;
  /**
   * The client's socket, not its session: listeners hear each change (never the initial `offline`).
   * - `connecting`: connect() has started, or an open socket closed (the server or the network dropped it,
   *   or GramJS closed it to reconnect or switch DC) and GramJS is reconnecting by itself.
   * - `online`: a TCP connection to the DC has just opened. Nothing has been exchanged on it yet, so it
   *   says nothing about the auth key or the session: on connect and on every reconnect after a drop it
   *   comes before any request got an answer (the first -404 or 401 arrives after it; GramJS sends a
   *   users.getUsers of its own after each reconnect, so a rejected key shows soon). Only a successful
   *   getSelf proves the session; after that, `online` means a dropped connection is back.
   * - `offline`: a connection attempt failed, or connect() gave up. GramJS may still retry on its own
   *   (`connecting`/`online` can follow) until destroy.
   * - `signedOut`: the server no longer knows the session's auth key (transport -404), noticed on any
   *   message, or a worker's client found the session ended when it made the client again. Final:
   *   nothing is reported after it, nothing reconnects, and every call fails with SIGNED_OUT. (A session
   *   revoked elsewhere keeps its key: only the next request hears of it, as a 401 SIGNED_OUT.)
   * Nothing is reported after destroy().
   */
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
