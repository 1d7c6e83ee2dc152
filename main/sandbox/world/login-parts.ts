import type { Clock } from '../clock.ts';
import type { Account, AccountStore } from './accounts.ts';
import type { AuthorizationStore, KeyRef } from './authorizations.ts';
import type { SlidingWindowLimiter } from './flood-limiter.ts';
import type { FutureAuthTokens } from './future-auth-tokens.ts';
import type { LoginCodeStore } from './login-codes.ts';
import type { LoginTokenStore } from './login-tokens.ts';
import type { Notifier } from './notifications.ts';
import type { Outbox } from './outbox.ts';

/**
 * What each login part (code-login, password-login, qr-login) needs of the world: the narrow pieces it
 * uses, not the whole SandboxWorld, so the parts do not import the world that builds them.
 */

/** A completed login: the key is now signed in as `account`. */
export interface LoginResult {
  readonly account: Account;
  /** Sent in auth.authorization; redeemable later through CodeSettings.logout_tokens. */
  readonly futureAuthToken: Buffer;
}

/** Signs `key` in as `account` (one place for every way of logging in). */
export interface LoginCompleter {
  completeLogin(key: KeyRef, account: Account): LoginResult;
}

export interface CodeLoginWorld extends LoginCompleter {
  readonly clock: Clock;
  readonly accounts: AccountStore;
  readonly codes: LoginCodeStore;
  readonly outbox: Outbox;
  readonly notifier: Notifier;
  readonly futureAuthTokens: FutureAuthTokens;
  readonly limits: { readonly codesSent: SlidingWindowLimiter; readonly wrongCodes: SlidingWindowLimiter };
  /** The account a phone number logs in to (test numbers are created on first use). */
  accountForLogin(phone: string): Account;
}

export interface PasswordLoginWorld {
  readonly accounts: AccountStore;
  readonly authorizations: AuthorizationStore;
  readonly limits: { readonly wrongPasswords: SlidingWindowLimiter };
}

export interface QrLoginWorld extends LoginCompleter {
  readonly clock: Clock;
  readonly accounts: AccountStore;
  readonly loginTokens: LoginTokenStore;
  readonly notifier: Notifier;
  readonly settings: { readonly loginTokenTtlSeconds: number };
}
