import { z } from 'zod';
import { PHONE_PATTERN } from '../contract/phone.ts';
import { readJsonEntry } from './json-entry.ts';

/**
 * One future auth token per keychain entry, named "<phone>#<sequence>": the sequence orders them (newest
 * highest) and keeps every entry a few hundred bytes at most, whatever the number or size of tokens.
 */
export const MAX_TOKEN_BYTES = 1024;

const ENTRY_NAME = /^(\+\d{7,15})#(\d{1,15})$/;

export function tokenEntryName(phone: string, sequence: number): string {
  if (!PHONE_PATTERN.test(phone) || !Number.isSafeInteger(sequence) || sequence < 0) {
    throw new TypeError('A token entry name needs an E.164 phone number and a sequence number.');
  }
  return `${phone}#${sequence}`;
}

/** The phone and sequence of an entry name, or null for a name this vault did not write. */
export function parseTokenEntryName(name: string): { phone: string; sequence: number } | null {
  const match = ENTRY_NAME.exec(name);
  if (match?.[1] === undefined || match[2] === undefined) return null;
  return { phone: match[1], sequence: Number(match[2]) };
}

const EntrySchema = z.strictObject({
  v: z.literal(1),
  token: z
    .base64()
    .min(1)
    .max(Math.ceil(MAX_TOKEN_BYTES / 3) * 4),
});

export function encodeTokenEntry(token: Buffer): string {
  return JSON.stringify({ v: 1, token: token.toString('base64') });
}

export type DecodedToken =
  | { readonly ok: true; readonly token: Buffer }
  | { readonly ok: false; readonly problems: readonly string[] };

export function decodeTokenEntry(secret: string): DecodedToken {
  const read = readJsonEntry(EntrySchema, secret);
  if (!read.ok) return read;
  return { ok: true, token: Buffer.from(read.value.token, 'base64') };
}
