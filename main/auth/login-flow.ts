import type { AccountSummary } from '../contract/account.ts';
import { AppFailure, appError, isTransient, toAppError, type AppError } from '../contract/errors.ts';
import type { LoginCard, LoginPending, LoginState } from '../contract/login-state.ts';
import { isFinished } from '../contract/phone-rules.ts';
import type {
  AuthOutcome,
  CompletedLogin,
  LoginClient,
  SendCodeOutcome,
  SessionSecret,
  TelegramGateway,
} from '../telegram/gateway.ts';
import { describeLoginChange } from './login-log.ts';
import { checkAction, initialState, nextState, type LoginEvent } from './login-machine.ts';
import { actionOf, type LoginRequest } from './login-request.ts';
import type { Logger } from '../logging/log.ts';

export interface LoginFlowDeps {
  /** The gateway for the current server profile and API credentials (API_CREDENTIALS_MISSING otherwise). */
  readonly gateway: () => Promise<TelegramGateway>;
  /** Future auth tokens kept for this phone, sent as logout_tokens. */
  readonly futureTokens: (phone: string) => Promise<Buffer[]>;
  /** A FLOOD_WAIT deadline still running for this phone, in epoch ms, or null. */
  readonly floodDeadline: (phone: string) => number | null;
  readonly recordFloodDeadline: (phone: string, retryAt: number) => Promise<void>;
  /** Stores the signed-in session (keychain) and starts the account; ALREADY_SIGNED_IN, KEYCHAIN_UNAVAILABLE... */
  readonly completeLogin: (login: CompletedLogin, secret: SessionSecret) => Promise<AccountSummary>;
  /** Ends, at Telegram, a completed session that will not be kept (the card was cancelled or dismissed). */
  readonly abandonSession: (secret: SessionSecret) => Promise<void>;
  readonly now: () => number;
  readonly onChange: (card: LoginCard) => void;
  readonly log: Logger;
}

/** A login Telegram completed that could not be stored yet (keychain locked): kept in memory, never lost. */
interface UnsavedLogin {
  readonly login: CompletedLogin;
  readonly secret: SessionSecret;
}

/** Requests whose answer may be lost while the login completed at Telegram anyway. */
type CompletingRequest = 'signingIn' | 'signingUp' | 'checkingPassword';

/**
 * One login card: one GramJS client from sendCode until the account is stored, because a phone_code_hash
 * only works from the auth key that requested it. One request at a time: a second one while the first is
 * in flight is refused at once. Cancel may interrupt; a request it supersedes is answered WRONG_STEP, and
 * a login that completes after a cancel is logged out at Telegram instead of being left open.
 */
