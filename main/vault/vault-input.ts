import type { z } from 'zod';
import { AppFailure, appError, type ErrorCode } from '../contract/errors.ts';

/** A value the vault will not store. `problems` name fields and rules only, never the values (secrets). */
export class InvalidVaultInput extends AppFailure {
  constructor(
    readonly problems: readonly string[],
    code: ErrorCode = 'BAD_INPUT',
  ) {
    super(appError(code));
  }
}

export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = issue.path.map(String).join('.') || '(value)';
    // Key names are ours or a foreign program's field names, not values: safe to log, and they say why.
    const keys = issue.code === 'unrecognized_keys' ? ` ${issue.keys.join(', ')}` : '';
    return `${where}: ${issue.code}${keys}`;
  });
}

/** Parses with `schema` or throws InvalidVaultInput (with `code`, BAD_INPUT unless told). */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, code?: ErrorCode): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidVaultInput(describeIssues(parsed.error), code);
  return parsed.data;
}
