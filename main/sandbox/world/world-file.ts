import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { normalizePhone } from './phone-numbers.ts';

/**
 * The world file: the accounts a sandbox starts with and its world-level settings, as JSON. Everything the
 * world is given, from a file or from code (`world.addAccount`), goes through these schemas, so a typo
 * (an unknown key, a code of letters, an email rung without an email) fails loudly at start-up with the
 * path of the bad value instead of surfacing later as a puzzling login.
 */

const seconds = z
  .int()
  .min(1)
  .max(10 * 365 * 86400);
const codeLength = z.int().min(4).max(12);
/** Seconds until resending is sensible; sent as the sentCode's `timeout`. */
const timeout = seconds.optional();

/**
 * One rung of a delivery ladder: how the code of one sendCode/resendCode is "delivered", i.e. which
 * auth.SentCodeType the client is told about. See code-delivery.ts for what each type means.
 */
export const rungSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('app'), length: codeLength.optional(), timeout }),
  z.strictObject({ type: z.literal('sms'), length: codeLength.optional(), timeout }),
  z.strictObject({ type: z.literal('call'), length: codeLength.optional(), timeout }),
  z.strictObject({
    type: z.literal('flashCall'),
    /** The caller number starts with these digits; the rest of it is the code. */
    prefix: z
      .string()
      .regex(/^\+?\d{1,10}$/, 'digits, optionally after a +')
      .optional(),
    length: codeLength.optional(),
    timeout,
  }),
  z.strictObject({
    type: z.literal('missedCall'),
    prefix: z
      .string()
      .regex(/^\+?\d{1,10}$/, 'digits, optionally after a +')
      .optional(),
    length: codeLength.optional(),
    timeout,
  }),
  z.strictObject({ type: z.literal('email'), length: codeLength.optional(), timeout }),
  z.strictObject({ type: z.literal('setUpEmail'), length: codeLength.optional(), timeout }),
  z.strictObject({
    type: z.literal('fragmentSms'),
    url: z.url().optional(),
    length: codeLength.optional(),
    timeout,
  }),
  z.strictObject({ type: z.literal('firebaseSms'), length: codeLength.optional(), timeout }),
  z.strictObject({
    type: z.literal('smsWord'),
    /** A fixed secret word; default a random one from a small list. */
    word: z
      .string()
      .regex(/^[a-zA-Z]{3,20}$/, 'one word of 3 to 20 letters')
      .optional(),
    timeout,
  }),
  z.strictObject({
    type: z.literal('smsPhrase'),
    /** A fixed secret phrase; default three random words. */
    phrase: z
      .string()
      .regex(/^[a-zA-Z]+( [a-zA-Z]+){1,5}$/, '2 to 6 words of letters separated by single spaces')
      .optional(),
    timeout,
  }),
]);

export type DeliveryRung = z.output<typeof rungSchema>;
export type RungType = DeliveryRung['type'];

/** App, then SMS, then a call, then 406 SEND_CODE_UNAVAILABLE. */
export const DEFAULT_LADDER: readonly DeliveryRung[] = [
  { type: 'app', timeout: 60 },
  { type: 'sms', timeout: 60 },
  { type: 'call', timeout: 60 },
];

const phone = z.string().refine((value) => normalizePhone(value) !== undefined, {
  error: 'not a phone number (7 to 15 digits, optionally with +, spaces, dashes or brackets)',
});

const ladder = z.array(rungSchema).min(1, 'a ladder needs at least one rung').max(32);

export const accountSchema = z
  .strictObject({
    phone,
    /** The user id; default the next free one. */
    id: z.int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    /** Home DC: sendCode anywhere else answers 303 PHONE_MIGRATE_X. Default: X for test numbers, else the world's newAccountDc. */
    dc: z.int().min(1).max(1000).optional(),
    /** false: the number has no account yet, so sign-in asks for sign-up. Default true. */
    registered: z.boolean().default(true),
    firstName: z.string().min(1).max(64).optional(),
    lastName: z.string().max(64).default(''),
    username: z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9_]{3,31}$/, '4 to 32 letters, digits or _, starting with a letter')
      .optional(),
    /** 2FA password (the server keeps only its SRP verifier). */
    password: z.string().min(1).max(256).optional(),
    passwordHint: z.string().max(128).optional(),
    /** Where email-code rungs deliver; also shown as login_email_pattern by account.getPassword. */
    loginEmail: z.email().optional(),
    /** sendCode answers 400 PHONE_NUMBER_BANNED. */
    banned: z.boolean().default(false),
    /** A fixed code for every digit-code rung; default random codes (X x5 for test numbers). */
    code: z
      .string()
      .regex(/^\d{4,12}$/, '4 to 12 digits')
      .optional(),
    /** Length of random codes; default the world's codeLength. */
    codeLength: codeLength.optional(),
    /** This account's delivery ladder; default the world's. */
    ladder: ladder.optional(),
    codeTtlSeconds: seconds.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.code !== undefined && a.codeLength !== undefined && a.code.length !== a.codeLength) {
      ctx.addIssue({ code: 'custom', path: ['codeLength'], message: 'differs from the length of `code`' });
    }
    if (a.passwordHint !== undefined && a.password === undefined) {
      ctx.addIssue({ code: 'custom', path: ['passwordHint'], message: 'a hint needs a `password`' });
    }
    if (a.ladder?.some((r) => r.type === 'email') && a.loginEmail === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['ladder'],
        message: 'an `email` rung needs a `loginEmail` (use `setUpEmail` to have the user add one)',
      });
    }
  });