export class LoginFlow {
  private state: LoginState;
  private client: LoginClient | null = null;
  private phoneCodeHash: string | null = null;
  private unsaved: UnsavedLogin | null = null;
  private generation = 0;
  private busy = false;
  /** An answer of this card's client was lost once: a later failure may hide a login that completed. */
  private answerLost = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly id: string,
    readonly phone: string,
    readonly createdAt: number,
    private readonly deps: LoginFlowDeps,
  ) {
    this.state = initialState(phone);
  }

  get card(): LoginCard {
    return { id: this.id, state: this.state, createdAt: this.createdAt };
  }

  get finished(): boolean {
    return isFinished(this.state);
  }

  /** Asks Telegram for the first code. Resolves with the card once Telegram answered (or the login failed). */
  begin(): Promise<LoginCard> {
    return this.exclusive(() => this.sendFirstCode(this.generation));
  }

  /** Performs a user's request; rejects with AppFailure when it is not allowed or Telegram refused it. */
  perform(request: LoginRequest): Promise<LoginCard> {
    if (request.type === 'cancel') return this.cancel();
    if (this.busy) return Promise.reject(new AppFailure(appError('WRONG_STEP')));
    return this.exclusive(async () => {
      // A completed login waiting for the keychain: whatever the user asks next, try to store it again.
      if (this.unsaved) return this.store(this.unsaved, this.generation);
      const refusal = checkAction(this.state, actionOf(request), this.deps.now());
      if (refusal) throw new AppFailure(refusal);
      return this.run(request);
    });
  }

  /** Destroys the client without asking for a code to be cancelled (the app is closing or the card goes). */
  async dispose(): Promise<void> {
    this.generation++;
    await this.abandonUnsaved();
    await this.dropClient();
  }

  private async run(request: Exclude<LoginRequest, { type: 'cancel' }>): Promise<LoginCard> {
    const generation = this.generation;
    switch (request.type) {
      case 'retry':
        this.generation++;
        await this.dropClient();
        this.apply({ type: 'restarted' });
        return this.sendFirstCode(this.generation);
      case 'resendCode':
        return this.sendStep(generation, 'resendingCode', (client, hash) =>
          client.resendCode(this.phone, hash),
        );
      case 'submitCode': {
        const viaEmail = this.state.step === 'codeSent' && this.state.sentCode.delivery.kind === 'email';
        const code = request.code.trim();
        return this.authStep(generation, 'signingIn', (client, hash) =>
          viaEmail
            ? client.signInWithEmailCode(this.phone, hash, code)
            : client.signIn(this.phone, hash, code),
        );
      }
      case 'submitPassword':
        // No phone_code_hash here: a future auth token can lead straight to the password step.
        return this.authStep(generation, 'checkingPassword', (client) =>
          client.checkPassword(request.password),
        );
      case 'signUp': {
        const terms = this.state.step === 'signUpNeeded' ? this.state.termsOfService : null;
        if (terms && !request.acceptTerms) throw new AppFailure(appError('BAD_INPUT'));
        const first = request.firstName.trim();
        const last = request.lastName.trim();
        return this.authStep(generation, 'signingUp', async (client, hash) => {
          const outcome = await client.signUp(this.phone, hash, first, last);
          // The account exists now whatever happens next: accepting the terms must not undo that.
          if (terms) await this.acceptTerms(client, terms.id);
          return outcome;
        });
      }
      case 'setUpEmail': {
        const email = request.email.trim();
        const sent = await this.request(generation, 'sendingEmailCode', (client, hash) =>
          client.sendLoginEmailCode(this.phone, hash, email),
        );
        this.apply({ type: 'emailCodeSent', emailPattern: sent.emailPattern, length: sent.length });
        return this.card;
      }
      case 'verifyEmail':
        return this.sendStep(generation, 'verifyingEmail', (client, hash) =>
          client.verifyLoginEmail(this.phone, hash, request.code.trim()),
        );
    }
  }

  private async sendFirstCode(generation: number): Promise<LoginCard> {
    const deadline = this.deps.floodDeadline(this.phone);
    if (deadline !== null) return this.failWith(generation, appError('FLOOD_WAIT', { retryAt: deadline }));
    let outcome: SendCodeOutcome;
    try {
      const gateway = await this.deps.gateway();
      const tokens = await this.deps.futureTokens(this.phone);
      const client = await gateway.startLogin(`login ${this.phone}`);
      if (generation !== this.generation) {
        await client.destroy();
        throw new AppFailure(appError('WRONG_STEP'));
      }
      this.client = client;
      outcome = await client.sendCode(this.phone, tokens);
    } catch (error) {
      return this.failWith(generation, this.toAppError(error));
    }
    return this.afterSend(generation, outcome);
  }

  /** A request whose answer is a sent code (resend, email verification). */
  private async sendStep(
    generation: number,
    pending: LoginPending,
    call: (client: LoginClient, phoneCodeHash: string) => Promise<SendCodeOutcome>,
  ): Promise<LoginCard> {
    return this.afterSend(generation, await this.request(generation, pending, call));
  }

  /** A request whose answer is an authorisation (sign-in, password, sign-up). */
  private async authStep(
    generation: number,
    pending: CompletingRequest,
    call: (client: LoginClient, phoneCodeHash: string) => Promise<AuthOutcome>,
  ): Promise<LoginCard> {
    const client = this.client;
    let outcome: AuthOutcome;
    try {
      outcome = await this.request(generation, pending, call, { probeFailures: () => this.answerLost });
    } catch (error) {
      // The answer was lost, or an earlier one was: Telegram may have signed the key in meanwhile (a retried
      // sign-in then says PHONE_CODE_EXPIRED). Ask before calling it a failure.
      if (!(error instanceof LostAnswer) || !client) throw error;
      this.answerLost ||= isTransient(error.error.code);
      const completed = await client.signedInUser().catch(() => null);
      if (!completed || generation !== this.generation) return this.failWith(generation, error.error);
      outcome = { kind: 'signedIn', login: completed };
    }
    switch (outcome.kind) {
      case 'signedIn':
        return this.store(
          { login: outcome.login, secret: await this.requireClient().exportSession() },
          generation,
        );
      case 'passwordNeeded':
        this.apply({ type: 'passwordNeeded', hint: outcome.hint });
        return this.card;
      case 'signUpNeeded':
        this.apply({ type: 'signUpNeeded', termsOfService: outcome.termsOfService });
        return this.card;
    }
  }

  /**
   * Runs one Telegram request of the current step. A failure is applied to the card and thrown; with
   * `probeFailures`, a transient one (or any, when that says so) is thrown as LostAnswer first, for the
   * caller to check. An answer that arrives after a cancel is refused (a completed login it carries is
   * ended at Telegram).
   */
  private async request<T>(
    generation: number,
    pending: LoginPending,
    call: (client: LoginClient, phoneCodeHash: string) => Promise<T>,
    options: { probeFailures?: () => boolean } = {},
  ): Promise<T> {
    const client = this.requireClient();
    const hash = this.phoneCodeHash ?? '';
    this.apply({ type: 'started', pending });
    let answer: T;
    try {
      answer = await call(client, hash);
    } catch (error) {
      const appErr = this.toAppError(error);
      const probe = options.probeFailures;
      if (probe && (isTransient(appErr.code) || probe()) && generation === this.generation) {
        throw new LostAnswer(appErr);
      }
      return this.failWith(generation, appErr);
    }
    if (generation !== this.generation) {
      await this.endSuperseded(client, answer);
      throw new AppFailure(appError('WRONG_STEP'));
    }
    return answer;
  }

  private async afterSend(generation: number, outcome: SendCodeOutcome): Promise<LoginCard> {
    if (generation !== this.generation) {
      await this.endSuperseded(this.client, outcome);
      throw new AppFailure(appError('WRONG_STEP'));
    }
    switch (outcome.kind) {
      case 'codeSent':
        this.phoneCodeHash = outcome.phoneCodeHash;
        this.apply({ type: 'codeSent', sentCode: outcome.view });
        return this.card;
      case 'passwordNeeded':
        this.apply({ type: 'passwordNeeded', hint: outcome.hint });
        return this.card;
      case 'signedIn':
        return this.store(
          { login: outcome.login, secret: await this.requireClient().exportSession() },
          generation,
        );
    }
  }

  /** A cancelled request's answer: a code it sent is cancelled with the rest, a completed login logged out. */
  private async endSuperseded(client: LoginClient | null, answer: unknown): Promise<void> {
    if (!client || typeof answer !== 'object' || answer === null || !('kind' in answer)) return;
    if (answer.kind === 'codeSent' && 'phoneCodeHash' in answer && typeof answer.phoneCodeHash === 'string') {
      // The cancel that superseded this runs next and cancels the code with this hash.
      this.phoneCodeHash = answer.phoneCodeHash;
    } else if (answer.kind === 'signedIn') {
      await client.logOut().catch((error: unknown) => {
        this.deps.log(
          'warn',
          `could not log out a login completed after its cancel: ${this.toAppError(error).code}`,
        );
      });
    }
  }

  /** Hands the session to the keychain and the account list; on failure keeps it in memory for a retry. */
  private async store(unsaved: UnsavedLogin, generation: number): Promise<LoginCard> {
    // The login client goes first: exactly one live client per session (AUTH_KEY_DUPLICATED otherwise).
    await this.dropClient();
    let account: AccountSummary;
    try {
      account = await this.deps.completeLogin(unsaved.login, unsaved.secret);
    } catch (error) {
      const appErr = this.toAppError(error);
      if (appErr.code === 'KEYCHAIN_UNAVAILABLE') {
        this.unsaved = unsaved;
        this.apply({ type: 'failed', error: appErr });
        throw new AppFailure(appErr);
      }
      this.unsaved = null;
      return this.failWith(generation, appErr);
    }
    this.unsaved = null;
    this.apply({ type: 'signedIn', account });
    return this.card;
  }

  private async cancel(): Promise<LoginCard> {
    const refusal = checkAction(this.state, { type: 'cancel' }, this.deps.now());
    if (refusal) throw new AppFailure(refusal);
    // Supersede whatever is in flight now, without waiting for it.
    this.generation++;
    this.apply({ type: 'started', pending: 'cancelling' });
    return this.serialised(async () => {
      const client = this.client;
      const hash = this.phoneCodeHash;
      if (client && hash !== null) await client.cancelCode(this.phone, hash).catch(() => undefined);
      await this.abandonUnsaved();
      await this.dropClient();
      this.apply({ type: 'cancelled' });
      return this.card;
    });
  }

  private async acceptTerms(client: LoginClient, id: string): Promise<void> {
    await client.acceptTermsOfService(id).catch((error: unknown) => {
      this.deps.log('warn', `accepting the terms of service failed: ${this.toAppError(error).code}`);
    });
  }

  private async abandonUnsaved(): Promise<void> {
    const unsaved = this.unsaved;
    this.unsaved = null;
    if (unsaved) await this.deps.abandonSession(unsaved.secret);
  }

  private async failWith(generation: number, error: AppError): Promise<never> {
    if (generation !== this.generation) throw new AppFailure(appError('WRONG_STEP'));
    if (error.code === 'FLOOD_WAIT' && error.retryAt !== undefined) {
      await this.deps.recordFloodDeadline(this.phone, error.retryAt).catch((e: unknown) => {
        this.deps.log('warn', `could not record a flood deadline: ${this.toAppError(e).code}`);
      });
    }
    this.apply({ type: 'failed', error });
    if (isFinished(this.state)) await this.dropClient();
    throw new AppFailure(error);
  }

  private apply(event: LoginEvent): void {
    const next = nextState(this.state, event);
    if (next === this.state) return;
    const line = describeLoginChange(this.state, next);
    this.state = next;
    if (line) this.deps.log(line.level, line.message);
    this.deps.onChange(this.card);
  }

  private requireClient(): LoginClient {
    if (!this.client) throw new AppFailure(appError('WRONG_STEP'));
    return this.client;
  }

  private async dropClient(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    this.phoneCodeHash = null;
    await client.destroy().catch((error: unknown) => {
      this.deps.log('warn', `destroying a login client failed: ${this.toAppError(error).code}`);
    });
  }

  private toAppError(error: unknown): AppError {
    return toAppError(error, (description) => {
      this.deps.log('error', `login ${this.phone} failed unexpectedly: ${description}`);
    });
  }

  /** Runs a request that owns the card until it ends; `busy` refuses a second one meanwhile. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    this.busy = true;
    return this.serialised(async () => {
      try {
        return await task();
      } finally {
        this.busy = false;
      }
    });
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** A transient failure of a request that may have completed at Telegram: the caller checks before failing. */
class LostAnswer extends AppFailure {}
