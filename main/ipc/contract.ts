import { z } from 'zod';
import { AccountSummarySchema } from '../domain/account.ts';
import { AppErrorSchema } from '../domain/errors.ts';
import { LoginCardSchema } from '../domain/login-state.ts';
import { PhoneNumberSchema } from '../domain/phone.ts';
import { ServerProfileSchema } from '../domain/server-profile.ts';
import type { EventChannel, InvokeChannel } from './channels.ts';

/**
 * The one IPC contract: every channel's input and output schema, and every event's payload schema. Main
 * validates both directions with it; preload and renderer take their types from it. Outputs are parsed
 * too, and zod objects drop unknown keys, so nothing outside these shapes (a session, a token) can
 * reach the renderer by accident.
 */
const LoginId = z.object({ loginId: z.uuid() }).strict();
const Empty = z.object({}).strict();

export const SettingsViewSchema = z.object({
  apiId: z.number().int().nullable(),
  /** The hash itself is a secret and never leaves main. */
  hasApiHash: z.boolean(),
  serverProfile: ServerProfileSchema,
  /** Why the keychain could not be read (then hasApiHash is false), or null. */
  keychainError: AppErrorSchema.nullable(),
  /** "Check for updates automatically" (the installed app only; never in demo mode). */
  autoUpdate: z.boolean(),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export const contract = {
  'settings:get': { input: Empty, output: SettingsViewSchema },
  'settings:setApiCredentials': {
    input: z
      .object({
        apiId: z.number().int().min(1).max(2_147_483_647),
        apiHash: z.string().regex(/^[0-9a-fA-F]{32}$/, 'the API hash is 32 hexadecimal characters'),
      })
      .strict(),
    output: SettingsViewSchema,
  },
  'settings:setServerProfile': {
    input: z.object({ profile: ServerProfileSchema }).strict(),
    output: SettingsViewSchema,
  },
  'settings:setAutoUpdate': {
    input: z.object({ enabled: z.boolean() }).strict(),
    output: SettingsViewSchema,
  },
  'login:start': { input: z.object({ phone: PhoneNumberSchema }).strict(), output: LoginCardSchema },
  'login:list': { input: Empty, output: z.array(LoginCardSchema) },
  'login:resendCode': { input: LoginId, output: LoginCardSchema },
  'login:submitCode': {
    input: LoginId.extend({ code: z.string().min(1).max(64) }).strict(),
    output: LoginCardSchema,
  },
  'login:submitPassword': {
    input: LoginId.extend({ password: z.string().min(1).max(256) }).strict(),
    output: LoginCardSchema,
  },
  'login:signUp': {
    input: LoginId.extend({
      firstName: z.string().trim().min(1).max(64),
      lastName: z.string().trim().max(64),
      /** Required when Telegram showed terms of service. */
      acceptTerms: z.boolean(),
    }).strict(),
    output: LoginCardSchema,
  },
  'login:setUpEmail': {
    input: LoginId.extend({ email: z.email().max(254) }).strict(),
    output: LoginCardSchema,
  },
  'login:verifyEmail': {
    input: LoginId.extend({ code: z.string().regex(/^\d{4,12}$/) }).strict(),
    output: LoginCardSchema,
  },
  'login:cancel': { input: LoginId, output: LoginCardSchema },
  'login:retry': { input: LoginId, output: LoginCardSchema },
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
    output: z.object({ opened: z.literal(true) }),
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
