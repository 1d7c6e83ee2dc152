import { z } from 'zod';
import { PHONE_PATTERN } from '../contract/phone.ts';
import { ServerProfileSchema } from '../contract/server-profile.ts';
import { CUSTOM_PROFILE_ID_PATTERN } from '../vault/profile-id.ts';

/**
 * settings.json: what the app remembers that is not a secret. Every object is strict, so a field that
 * does not belong here (an API hash, a session) is refused instead of written; secrets go to main/vault.
 */
const ApiIdSchema = z.int().min(1).max(2_147_483_647);
const ServerScopeSchema = z.union([z.literal('sandbox'), z.string().regex(CUSTOM_PROFILE_ID_PATTERN)]);
export const MAX_CONFIRMED_SERVERS = 64;

export const SettingsSchema = z.strictObject({
  version: z.literal(1),
  /** my.telegram.org's api_id (an int32), for Telegram's production and test DCs; its api_hash is in the keychain. */
  apiId: ApiIdSchema.nullable(),
  /** The api_id entered for the sandbox and for each custom server, by credential scope (main/vault/profile-id.ts). */
  serverApiIds: z.record(ServerScopeSchema, ApiIdSchema).default({}),
  serverProfile: ServerProfileSchema,
  /**
   * The custom servers (by profile id) the user confirmed outside the page, in a native dialog or with a
   * code from the terminal; switching back to one asks no more. Oldest first, bounded.
   */
  confirmedServers: z
    .array(z.string().regex(CUSTOM_PROFILE_ID_PATTERN))
    .max(MAX_CONFIRMED_SERVERS)
    .default([]),
  /** FLOOD_WAIT per E.164 phone number: epoch ms when trying again is allowed. */
  floodDeadlines: z.record(z.string().regex(PHONE_PATTERN), z.int().min(0)),
  /**
   * Whether the installed app looks for updates on its own (main/update/update-policy.ts). Absent from
   * files written before it existed: on, like a fresh install.
   */
  autoUpdate: z.boolean().default(true),
});
export type Settings = z.infer<typeof SettingsSchema>;

export function defaultSettings(): Settings {
  return {
    version: 1,
    apiId: null,
    serverApiIds: {},
    serverProfile: { kind: 'production' },
    confirmedServers: [],
    floodDeadlines: {},
    autoUpdate: true,
  };
}
