import { z } from 'zod';
import { readJsonEntry } from './json-entry.ts';

/**
 * The keychain entry of one signed-in account: its session (the secret) plus what the board shows while
 * the account is offline. Limits keep the JSON far below the 2,560-byte Windows limit: a GramJS
 * StringSession is ~370 chars, and Telegram caps names at 64 and usernames at 32.
 */
export const StoredAccountSchema = z.strictObject({
  userId: z.string().regex(/^\d{1,20}$/),
  phone: z.string().max(32),
  firstName: z.string().max(128),
  lastName: z.string().max(128),
  username: z.string().max(64).nullable(),
  dcId: z.int().min(1).max(1000),
  /** GramJS StringSession: server address and auth key. */
  session: z.string().min(1).max(1024),
});
export type StoredAccount = z.infer<typeof StoredAccountSchema>;

const EntrySchema = z.strictObject({ v: z.literal(1), ...StoredAccountSchema.shape });

export function encodeAccountEntry(account: StoredAccount): string {
  const { session, dcId, userId, phone, firstName, lastName, username } = account;
  return JSON.stringify({ v: 1, session, dcId, userId, phone, firstName, lastName, username });
}

export type DecodedEntry =
  | { readonly ok: true; readonly account: StoredAccount }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Reads an entry stored under `keychainAccount`; anything unexpected is a problem, never an exception. */
export function decodeAccountEntry(keychainAccount: string, secret: string): DecodedEntry {
  const read = readJsonEntry(EntrySchema, secret);
  if (!read.ok) return read;
  const { userId, phone, firstName, lastName, username, dcId, session } = read.value;
  const account: StoredAccount = { userId, phone, firstName, lastName, username, dcId, session };
  // An entry copied under another name would otherwise show up as the wrong account.
  if (account.userId !== keychainAccount) return { ok: false, problems: ['userId differs from entry name'] };
  return { ok: true, account };
}
