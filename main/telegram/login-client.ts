import { Api } from 'telegram';
import { AppFailure, appError } from '../contract/errors.ts';
import { phoneDigits } from '../contract/phone.ts';
import { authOutcomeOf, completedLoginOf } from './authorization-mapping.ts';
import { isRpcError, isUnauthorized } from './error-mapping.ts';
import type { AuthOutcome, CompletedLogin, LoginClient, SendCodeOutcome, SessionSecret } from './gateway.ts';
import type { LogSink } from './gateway-options.ts';
import { describeThrown } from './log-redaction.ts';
import type { ManagedClient } from './managed-client.ts';
import { computeSrpCheck } from './native-math/srp-check.ts';
import { sentCodeViewOf } from './sent-code-mapping.ts';
import { telegramUserOf } from './user-mapping.ts';

type PasswordNeeded = Extract<AuthOutcome, { kind: 'passwordNeeded' }>;

export interface LoginClientDeps {
  readonly apiId: number;
  readonly apiHash: string;
  readonly now: () => number;
  readonly log: LogSink;
  readonly label: string;
  /** SRP for auth.checkPassword; native and non-blocking by default. */
  readonly computeCheck?: typeof computeSrpCheck;
}

/**
 * One phone login on one GramJS client, from sendCode to authorisation (a phone_code_hash only works
 * from the auth key that asked for it). Requests are raw invokes because GramJS's helpers drop what the
 * UI needs (code type, next type, timeout, sentCodeSuccess). Nothing here retries sendCode or signIn.
 */
export class GramLoginClient implements LoginClient {
  private readonly client: ManagedClient;
  private readonly deps: LoginClientDeps;

  constructor(client: ManagedClient, deps: LoginClientDeps) {
    this.client = client;
    this.deps = deps;
  }

  sendCode(phone: string, logoutTokens: readonly Buffer[]): Promise<SendCodeOutcome> {
    for (const token of logoutTokens) this.client.secrets.add(token);
    const settings = new Api.CodeSettings(logoutTokens.length > 0 ? { logoutTokens: [...logoutTokens] } : {});
    return this.authStep(async () =>
      this.sendCodeOutcomeOf(
        await this.client.invoke(
          new Api.auth.SendCode({
            phoneNumber: phoneDigits(phone),
            apiId: this.deps.apiId,
            apiHash: this.deps.apiHash,
            settings,
          }),
        ),
      ),
    );
  }

  resendCode(phone: string, phoneCodeHash: string): Promise<SendCodeOutcome> {
    return this.authStep(async () =>
      this.sendCodeOutcomeOf(
        await this.client.invoke(new Api.auth.ResendCode({ phoneNumber: phoneDigits(phone), phoneCodeHash })),
      ),
    );
  }

  signIn(phone: string, phoneCodeHash: string, code: string): Promise<AuthOutcome> {
    this.client.secrets.add(code);
    return this.authStep(async () =>
      authOutcomeOf(
        await this.client.invoke(
          new Api.auth.SignIn({ phoneNumber: phoneDigits(phone), phoneCodeHash, phoneCode: code }),
        ),
        this.client.dcId,
      ),
    );
  }

  signInWithEmailCode(phone: string, phoneCodeHash: string, code: string): Promise<AuthOutcome> {
    this.client.secrets.add(code);
    return this.authStep(async () =>
      authOutcomeOf(
        await this.client.invoke(
          new Api.auth.SignIn({
            phoneNumber: phoneDigits(phone),
            phoneCodeHash,
            emailVerification: new Api.EmailVerificationCode({ code }),
          }),
        ),
        this.client.dcId,
      ),
    );
  }

  checkPassword(password: string): Promise<AuthOutcome> {
    this.client.secrets.add(password);
    const computeCheck = this.deps.computeCheck ?? computeSrpCheck;
    return this.authStep(async () => {
      // A fresh account.getPassword per attempt; one stale srp_id (SRP_ID_INVALID) is refetched once.
      for (let attempt = 0; ; attempt++) {
        const state = await this.client.invoke(new Api.account.GetPassword());
        const check = await computeCheck(state, password);
        try {
          return authOutcomeOf(
            await this.client.invoke(new Api.auth.CheckPassword({ password: check })),
            this.client.dcId,
          );
        } catch (error) {
          if (attempt === 0 && isRpcError(error, 'SRP_ID_INVALID')) continue;
          throw error;
        }
      }
    });
  }

  signUp(phone: string, phoneCodeHash: string, firstName: string, lastName: string): Promise<AuthOutcome> {
    return this.authStep(async () =>
      authOutcomeOf(
        await this.client.invoke(
          new Api.auth.SignUp({ phoneNumber: phoneDigits(phone), phoneCodeHash, firstName, lastName }),
        ),
        this.client.dcId,
      ),
    );
  }

