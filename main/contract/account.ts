import { z } from 'zod';
import { AppErrorSchema } from './errors.ts';

/**
 * A signed-in account as the board shows it. `id` is the Telegram user id (a 64-bit number, so a decimal
 * string); together with the server profile it names the account's keychain entry.
 */
/**
 * `unreadable`: the account's keychain entry cannot be read, so only its id is known (the other fields are
 * blank); it can only be removed.
 */
export const AccountStatusSchema = z.enum(['online', 'connecting', 'offline', 'signedOut', 'unreadable']);
export type AccountStatus = z.infer<typeof AccountStatusSchema>;

export const AccountSummarySchema = z.object({
  id: z.string().regex(/^\d{1,20}$/),
  phone: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  username: z.string().nullable(),
  dcId: z.number().int(),
  status: AccountStatusSchema,
  /** Why the account is offline or signed out, when known. */
  statusError: AppErrorSchema.nullable(),
});
export type AccountSummary = z.infer<typeof AccountSummarySchema>;

/** The user Telegram returned at login or from users.getUsers. */
export interface TelegramUser {
  readonly userId: string;
  readonly phone: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly username: string | null;
}
