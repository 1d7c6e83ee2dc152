import type { z } from 'zod';
import { describeIssues } from './vault-input.ts';

export type ReadEntry<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly string[] };

/** Reads a keychain entry stored as JSON; anything unexpected is a list of problems, never an exception. */
export function readJsonEntry<T>(schema: z.ZodType<T>, secret: string): ReadEntry<T> {
  let json: unknown;
  try {
    json = JSON.parse(secret);
  } catch {
    return { ok: false, problems: ['not JSON'] };
  }
  const parsed = schema.safeParse(json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problems: describeIssues(parsed.error) };
}
