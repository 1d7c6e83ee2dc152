import type { AccountSummary } from '../domain/account.ts';
import { AppFailure, appError, type AppError } from '../domain/errors.ts';
import type { LoginCard, LoginPending, LoginState } from '../domain/login-state.ts';
import type {
  AuthOutcome,
  CompletedLogin,
  LoginClient,
  SendCodeOutcome,
  SessionSecret,
  TelegramGateway,
} from '../telegram/gateway.ts';
import { checkAction, initialState, isFinished, nextState, type LoginEvent } from './login-machine.ts';
import { actionOf, type LoginRequest } from './login-request.ts';

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
  readonly now: () => number;
  readonly onChange: (card: LoginCard) => void;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** A login Telegram completed that could not be stored yet (keychain locked): kept in memory, never lost. */
interface UnsavedLogin {
  readonly login: CompletedLogin;
  readonly secret: SessionSecret;
}

/**
 * One login card: one GramJS client from sendCode until the account is stored, because a phone_code_hash
 * only works from the auth key that requested it. Requests run one at a time; a cancel or retry makes
 * the answers of anything still in flight irrelevant (they are dropped by generation).
 */
export class LoginFlow {
  private state: LoginState;
  private client: LoginClient | null = null;
  private phoneCodeHash: string | null = null;
  private unsaved: UnsavedLogin | null = null;
  private generation = 0;
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
    return this.serialised(() => this.sendFirstCode(this.generation));
  }

  /** Performs a user's request; rejects with AppFailure when it is not allowed or Telegram refused it. */
  perform(request: LoginRequest): Promise<LoginCard> {
    if (request.type === 'cancel') return this.cancel();
    return this.serialised(async () => {
      const refusal = checkAction(this.state, actionOf(request), this.deps.now());
      if (refusal && !(this.unsaved && refusal.code === 'WRONG_STEP')) throw new AppFailure(refusal);
      if (this.unsaved) return this.store(this.unsaved, this.generation);
      return this.run(request);
    });
  }

  /** Destroys the client without asking Telegram anything (the app is closing or the card is dismissed). */
  async dispose(): Promise<void> {
    this.generation++;
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
        return this.step(
          generation,
          'resendingCode',
          (client, hash) => client.resendCode(this.phone, hash),
          'send',
        );
      case 'submitCode': {
        const viaEmail = this.state.step === 'codeSent' && this.state.sentCode.delivery.kind === 'email';
        const code = request.code.trim();
        return this.step(
          generation,
          'signingIn',
          (client, hash) =>
            viaEmail
              ? client.signInWithEmailCode(this.phone, hash, code)
              : client.signIn(this.phone, hash, code),
          'auth',
        );
      }
      case 'submitPassword':
        return this.step(
          generation,
          'checkingPassword',
          (client) => client.checkPassword(request.password),
          'auth',
        );
      case 'signUp': {
        const terms = this.state.step === 'signUpNeeded' ? this.state.termsOfService : null;
        if (terms && !request.acceptTerms) throw new AppFailure(appError('BAD_INPUT'));
        return this.step(
          generation,
          'signingUp',
          async (client, hash) => {
            const outcome = await client.signUp(
              this.phone,
              hash,
              request.firstName.trim(),
              request.lastName.trim(),
            );
            if (terms) await client.acceptTermsOfService(terms.id);
            return outcome;
          },
          'auth',
        );
      }
      case 'setUpEmail':
        return this.step(
          generation,
          'sendingEmailCode',
          async (client, hash) => {
            const sent = await client.sendLoginEmailCode(this.phone, hash, request.email.trim());
            return { kind: 'emailCode' as const, ...sent };
          },
          'email',
        );
      case 'verifyEmail':
        return this.step(
          generation,
          'verifyingEmail',
          (client, hash) => client.verifyLoginEmail(this.phone, hash, request.code.trim()),
          'send',
        );
    }
  }

  private async sendFirstCode(generation: number): Promise<LoginCard> {
    const deadline = this.deps.floodDeadline(this.phone);
    if (deadline !== null) return this.failWith(generation, appError('FLOOD_WAIT', { retryAt: deadline }));
    try {
      const gateway = await this.deps.gateway();
      const tokens = await this.deps.futureTokens(this.phone);
      const client = await gateway.startLogin(this.id);
      if (generation !== this.generation) {
        await client.destroy();
        return this.card;
      }
      this.client = client;
      const outcome = await client.sendCode(this.phone, tokens);
      return await this.afterSend(generation, outcome);
    } catch (error) {
      return this.failWith(generation, await this.toAppError(error));
    }
  }

  /** Runs one Telegram request of the current step and applies its answer. */
  private async step<T extends SendCodeOutcome | AuthOutcome | EmailCodeOutcome>(
    generation: number,
    pending: LoginPending,
    call: (client: LoginClient, phoneCodeHash: string) => Promise<T>,
    kind: 'send' | 'auth' | 'email',
  ): Promise<LoginCard> {
    const client = this.client;
    const hash = this.phoneCodeHash;
    if (!client || hash === null) throw new AppFailure(appError('WRONG_STEP'));
    this.apply({ type: 'started', pending });
    let outcome: T;
    try {
      outcome = await call(client, hash);
    } catch (error) {
      return this.failWith(generation, await this.toAppError(error));
    }
    if (generation !== this.generation) return this.card;
    switch (kind) {
      case 'send':
        return this.afterSend(generation, outcome as SendCodeOutcome);
      case 'auth':
        return this.afterAuth(generation, outcome as AuthOutcome);
      case 'email': {
        const sent = outcome as EmailCodeOutcome;
        this.apply({ type: 'emailCodeSent', emailPattern: sent.emailPattern, length: sent.length });
        return this.card;
      }
    }
  }

  private async afterSend(generation: number, outcome: SendCodeOutcome): Promise<LoginCard> {
    if (generation !== this.generation) return this.card;
    switch (outcome.kind) {
      case 'codeSent':
        this.phoneCodeHash = outcome.phoneCodeHash;
        this.apply({ type: 'codeSent', sentCode: outcome.view });
        return this.card;
      case 'passwordNeeded':
        this.apply({ type: 'passwordNeeded', hint: outcome.hint });
        return this.card;
      case 'signedIn':
        return this.finishLogin(generation, outcome.login);
    }
  }

  private async afterAuth(generation: number, outcome: AuthOutcome): Promise<LoginCard> {
    switch (outcome.kind) {
      case 'signedIn':
        return this.finishLogin(generation, outcome.login);
      case 'passwordNeeded':
        this.apply({ type: 'passwordNeeded', hint: outcome.hint });
        return this.card;
      case 'signUpNeeded':
        this.apply({ type: 'signUpNeeded', termsOfService: outcome.termsOfService });
        return this.card;
    }
  }

  private async finishLogin(generation: number, login: CompletedLogin): Promise<LoginCard> {
    const client = this.client;
    if (!client) throw new AppFailure(appError('INTERNAL'));
    return this.store({ login, secret: client.exportSession() }, generation);
  }

  /** Hands the session to the keychain and the account list; on failure keeps it in memory for a retry. */
  private async store(unsaved: UnsavedLogin, generation: number): Promise<LoginCard> {
    let account: AccountSummary;
    // The login client goes first: exactly one live client per session (AUTH_KEY_DUPLICATED otherwise).
    await this.dropClient();
    try {
      account = await this.deps.completeLogin(unsaved.login, unsaved.secret);
    } catch (error) {
      const appErr = await this.toAppError(error);
      if (appErr.code === 'KEYCHAIN_UNAVAILABLE') {
        this.unsaved = unsaved;
        this.apply({ type: 'failed', error: appErr });
        throw new AppFailure(appErr);
      }
      this.unsaved = null;
      return this.failWith(generation, appErr);
    }
    this.unsaved = null;
    this.phoneCodeHash = null;
    this.apply({ type: 'signedIn', account });
    return this.card;
  }

  private async cancel(): Promise<LoginCard> {
    const refusal = checkAction(this.state, { type: 'cancel' }, this.deps.now());
    if (refusal) throw new AppFailure(refusal);
    // Invalidate whatever is in flight now, without waiting for it.
    this.generation++;
    this.unsaved = null;
    this.apply({ type: 'started', pending: 'cancelling' });
    return this.serialised(async () => {
      const client = this.client;
      const hash = this.phoneCodeHash;
      if (client && hash !== null) await client.cancelCode(this.phone, hash).catch(() => undefined);
      await this.dropClient();
      this.apply({ type: 'cancelled' });
      return this.card;
    });
  }

  private async failWith(generation: number, error: AppError): Promise<LoginCard> {
    if (generation !== this.generation) return this.card;
    if (error.code === 'FLOOD_WAIT' && error.retryAt !== undefined) {
      await this.deps.recordFloodDeadline(this.phone, error.retryAt).catch((e: unknown) => {
        this.deps.log('warn', `could not record a flood deadline: ${describe(e)}`);
      });
    }
    this.apply({ type: 'failed', error });
    if (isFinished(this.state)) await this.dropClient();
    throw new AppFailure(error);
  }

  private apply(event: LoginEvent): void {
    const next = nextState(this.state, event);
    if (next === this.state) return;
    this.state = next;
    this.deps.onChange(this.card);
  }

  private async dropClient(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    this.phoneCodeHash = null;
    await client.destroy().catch((error: unknown) => {
      this.deps.log('warn', `destroying a login client failed: ${describe(error)}`);
    });
  }

  private toAppError(error: unknown): Promise<AppError> {
    if (error instanceof AppFailure) return Promise.resolve(error.error);
    this.deps.log('error', `login ${this.id} failed unexpectedly: ${describe(error)}`);
    return Promise.resolve(appError('INTERNAL'));
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

interface EmailCodeOutcome {
  readonly kind: 'emailCode';
  readonly emailPattern: string;
  readonly length: number;
}

/** An error's class and message for logs; callers never pass secrets into errors. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
}
