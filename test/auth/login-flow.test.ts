import { describe, expect, it } from 'vitest';
import { LoginFlow, type LoginFlowDeps } from '../../main/auth/login-flow.ts';
import type { AccountSummary } from '../../main/contract/account.ts';
import { AppFailure, appError, type ErrorCode } from '../../main/contract/errors.ts';
import type {
  AuthOutcome,
  CompletedLogin,
  LoginClient,
  SendCodeOutcome,
  SessionSecret,
  TelegramGateway,
} from '../../main/telegram/gateway.ts';

/**
 * LoginFlow's paths that a real server makes hard to time: a request superseded by a cancel, an answer
 * that arrives after it, an answer lost on the way, a keychain that is locked when the login completes.
 * The client is scripted here (each call waits until the test answers it); the same flows against the
 * sandbox DC are in test/app/login-races.test.ts and test/telegram/lost-answers.test.ts.
 */
const PHONE = '+15550001234';
const NOW = 1_800_000_000_000;
const SENT: SendCodeOutcome = {
  kind: 'codeSent',
  phoneCodeHash: 'hash-1',
  view: {
    delivery: { kind: 'app', length: 5 },
    nextMedium: 'sms',
    resendAvailableAt: NOW + 60_000,
    sentAt: NOW,
  },
};
const LOGIN: CompletedLogin = {
  user: { userId: '42', phone: '15550001234', firstName: 'Ada', lastName: '', username: null },
  dcId: 2,
  futureAuthToken: null,
};
const SECRET: SessionSecret = { session: 'session-string', dcId: 2 };
const ACCOUNT: AccountSummary = {
  id: '42',
  phone: '+15550001234',
  firstName: 'Ada',
  lastName: '',
  username: null,
  dcId: 2,
  status: 'online',
  statusError: null,
};

interface Pending {
  readonly method: string;
  readonly args: readonly unknown[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** A LoginClient whose every call waits for the test to answer it. */
class ScriptedClient {
  readonly pending: Pending[] = [];
  readonly calls: string[] = [];
  /** Each call with its arguments, in order. */
  readonly seen: [string, readonly unknown[]][] = [];

  private call<T>(method: string, args: readonly unknown[]): Promise<T> {
    this.calls.push(method);
    this.seen.push([method, args]);
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ method, args, resolve: resolve, reject });
    });
  }

  /** Answers the oldest waiting call of `method`. */
  async answer(method: string, value: unknown): Promise<void> {
    await this.waitFor(method);
    const index = this.pending.findIndex((call) => call.method === method);
    const [call] = this.pending.splice(index, 1);
    call?.resolve(value);
  }

  async fail(method: string, code: ErrorCode): Promise<void> {
    await this.waitFor(method);
    const index = this.pending.findIndex((call) => call.method === method);
    const [call] = this.pending.splice(index, 1);
    call?.reject(new AppFailure(appError(code)));
  }

  /** Resolves once a call of `method` is waiting (the flow has sent it). */
  async waitFor(method: string): Promise<void> {
    for (let turn = 0; turn < 100 && !this.pending.some((call) => call.method === method); turn++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!this.pending.some((call) => call.method === method)) throw new Error(`no ${method} call waiting`);
  }

  readonly client: LoginClient = {
    sendCode: (phone, tokens) => this.call<SendCodeOutcome>('sendCode', [phone, tokens]),
    resendCode: (phone, hash) => this.call<SendCodeOutcome>('resendCode', [phone, hash]),
    signIn: (phone, hash, code) => this.call<AuthOutcome>('signIn', [phone, hash, code]),
    signInWithEmailCode: (phone, hash, code) =>
      this.call<AuthOutcome>('signInWithEmailCode', [phone, hash, code]),
    checkPassword: (password) => this.call<AuthOutcome>('checkPassword', [password]),
    signUp: (phone, hash, first, last) => this.call<AuthOutcome>('signUp', [phone, hash, first, last]),
    acceptTermsOfService: (id) => this.call<undefined>('acceptTermsOfService', [id]),
    sendLoginEmailCode: (phone, hash, email) =>
      this.call<{ emailPattern: string; length: number }>('sendLoginEmailCode', [phone, hash, email]),
    verifyLoginEmail: (phone, hash, code) =>
      this.call<SendCodeOutcome>('verifyLoginEmail', [phone, hash, code]),
    signedInUser: () => this.call<CompletedLogin | null>('signedInUser', []),
    logOut: () => this.call<undefined>('logOut', []),
    cancelCode: (phone, hash) => this.call<undefined>('cancelCode', [phone, hash]),
    exportSession: () => Promise.resolve(SECRET),
    destroy: () => {
      this.calls.push('destroy');
      return Promise.resolve();
    },
  };
}

interface Setup {
  readonly flow: LoginFlow;
  readonly remote: ScriptedClient;
  readonly stored: SessionSecret[];
  readonly keychain: { locked: boolean };
}

