import { z } from 'zod';
import { PHONE_PATTERN } from '../domain/phone.ts';
import { ServerProfileSchema } from '../domain/server-profile.ts';

/**
 * settings.json: what the app remembers that is not a secret. Every object is strict, so a field that
 * does not belong here (an API hash, a session) is refused instead of written; secrets go to main/vault.
 */
export const WindowStateSchema = z.strictObject({
  width: z.int().min(1).max(100_000),
  height: z.int().min(1).max(100_000),
  // Negative on a display left of or above the primary one.
  x: z.int().min(-1_000_000).max(1_000_000).optional(),
  y: z.int().min(-1_000_000).max(1_000_000).optional(),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export const SettingsSchema = z.strictObject({
  version: z.literal(1),
  /** my.telegram.org's api_id (an int32); its api_hash is in the keychain. */
  apiId: z.int().min(1).max(2_147_483_647).nullable(),
  serverProfile: ServerProfileSchema,
  /** FLOOD_WAIT per E.164 phone number: epoch ms when trying again is allowed. */
  floodDeadlines: z.record(z.string().regex(PHONE_PATTERN), z.int().min(0)),
  window: WindowStateSchema.nullable(),
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
    serverProfile: { kind: 'production' },
    floodDeadlines: {},
    window: null,
    autoUpdate: true,
  };
}