export type AccountSpec = z.input<typeof accountSchema>;
export type AccountConfig = z.output<typeof accountSchema>;

const rateLimit = z.strictObject({ limit: z.int().min(1).max(1_000_000), windowSeconds: seconds });
export type RateLimit = z.output<typeof rateLimit>;

export const settingsSchema = z.strictObject({
  /** How long a code (and its phone_code_hash) can be used. */
  codeTtlSeconds: seconds.default(300),
  /** Length of random digit codes. */
  codeLength: codeLength.default(5),
  /** The ladder of every account that has none of its own. Must not contain `email` (not every account has one). */
  ladder: ladder
    .refine((l) => !l.some((r) => r.type === 'email'), {
      error: 'the world-wide ladder cannot use `email`: set it per account, with a loginEmail',
    })
    .default(() => [...DEFAULT_LADDER]),
  /** Any well-formed number that is not seeded may sign up (true), or is PHONE_NUMBER_INVALID (false). */
  openRegistration: z.boolean().default(true),
  /** Home DC of numbers that are neither seeded nor test numbers; default DC 2 if it runs, else the first DC. */
  newAccountDc: z.int().min(1).max(1000).optional(),
  limits: z
    .strictObject({
      /** Codes sent (by sendCode and by each resendCode) per phone. */
      codesSent: rateLimit.default({ limit: 5, windowSeconds: 3600 }),
      /** Wrong codes per phone before sign-in is refused with FLOOD_WAIT. */
      wrongCodes: rateLimit.default({ limit: 5, windowSeconds: 3600 }),
      /** Wrong 2FA passwords per account before checkPassword is refused with FLOOD_WAIT. */
      wrongPasswords: rateLimit.default({ limit: 5, windowSeconds: 3600 }),
    })
    .prefault({}),
  /** Lifetime of future auth tokens (auth.authorization / auth.loggedOut). */
  futureAuthTokenTtlSeconds: seconds.default(30 * 86400),
  /** Lifetime of QR login tokens (auth.exportLoginToken). */
  loginTokenTtlSeconds: seconds.default(30),
  /** The terms of service shown on sign-up. */
  termsOfService: z.string().min(1).default('Sandbox terms of service: nothing here is real.'),
});

export type WorldSettingsInput = z.input<typeof settingsSchema>;
export type WorldSettings = z.output<typeof settingsSchema>;

export const worldFileSchema = z.strictObject({
  settings: settingsSchema.prefault({}),
  accounts: z.array(accountSchema).default([]),
});

export type WorldFileInput = z.input<typeof worldFileSchema>;
export type WorldFile = z.output<typeof worldFileSchema>;

/** A world file (or world data from code) that does not match the schema; the message lists every problem. */
export class WorldFileError extends Error {
  override readonly name = 'WorldFileError';
}

function describe(error: z.ZodError, source: string): WorldFileError {
  return new WorldFileError(`${source} is not a valid sandbox world:\n${z.prettifyError(error)}`);
}

export function parseWorldFile(data: unknown, source = 'world data'): WorldFile {
  const result = worldFileSchema.safeParse(data);
  if (!result.success) throw describe(result.error, source);
  return result.data;
}

export function parseAccountSpec(spec: unknown): AccountConfig {
  const result = accountSchema.safeParse(spec);
  if (!result.success) throw describe(result.error, 'account');
  return result.data;
}

export function parseSettings(settings: unknown): WorldSettings {
  const result = settingsSchema.safeParse(settings);
  if (!result.success) throw describe(result.error, 'world settings');
  return result.data;
}

/** Reads and validates a JSON world file; throws WorldFileError naming the file and every bad value. */
export async function loadWorldFile(path: string): Promise<WorldFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new WorldFileError(`cannot read the world file ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (error) {
    throw new WorldFileError(`the world file ${path} is not JSON: ${(error as Error).message}`);
  }
  return parseWorldFile(data, `the world file ${path}`);
}
