import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api } from 'telegram';
import { Raw } from 'telegram/events';
import { startSandbox, type DeliveryRung, type Sandbox } from '../../main/sandbox/index.ts';
import { ClientPool } from '../support/gram-client.ts';
import {
  expectAuthorization,
  failure,
  rpcError,
  sentCode,
  signIn,
  signedInClient,
  userOf,
} from '../support/login.ts';

/** Delivery ladders: every auth.SentCodeType of layer 198, next_type/timeout, sign-in with each, 777000 codes. */

const FULL_LADDER: DeliveryRung[] = [
  { type: 'app', length: 6, timeout: 30 },
  { type: 'sms', timeout: 40 },
  { type: 'call', timeout: 50 },
  { type: 'flashCall', prefix: '+4470', timeout: 61 },
  { type: 'missedCall', prefix: '+4471', length: 4, timeout: 62 },
  { type: 'email', length: 6, timeout: 63 },
  { type: 'setUpEmail', timeout: 64 },
  { type: 'fragmentSms', url: 'https://fragment.com/number/88800001111/code', timeout: 65 },
  { type: 'firebaseSms', timeout: 66 },
  { type: 'smsWord', word: 'falcon', timeout: 67 },
  { type: 'smsPhrase', phrase: 'quiet blue river' },
];

/** One account per code type, whose ladder starts with it; numbers +1 555 000 2xyy. */
const SINGLE: Record<string, { phone: string; ladder: DeliveryRung[] }> = {
  app: { phone: '+15550002101', ladder: [{ type: 'app' }] },
  sms: { phone: '+15550002102', ladder: [{ type: 'sms' }] },
  call: { phone: '+15550002103', ladder: [{ type: 'call', length: 7 }] },
  flashCall: { phone: '+15550002104', ladder: [{ type: 'flashCall', prefix: '+4470' }] },
  missedCall: { phone: '+15550002105', ladder: [{ type: 'missedCall', prefix: '+4471', length: 4 }] },
  email: { phone: '+15550002106', ladder: [{ type: 'email' }] },
  fragmentSms: { phone: '+15550002108', ladder: [{ type: 'fragmentSms' }] },
  firebaseSms: { phone: '+15550002109', ladder: [{ type: 'firebaseSms' }] },
  smsWord: { phone: '+15550002110', ladder: [{ type: 'smsWord' }] },
  smsPhrase: { phone: '+15550002111', ladder: [{ type: 'smsPhrase' }] },
};
const SET_UP_EMAIL = '+15550002107';
const FULL = '+15550002001';
const LISTENER = '+15550002200';

let sandbox: Sandbox;
let pool: ClientPool;

beforeAll(async () => {
  sandbox = await startSandbox({
    world: {
      settings: { limits: { codesSent: { limit: 100, windowSeconds: 3600 } } },
      accounts: [
        { phone: FULL, ladder: FULL_LADDER, loginEmail: 'full@example.com' },
        ...Object.values(SINGLE).map(({ phone, ladder }) => ({
          phone,
          ladder,
          ...(ladder[0]?.type === 'email' ? { loginEmail: 'mail.user@example.org' } : {}),
        })),
        { phone: SET_UP_EMAIL, ladder: [{ type: 'setUpEmail', length: 6 }, { type: 'sms' }] },
        { phone: LISTENER, firstName: 'Lena' },
      ],
    },
  });
  pool = new ClientPool(sandbox);
});
afterEach(async () => {
  await pool.destroyClients();
});
afterAll(async () => {
  await sandbox.close();
});

function asSentCode(result: Api.auth.TypeSentCode): Api.auth.SentCode {
  if (!(result instanceof Api.auth.SentCode))
    throw new Error(`expected auth.sentCode, got ${result.className}`);
  return result;
}

