import {
  DEFAULT_SERVER_NAME,
  ERROR_CODES,
  messageFor,
  namesServer,
  type ErrorCode,
} from './error-catalogue.ts';
import type { ServerProfile } from './server-profile.ts';

/*
 * How the app names the server it talks to, in sentences: "Cannot reach Acme. ...", "Connecting to the
 * sandbox...". Telegram's production and test servers are Telegram. Free of zod (types only), so the
 * renderer words its own sentences with it too.
 */

export function serverNameOf(profile: ServerProfile | null | undefined): string {
  switch (profile?.kind) {
    case undefined:
    case 'production':
    case 'test':
      return DEFAULT_SERVER_NAME;
    case 'sandbox':
      return 'the sandbox';
    case 'custom':
      return profile.name;
  }
}

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);

function isWordedError(value: object): value is { code: ErrorCode; message: string; dcId?: number } {
  return (
    'code' in value &&
    typeof value.code === 'string' &&
    CODES.has(value.code) &&
    'message' in value &&
    typeof value.message === 'string'
  );
}

/**
 * `value` (an IPC answer or event) with every error in it worded for `server`: the catalogue's sentences
 * name Telegram, which is wrong on a custom server. Applied once, where answers and events leave main.
 */
export function nameServerIn<T>(value: T, server: string): T {
  if (server === DEFAULT_SERVER_NAME) return value;
  return reword(value, server) as T;
}

function reword(value: unknown, server: string): unknown {
  if (Array.isArray(value)) return value.map((item) => reword(item, server));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([key, item]) => [key, reword(item, server)] as const);
  const copy = Object.fromEntries(entries) as Record<string, unknown>;
  if (isWordedError(value) && namesServer(value.code)) copy.message = messageFor(value, server);
  return copy;
}