  acceptTermsOfService(id: string): Promise<void> {
    return this.step(async () => {
      await this.client.invoke(new Api.help.AcceptTermsOfService({ id: new Api.DataJSON({ data: id }) }));
    });
  }

  sendLoginEmailCode(
    phone: string,
    phoneCodeHash: string,
    email: string,
  ): Promise<{ emailPattern: string; length: number }> {
    return this.step(async () => {
      const sent = await this.client.sendWithoutEntityCache(
        new Api.account.SendVerifyEmailCode({ purpose: this.loginSetup(phone, phoneCodeHash), email }),
      );
      if (!(sent instanceof Api.account.SentEmailCode)) throw new AppFailure(appError('INTERNAL'));
      return { emailPattern: sent.emailPattern, length: sent.length };
    });
  }

  verifyLoginEmail(phone: string, phoneCodeHash: string, code: string): Promise<SendCodeOutcome> {
    this.client.secrets.add(code);
    return this.authStep(async () => {
      const verified = await this.client.invoke(
        new Api.account.VerifyEmail({
          purpose: this.loginSetup(phone, phoneCodeHash),
          verification: new Api.EmailVerificationCode({ code }),
        }),
      );
      // For the login-setup purpose Telegram answers emailVerifiedLogin, with the login code already sent.
      if (!(verified instanceof Api.account.EmailVerifiedLogin)) throw new AppFailure(appError('INTERNAL'));
      return this.sendCodeOutcomeOf(verified.sentCode);
    });
  }

  async signedInUser(): Promise<CompletedLogin | null> {
    let users: Api.TypeUser[];
    try {
      users = await this.client.invoke(new Api.users.GetUsers({ id: [new Api.InputUserSelf()] }));
    } catch (error) {
      // Any 401 (AUTH_KEY_UNREGISTERED, SESSION_PASSWORD_NEEDED...) means this key is not signed in.
      if (isUnauthorized(error)) return null;
      throw this.client.toFailure(error);
    }
    const user = telegramUserOf(users[0]);
    if (user === null) throw new AppFailure(appError('INTERNAL'));
    // The future auth token only comes with auth.authorization, whose answer is what was lost.
    return { user, dcId: this.client.dcId, futureAuthToken: null };
  }

  logOut(): Promise<void> {
    return this.step(async () => {
      const loggedOut = await this.client.invoke(new Api.auth.LogOut());
      // Not kept (the login is being abandoned), but it must never reach a log either.
      this.client.secrets.add(loggedOut.futureAuthToken);
    });
  }

  async cancelCode(phone: string, phoneCodeHash: string): Promise<void> {
    try {
      await this.client.invoke(new Api.auth.CancelCode({ phoneNumber: phoneDigits(phone), phoneCodeHash }));
    } catch (error) {
      // The code dies with the client anyway; a failed cancel changes nothing for the user.
      this.deps.log(
        'debug',
        `[${this.deps.label}] cancelCode: ${describeThrown(error, this.client.secrets)}`,
      );
    }
  }

  exportSession(): Promise<SessionSecret> {
    return Promise.resolve(this.client.exportSession());
  }

  destroy(): Promise<void> {
    return this.client.destroy();
  }

  private loginSetup(phone: string, phoneCodeHash: string): Api.EmailVerifyPurposeLoginSetup {
    return new Api.EmailVerifyPurposeLoginSetup({ phoneNumber: phoneDigits(phone), phoneCodeHash });
  }

  /** Runs one step with every error mapped to an AppFailure. */
  private async step<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.client.toFailure(error);
    }
  }

  /** A step that can end in 2FA: SESSION_PASSWORD_NEEDED becomes a passwordNeeded outcome with the hint. */
  private async authStep<T extends SendCodeOutcome | AuthOutcome>(
    work: () => Promise<T>,
  ): Promise<T | PasswordNeeded> {
    try {
      return await work();
    } catch (error) {
      if (isRpcError(error, 'SESSION_PASSWORD_NEEDED')) {
        return { kind: 'passwordNeeded', hint: await this.passwordHint() };
      }
      throw this.client.toFailure(error);
    }
  }

  private async passwordHint(): Promise<string | null> {
    try {
      return (await this.client.invoke(new Api.account.GetPassword())).hint ?? null;
    } catch (error) {
      throw this.client.toFailure(error);
    }
  }

  private sendCodeOutcomeOf(sent: Api.auth.TypeSentCode): SendCodeOutcome {
    if (sent instanceof Api.auth.SentCode) {
      return {
        kind: 'codeSent',
        phoneCodeHash: sent.phoneCodeHash,
        view: sentCodeViewOf(sent, this.deps.now()),
      };
    }
    // auth.sentCodeSuccess: a future auth token logged the account straight in.
    if (!(sent.authorization instanceof Api.auth.Authorization)) throw new AppFailure(appError('INTERNAL'));
    return { kind: 'signedIn', login: completedLoginOf(sent.authorization, this.client.dcId) };
  }
}
