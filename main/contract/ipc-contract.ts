import { z } from 'zod';
import { AccountSummarySchema } from './account.ts';
import { AppErrorSchema, type ErrorCode } from './errors.ts';
import { LoginCardSchema } from './login-state.ts';
import { PhoneNumberSchema } from './phone.ts';
import { ServerProfileSchema } from './server-profile.ts';
import type { EventChannel, InvokeChannel } from './channels.ts';

/**
 * The one IPC contract: every channel's input and output schema, and every event's payload schema. Main
 * validates both directions with it; preload and renderer take their types from it. Outputs are parsed
 * too, and zod objects drop unknown keys, so nothing outside these shapes (a session, a token) can
 * reach the renderer by accident.
 */
const LoginId = z.object({ loginId: z.uuid() }).strict();

/**
 * For a field the user types: when a well-formed request breaks this rule, the dispatcher answers with
 * this error code and its sentence (see dispatcher.ts), never with zod's own text.
 */
const userError = (code: ErrorCode): { readonly error: ErrorCode } => ({ error: code });

/**
 * What a user can ask of a login card, with what each request carries. The one source of the login steps:
 * LoginRequest (main/auth), the machine's LoginAction and the renderer's perform() are derived from it.
 */
export const LoginRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('resendCode') }),
  z.strictObject({
    type: z.literal('submitCode'),
    code: z.string().min(1, userError('PHONE_CODE_EMPTY')).max(64, userError('PHONE_CODE_INVALID')),
  }),
  z.strictObject({
    type: z.literal('submitPassword'),
    password: z.string().min(1, userError('PASSWORD_EMPTY')).max(256, userError('PASSWORD_HASH_INVALID')),
  }),
  z.strictObject({
    type: z.literal('signUp'),
    firstName: z
      .string()
      .trim()
      .min(1, userError('FIRSTNAME_INVALID'))
      .max(64, userError('FIRSTNAME_INVALID')),
    lastName: z.string().trim().max(64, userError('LASTNAME_INVALID')),
    /** Required when Telegram showed terms of service. */
    acceptTerms: z.boolean(),
  }),
  z.strictObject({
    type: z.literal('setUpEmail'),
    email: z.email(userError('EMAIL_INVALID')).max(254, userError('EMAIL_INVALID')),
  }),
  z.strictObject({
    type: z.literal('verifyEmail'),
    code: z.string().regex(/^\d{4,12}$/, userError('EMAIL_CODE_INVALID')),
  }),
  z.strictObject({ type: z.literal('cancel') }),
  z.strictObject({ type: z.literal('retry') }),
]);
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

const Empty = z.object({}).strict();

export const SettingsViewSchema = z.object({
  /** The API ID for the current server profile (each server has its own credentials). */
  apiId: z.number().int().nullable(),
  /** The hash itself is a secret and never leaves main. */
  hasApiHash: z.boolean(),
  serverProfile: ServerProfileSchema,
  /** Why the keychain could not be read (then hasApiHash is false), or null. */
  keychainError: AppErrorSchema.nullable(),
  /** "Check for updates automatically" (the installed app only; never in demo mode). */
  autoUpdate: z.boolean(),
  /** The folder of the log files (Settings' "Open log folder"), or null when the app keeps no log file. */
  logFolder: z.string().nullable(),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export const contract = {
  'settings:get': { input: Empty, output: SettingsViewSchema },
  'settings:setApiCredentials': {
    input: z
      .object({
        apiId: z
          .number(userError('API_ID_INVALID'))
          .int(userError('API_ID_INVALID'))
          .min(1, userError('API_ID_INVALID'))
          .max(2_147_483_647, userError('API_ID_INVALID')),
        apiHash: z
          .string(userError('API_ID_INVALID'))
          .regex(/^[0-9a-fA-F]{32}$/, userError('API_ID_INVALID')),
      })
      .strict(),
    output: SettingsViewSchema,
  },
  'settings:setServerProfile': {
    input: z
      .object({
        profile: ServerProfileSchema,
        /** The one-time code the terminal showed, where a custom server is confirmed that way (server-confirmation.ts). */
        confirmationCode: z.string().max(32, userError('SERVER_CONFIRMATION_CODE_WRONG')).optional(),
      })
      .strict(),
    output: SettingsViewSchema,
  },
  'settings:setAutoUpdate': {
    input: z.object({ enabled: z.boolean() }).strict(),
    output: SettingsViewSchema,
  },
  'login:start': { input: z.object({ phone: PhoneNumberSchema }).strict(), output: LoginCardSchema },
  'login:list': { input: Empty, output: z.array(LoginCardSchema) },
  /** Every step of a login card: one channel, one union of requests (LoginRequestSchema). */
  'login:perform': {
    input: LoginId.extend({ request: LoginRequestSchema }).strict(),
    output: LoginCardSchema,
  },
  'login:dismiss': { input: LoginId, output: z.object({ removed: z.literal(true) }) },
  'accounts:list': { input: Empty, output: z.array(AccountSummarySchema) },
  'accounts:logOut': {
    input: z.object({ accountId: z.string().regex(/^\d{1,20}$/) }).strict(),
    output: z.object({ loggedOut: z.literal(true) }),
  },
  'accounts:reconnect': {
    input: z.object({ accountId: z.string().regex(/^\d{1,20}$/) }).strict(),
    output: AccountSummarySchema,
  },
  'app:openExternal': {
    // https only: anything else (http, javascript:, file:) is refused before any handler sees it.
    input: z.object({ url: z.url({ protocol: /^https$/ }).max(2048) }).strict(),
    // `system`: opened in the system's browser. `page`: allowed, but this main has no system browser to
    // hand it to (the browser harness), so the page opens it in a new tab itself.
    output: z.discriminatedUnion('by', [
      z.object({ by: z.literal('system') }),
      z.object({ by: z.literal('page'), url: z.url({ protocol: /^https$/ }).max(2048) }),
    ]),
  },
  'app:openLogFolder': {
    input: Empty,
    // `system`: the file manager shows it. `page`: nothing here can open a folder (the browser harness):
    // the page shows where it is. NOT_FOUND when the app keeps no log file.
    output: z.discriminatedUnion('by', [
      z.object({ by: z.literal('system') }),
      z.object({ by: z.literal('page'), path: z.string() }),
    ]),
  },
} satisfies Record<InvokeChannel, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  'login:changed': LoginCardSchema,
  'login:removed': z.object({ loginId: z.uuid() }),
  'accounts:changed': z.array(AccountSummarySchema),
} satisfies Record<EventChannel, z.ZodType>;

type Contract = typeof contract;
/** What the renderer sends. */
export type ChannelInput<C extends InvokeChannel> = z.input<Contract[C]['input']>;
/** What a handler receives, after validation. */
export type ParsedInput<C extends InvokeChannel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends InvokeChannel> = z.output<Contract[C]['output']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof events)[E]>;