describe('a ladder through all 11 SentCodeTypes', () => {
  it('answers each rung with its type, the next rung’s CodeType (if it has one) and its timeout', async () => {
    const client = await pool.connected({ dcId: 2 });
    const expected: [unknown, unknown, number | null][] = [
      [Api.auth.SentCodeTypeApp, Api.auth.CodeTypeSms, 30],
      [Api.auth.SentCodeTypeSms, Api.auth.CodeTypeCall, 40],
      [Api.auth.SentCodeTypeCall, Api.auth.CodeTypeFlashCall, 50],
      [Api.auth.SentCodeTypeFlashCall, Api.auth.CodeTypeMissedCall, 61],
      // email and setUpEmail have no CodeType: next_type is left out, the timeout still says "resend possible".
      [Api.auth.SentCodeTypeMissedCall, null, 62],
      [Api.auth.SentCodeTypeEmailCode, null, 63],
      [Api.auth.SentCodeTypeSetUpEmailRequired, Api.auth.CodeTypeFragmentSms, 64],
      [Api.auth.SentCodeTypeFragmentSms, Api.auth.CodeTypeSms, 65],
      [Api.auth.SentCodeTypeFirebaseSms, Api.auth.CodeTypeSms, 66],
      [Api.auth.SentCodeTypeSmsWord, Api.auth.CodeTypeSms, 67],
      [Api.auth.SentCodeTypeSmsPhrase, null, null],
    ];
    let sent = asSentCode(await sentCode(client, FULL));
    const hashes = new Set<string>();
    for (const [index, [type, nextType, timeout]] of expected.entries()) {
      if (index > 0) {
        sent = asSentCode(
          await client.invoke(
            new Api.auth.ResendCode({ phoneNumber: FULL, phoneCodeHash: sent.phoneCodeHash }),
          ),
        );
      }
      expect(sent.type, `rung ${index}`).toBeInstanceOf(type);
      if (nextType === null) expect(sent.nextType, `rung ${index}`).toBeNull();
      else expect(sent.nextType, `rung ${index}`).toBeInstanceOf(nextType);
      expect(sent.timeout, `rung ${index}`).toBe(timeout);
      hashes.add(sent.phoneCodeHash);
    }
    expect(hashes.size).toBe(11);
    expect(sandbox.world.outbox.entries(FULL).map((e) => e.kind)).toEqual([
      'app',
      'sms',
      'call',
      'flashCall',
      'missedCall',
      'email',
      'fragmentSms',
      'firebaseSms',
      'smsWord',
      'smsPhrase',
    ]);
    await rpcError(
      client.invoke(new Api.auth.ResendCode({ phoneNumber: FULL, phoneCodeHash: sent.phoneCodeHash })),
      'SEND_CODE_UNAVAILABLE',
      406,
    );
    expect(
      userOf(expectAuthorization(await signIn(client, FULL, sent.phoneCodeHash, 'QUIET  blue river'))),
    ).toBeTruthy();
  });
});

