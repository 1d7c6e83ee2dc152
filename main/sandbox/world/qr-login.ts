import { RpcFailure } from '../mtproto/rpc-types.ts';
import type { Account } from './accounts.ts';
import { keyName, type KeyRef } from './authorizations.ts';
import type { LoginToken } from './login-tokens.ts';
import type { LoginResult, QrLoginWorld } from './login-parts.ts';

export type QrExportResult =
  | { readonly kind: 'token'; readonly token: Buffer; readonly expires: number }
  | { readonly kind: 'migrate'; readonly dcId: number; readonly token: Buffer }
  | { readonly kind: 'loggedIn'; readonly login: LoginResult };

/**
 * Error for acceptLoginToken by a user the exporter listed in except_ids ("already logged in here").
 * Telegram does not document what happens then; the sandbox refuses the acceptance, so the account is
 * not logged in twice and the QR code stays valid for another account to scan.
 */
export const USER_IN_EXCEPT_IDS = 'USER_ALREADY_AUTHORIZED';

/**
 * QR login (core.telegram.org/api/qr-login). The exporter shows tokens from auth.exportLoginToken; a
 * signed-in session accepts one (auth.acceptLoginToken) and the exporter gets updateLoginToken; its next
 * exportLoginToken logs it in (loginTokenSuccess) when the account lives on the exporter's DC, or hands
 * it a token to import on the account's home DC (loginTokenMigrateTo + auth.importLoginToken).
 * 2FA applies: the last step answers 401 SESSION_PASSWORD_NEEDED instead.
 */
export class QrLogin {
  constructor(private readonly world: QrLoginWorld) {}

  private get ttlMs(): number {
    return this.world.settings.loginTokenTtlSeconds * 1000;
  }

  exportToken(key: KeyRef, apiId: number, exceptIds: readonly bigint[]): QrExportResult {
    if (apiId <= 0) throw new RpcFailure(400, 'API_ID_INVALID');
    const now = this.world.clock.now();
    this.world.loginTokens.sweep(now);
    const accepted = this.world.loginTokens.acceptedFor(key);
    if (accepted && (accepted.acceptedAtMs ?? 0) + this.ttlMs > now) return this.redeem(key, accepted);
    const token = this.world.loginTokens.create('export', key, now + this.ttlMs, { exceptIds });
    return { kind: 'token', token: token.token, expires: Math.floor(token.expiresAtMs / 1000) };
  }

  importToken(key: KeyRef, bytes: Buffer): QrExportResult {
    const now = this.world.clock.now();
    const token = this.world.loginTokens.get(bytes);
    if (!token) throw new RpcFailure(400, 'AUTH_TOKEN_INVALID');
    if (token.kind === 'export') {
      // Importing one's own exported token is the same as exporting again; nobody else may.
      if (keyName(token.owner) !== keyName(key)) throw new RpcFailure(400, 'AUTH_TOKEN_INVALID');
      if (token.acceptedBy !== undefined && !token.used) return this.redeem(key, token);
      if (token.expiresAtMs <= now) throw new RpcFailure(400, 'AUTH_TOKEN_EXPIRED');
      return { kind: 'token', token: token.token, expires: Math.floor(token.expiresAtMs / 1000) };
    }
    if (token.used) throw new RpcFailure(400, 'AUTH_TOKEN_ALREADY_ACCEPTED');
    if (token.expiresAtMs <= now) throw new RpcFailure(400, 'AUTH_TOKEN_EXPIRED');
    if (token.dcId !== undefined && token.dcId !== key.dcId) {
      return { kind: 'migrate', dcId: token.dcId, token: token.token };
    }
    token.used = true;
    return { kind: 'loggedIn', login: this.world.completeLogin(key, this.accountOf(token)) };
  }

  /** auth.acceptLoginToken by a signed-in session: returns the exporter's key (for the Authorization it gets). */
  acceptToken(acceptor: Account, bytes: Buffer): KeyRef {
    const token = this.world.loginTokens.get(bytes);
    if (token?.kind !== 'export') throw new RpcFailure(400, 'AUTH_TOKEN_INVALID');
    if (token.acceptedBy !== undefined) throw new RpcFailure(400, 'AUTH_TOKEN_ALREADY_ACCEPTED');
    const now = this.world.clock.now();
    if (token.expiresAtMs <= now) throw new RpcFailure(400, 'AUTH_TOKEN_EXPIRED');
    if (token.exceptIds.includes(acceptor.id)) throw new RpcFailure(400, USER_IN_EXCEPT_IDS);
    token.acceptedBy = acceptor.id;
    token.acceptedAtMs = now;
    this.world.notifier.loginTokenAccepted(token.owner);
    return token.owner;
  }

  private redeem(key: KeyRef, token: LoginToken): QrExportResult {
    token.used = true;
    const account = this.accountOf(token);
    if (account.homeDc !== key.dcId) {
      const migrate = this.world.loginTokens.create('migrate', key, this.world.clock.now() + this.ttlMs, {
        acceptedBy: account.id,
        dcId: account.homeDc,
      });
      return { kind: 'migrate', dcId: account.homeDc, token: migrate.token };
    }
    return { kind: 'loggedIn', login: this.world.completeLogin(key, account) };
  }

  private accountOf(token: LoginToken): Account {
    const account = token.acceptedBy === undefined ? undefined : this.world.accounts.byId(token.acceptedBy);
    if (!account) throw new RpcFailure(400, 'AUTH_TOKEN_INVALID');
    return account;
  }
}