function setUp(): Setup {
  const remote = new ScriptedClient();
  const gateway: TelegramGateway = {
    startLogin: () => Promise.resolve(remote.client),
    openAccount: () => {
      throw new Error('no accounts in these tests');
    },
  };
  const stored: SessionSecret[] = [];
  const keychain = { locked: false };
  const deps: LoginFlowDeps = {
    gateway: () => Promise.resolve(gateway),
    futureTokens: () => Promise.resolve([]),
    floodDeadline: () => null,
    recordFloodDeadline: () => Promise.resolve(),
    completeLogin: (_login, secret) => {
      if (keychain.locked) return Promise.reject(new AppFailure(appError('KEYCHAIN_UNAVAILABLE')));
      stored.push(secret);
      return Promise.resolve(ACCOUNT);
    },
    abandonSession: () => Promise.resolve(),
    now: () => NOW,
    onChange: () => undefined,
    log: () => undefined,
  };
  return { flow: new LoginFlow('card-1', PHONE, NOW, deps), remote, stored, keychain };
}

/** A flow whose code was sent. */
async function atCodeSent(): Promise<Setup> {
  const setup = setUp();
  const begun = setup.flow.begin();
  await setup.remote.answer('sendCode', SENT);
  expect((await begun).state.step).toBe('codeSent');
  return setup;
}

const codeOf = (promise: Promise<unknown>): Promise<ErrorCode> =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => (error instanceof AppFailure ? error.error.code : 'INTERNAL'),
  );

describe('LoginFlow', () => {
  it('refuses a second request at once while the first is in flight', async () => {
    const { flow, remote } = await atCodeSent();
    const first = flow.perform({ type: 'submitCode', code: '12345' });
    expect(await codeOf(flow.perform({ type: 'submitCode', code: '12345' }))).toBe('WRONG_STEP');
    await remote.answer('signIn', { kind: 'signedIn', login: LOGIN });
    expect((await first).state.step).toBe('signedIn');
  });

  it('a cancel supersedes a sign-in in flight; the login it completes is logged out, never stored', async () => {
    const setup = await atCodeSent();
    const { flow, remote } = setup;
    const signIn = flow.perform({ type: 'submitCode', code: '12345' });
    await remote.waitFor('signIn');
    const cancelled = flow.perform({ type: 'cancel' });
    await remote.answer('signIn', { kind: 'signedIn', login: LOGIN });
    // The answer came after the cancel: the session it carries is ended at Telegram first.
    await remote.answer('logOut', undefined);
    expect(await codeOf(signIn)).toBe('WRONG_STEP');
    await remote.answer('cancelCode', undefined);
    expect((await cancelled).state.step).toBe('cancelled');
    expect(setup.stored).toEqual([]);
    expect(remote.calls).toEqual(['sendCode', 'signIn', 'logOut', 'cancelCode', 'destroy']);
  });

  it('a cancel during the first sendCode cancels the code that arrives late, with its hash', async () => {
    const { flow, remote } = setUp();
    const begun = flow.begin();
    await remote.waitFor('sendCode');
    const cancelled = flow.perform({ type: 'cancel' });
    await remote.answer('sendCode', SENT);
    expect(await codeOf(begun)).toBe('WRONG_STEP');
    await remote.answer('cancelCode', undefined);
    expect((await cancelled).state.step).toBe('cancelled');
    expect(remote.calls).toEqual(['sendCode', 'cancelCode', 'destroy']);
    expect(remote.seen).toContainEqual(['cancelCode', [PHONE, 'hash-1']]);
  });

  it('a lost sign-in answer: asks whether the key signed in, and stores the login it finds', async () => {
    const setup = await atCodeSent();
    const { flow, remote } = setup;
    const signIn = flow.perform({ type: 'submitCode', code: '12345' });
    await remote.fail('signIn', 'TIMEOUT');
    await remote.answer('signedInUser', LOGIN);
    expect((await signIn).state.step).toBe('signedIn');
    expect(setup.stored).toEqual([SECRET]);
  });

  it('a lost answer with no login behind it fails the card with the lost answer’s code', async () => {
    const { flow, remote } = await atCodeSent();
    const signIn = flow.perform({ type: 'submitCode', code: '12345' });
    await remote.fail('signIn', 'NETWORK_UNAVAILABLE');
    await remote.answer('signedInUser', null);
    expect(await codeOf(signIn)).toBe('NETWORK_UNAVAILABLE');
    expect(flow.card.state.step).toBe('codeSent');
  });

  it('keeps a completed login while the keychain is locked, and stores it on the next request', async () => {
    const setup = await atCodeSent();
    const { flow, remote } = setup;
    setup.keychain.locked = true;
    const signIn = flow.perform({ type: 'submitCode', code: '12345' });
    await remote.answer('signIn', { kind: 'signedIn', login: LOGIN });
    expect(await codeOf(signIn)).toBe('KEYCHAIN_UNAVAILABLE');
    expect(setup.stored).toEqual([]);

    setup.keychain.locked = false;
    const retried = await flow.perform({ type: 'retry' });
    expect(retried.state.step).toBe('signedIn');
    expect(setup.stored).toEqual([SECRET]);
    // No second sign-in: the login Telegram completed was kept, not asked for again.
    expect(remote.calls.filter((call) => call === 'signIn')).toHaveLength(1);
  });
});