describe('signing in with each code type', () => {
  async function start(kind: keyof typeof SINGLE): Promise<{
    client: Awaited<ReturnType<ClientPool['connected']>>;
    phone: string;
    sent: Api.auth.SentCode;
  }> {
    const { phone } = SINGLE[kind] ?? { phone: '' };
    const client = await pool.connected({ dcId: 2 });
    return { client, phone, sent: asSentCode(await sentCode(client, phone)) };
  }

  function delivered(phone: string): { code: string; caller?: string; email?: string; text: string } {
    const entry = sandbox.world.outbox.last(phone);
    if (!entry) throw new Error(`nothing delivered to ${phone}`);
    return entry;
  }

  it.each(['app', 'sms', 'call', 'fragmentSms', 'firebaseSms'] as const)(
    '%s: digits of the announced length',
    async (kind) => {
      const { client, phone, sent } = await start(kind);
      const { code } = delivered(phone);
      const length = (sent.type as { length: number }).length;
      expect(code).toMatch(new RegExp(`^\\d{${length}}$`));
      expect(length).toBe(kind === 'call' ? 7 : 5);
      if (kind === 'fragmentSms') {
        expect((sent.type as Api.auth.SentCodeTypeFragmentSms).url).toBe('https://fragment.com/numbers');
      }
      expectAuthorization(await signIn(client, phone, sent.phoneCodeHash, code));
    },
  );

  it('flashCall: the code is the whole caller number, which matches the pattern', async () => {
    const { client, phone, sent } = await start('flashCall');
    const pattern = (sent.type as Api.auth.SentCodeTypeFlashCall).pattern;
    expect(pattern).toBe('+4470*****');
    const { caller, code } = delivered(phone);
    expect(caller).toMatch(/^\+4470\d{5}$/);
    expect(code).toBe(caller?.slice(1));
    await rpcError(signIn(client, phone, sent.phoneCodeHash, (caller ?? '').slice(-5)), 'PHONE_CODE_INVALID');
    expectAuthorization(await signIn(client, phone, sent.phoneCodeHash, caller ?? ''));
  });

  it('missedCall: the code is the last `length` digits of the caller number, which starts with `prefix`', async () => {
    const { client, phone, sent } = await start('missedCall');
    const type = sent.type as Api.auth.SentCodeTypeMissedCall;
    expect([type.prefix, type.length]).toEqual(['+4471', 4]);
    const { caller } = delivered(phone);
    expect(caller).toMatch(/^\+4471\d{4}$/);
    expectAuthorization(await signIn(client, phone, sent.phoneCodeHash, (caller ?? '').slice(-4)));
  });

  it('email: the code goes to the login email and is given as email_verification', async () => {
    const { client, phone, sent } = await start('email');
    const type = sent.type as Api.auth.SentCodeTypeEmailCode;
    expect([type.emailPattern, type.length]).toEqual(['m***@example.org', 5]);
    const { code, email } = delivered(phone);
    expect(email).toBe('mail.user@example.org');
    // As a phone_code it is simply wrong; the hash stays usable.
    await rpcError(signIn(client, phone, sent.phoneCodeHash, code), 'PHONE_CODE_INVALID', 400);
    const authorization = await client.invoke(
      new Api.auth.SignIn({
        phoneNumber: phone,
        phoneCodeHash: sent.phoneCodeHash,
        emailVerification: new Api.EmailVerificationCode({ code }),
      }),
    );
    expectAuthorization(authorization);
  });

  it('setUpEmail: add a login email, verify it, then sign in with the code sent there', async () => {
    const phone = SET_UP_EMAIL;
    const client = await pool.connected({ dcId: 2 });
    const sent = asSentCode(await sentCode(client, phone));
    expect(sent.type).toBeInstanceOf(Api.auth.SentCodeTypeSetUpEmailRequired);
    expect(sent.nextType).toBeInstanceOf(Api.auth.CodeTypeSms);
    expect(sandbox.world.outbox.entries(phone)).toEqual([]);
    const purpose = new Api.EmailVerifyPurposeLoginSetup({
      phoneNumber: phone,
      phoneCodeHash: sent.phoneCodeHash,
    });

    await rpcError(
      client.invoke(new Api.account.SendVerifyEmailCode({ purpose, email: 'not-an-email' })),
      'EMAIL_INVALID',
      400,
    );
    // GramJS 2.26.22 cannot take this answer through invoke(): account.sentEmailCode has a numeric
    // `length` field, so its entity cache mistakes the result for an array and throws. (Canary: if this
    // starts to pass, GramJS fixed it.) The raw sender shows what the sandbox answered.
    const request = new Api.account.SendVerifyEmailCode({ purpose, email: 'new.box@example.net' });
    const bug = await failure(client.invoke(request));
    expect(bug).toBeInstanceOf(TypeError);
    expect((bug as TypeError).message).toBe('entities is not iterable');
    const emailSent = await client._sender?.send(
      new Api.account.SendVerifyEmailCode({ purpose, email: 'new.box@example.net' }),
    );
    if (!(emailSent instanceof Api.account.SentEmailCode)) throw new Error('expected account.sentEmailCode');
    expect([emailSent.emailPattern, emailSent.length]).toEqual(['n***@example.net', 6]);
    expect(sandbox.world.outbox.entries(phone).map((e) => e.kind)).toEqual([
      'emailVerification',
      'emailVerification',
    ]);
    const verification = sandbox.world.outbox.last(phone);
    expect(verification).toMatchObject({ kind: 'emailVerification', email: 'new.box@example.net' });

    await rpcError(
      client.invoke(
        new Api.account.VerifyEmail({
          purpose,
          verification: new Api.EmailVerificationCode({ code: '000000' }),
        }),
      ),
      'CODE_INVALID',
      400,
    );
    const verified = await client.invoke(
      new Api.account.VerifyEmail({
        purpose,
        verification: new Api.EmailVerificationCode({ code: verification?.code ?? '' }),
      }),
    );
    if (!(verified instanceof Api.account.EmailVerifiedLogin))
      throw new Error('expected account.emailVerifiedLogin');
    expect(verified.email).toBe('new.box@example.net');
    const login = asSentCode(verified.sentCode);
    expect(login.type).toBeInstanceOf(Api.auth.SentCodeTypeEmailCode);
    expect((login.type as Api.auth.SentCodeTypeEmailCode).emailPattern).toBe('n***@example.net');
    expect(login.phoneCodeHash).not.toBe(sent.phoneCodeHash);
    expect(sandbox.world.account(phone)?.loginEmail).toBe('new.box@example.net');

    const loginCode = sandbox.world.outbox.last(phone);
    expect(loginCode).toMatchObject({
      kind: 'email',
      email: 'new.box@example.net',
      phoneCodeHash: login.phoneCodeHash,
    });
    expectAuthorization(
      await client.invoke(
        new Api.auth.SignIn({
          phoneNumber: phone,
          phoneCodeHash: login.phoneCodeHash,
          emailVerification: new Api.EmailVerificationCode({ code: loginCode?.code ?? '' }),
        }),
      ),
    );
  });

  it('smsWord: beginning is the first letter; the word is the code (any case)', async () => {
    const { client, phone, sent } = await start('smsWord');
    const { code } = delivered(phone);
    expect(code).toMatch(/^[a-z]{3,}$/);
    expect((sent.type as Api.auth.SentCodeTypeSmsWord).beginning).toBe(code.slice(0, 1));
    await rpcError(signIn(client, phone, sent.phoneCodeHash, `${code}x`), 'PHONE_CODE_INVALID');
    expectAuthorization(await signIn(client, phone, sent.phoneCodeHash, code.toUpperCase()));
  });

  it('smsPhrase: beginning is the first word; the phrase is the code', async () => {
    const { client, phone, sent } = await start('smsPhrase');
    const { code } = delivered(phone);
    const words = code.split(' ');
    expect(words).toHaveLength(3);
    expect((sent.type as Api.auth.SentCodeTypeSmsPhrase).beginning).toBe(words[0]);
    await rpcError(
      signIn(client, phone, sent.phoneCodeHash, words.slice(0, 2).join(' ')),
      'PHONE_CODE_INVALID',
    );
    expectAuthorization(await signIn(client, phone, sent.phoneCodeHash, ` ${words.join('  ')} `));
  });
});

describe('app codes reach the account’s other sessions', () => {
  it('delivers an app code as a message from 777000 to another signed-in client', async () => {
    const { client: listener, authorization } = await signedInClient(pool, sandbox, LISTENER, 2);
    const self = userOf(authorization);
    const received = new Promise<Api.UpdateNewMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error('no 777000 message within 5 s'));
      }, 5000);
      listener.addEventHandler((update: unknown) => {
        if (update instanceof Api.UpdateNewMessage) {
          clearTimeout(timer);
          resolve(update);
        }
      }, new Raw({}));
    });

    const newDevice = await pool.connected({ dcId: 2 });
    const sent = asSentCode(await sentCode(newDevice, LISTENER));
    expect(sent.type).toBeInstanceOf(Api.auth.SentCodeTypeApp);
    const update = await received;
    const code = sandbox.world.outbox.lastCode(LISTENER) ?? '';
    expect(code).toMatch(/^\d{5}$/);
    const message = update.message as Api.Message;
    expect(message).toBeInstanceOf(Api.Message);
    expect(message.message).toContain(`Login code: ${code}.`);
    expect((message.peerId as Api.PeerUser).userId.toString()).toBe('777000');
    expect(update.pts).toBeGreaterThan(0);

    // The code read from that message logs the new device in as the same user.
    const user = userOf(expectAuthorization(await signIn(newDevice, LISTENER, sent.phoneCodeHash, code)));
    expect(user.id.toString()).toBe(self.id.toString());
  });
});
