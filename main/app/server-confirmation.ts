import { randomInt, timingSafeEqual } from 'node:crypto';
import type { CustomDc, ServerProfile } from '../contract/server-profile.ts';
import { serverKeyFingerprint } from '../vault/profile-id.ts';

/**
 * A custom server receives what a login sends (the phone, the code, the 2FA proof, the server's API hash),
 * so the page alone may not choose one: a compromised renderer (or whoever holds the harness token)
 * could point logins anywhere. Adding or changing a custom server is confirmed outside the page: a
 * native dialog from main in Electron, a one-time code printed in the terminal in the browser harness.
 */
export interface ServerToConfirm {
  readonly name: string;
  readonly dcs: readonly CustomDc[];
  /** SHA-256 of the server's RSA key (its DER SubjectPublicKeyInfo), in hex. */
  readonly keyFingerprint: string;
}

export type ConfirmationOutcome = 'confirmed' | 'declined' | 'code-needed' | 'code-wrong';

export interface ServerConfirmer {
  /** `code`: what the user typed into the page, for a confirmer that prints one; ignored by a dialog. */
  confirm(server: ServerToConfirm, code: string | undefined): Promise<ConfirmationOutcome>;
}

export function serverToConfirm(profile: Extract<ServerProfile, { kind: 'custom' }>): ServerToConfirm {
  return { name: profile.name, dcs: profile.dcs, keyFingerprint: serverKeyFingerprint(profile.publicKeyPem) };
}

/** The words of the confirmation, the same in the dialog and in the terminal. */
export function confirmationText(server: ServerToConfirm): {
  readonly title: string;
  readonly message: string;
  readonly detail: string;
} {
  const addresses = server.dcs.map((dc) => `  DC ${String(dc.id)}: ${dc.host}:${String(dc.port)}`);
  return {
    title: 'Confirm a custom server',
    message: `Use the server “${server.name}”?`,
    detail: [
      'Logins on this server send it the phone numbers, the login codes, the two-step password proofs and',
      'the API credentials you enter for it. Its addresses:',
      ...addresses,
      'Its key fingerprint (SHA-256):',
      `  ${groupedHex(server.keyFingerprint)}`,
      'Continue only if you run this server or trust whoever does.',
    ].join('\n'),
  };
}

function groupedHex(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}

/** No 0/O or 1/I/L: the code is read off a terminal and typed by hand. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
const CODE_LIFETIME_MS = 10 * 60_000;
const MAX_WRONG_CODES = 5;

interface PendingCode {
  readonly server: string;
  readonly code: string;
  readonly expiresAt: number;
  wrong: number;
}

export interface TerminalConfirmerOptions {
  /** Writes to the terminal the harness was started from (never to the log file or the page). */
  readonly print: (text: string) => void;
  readonly now?: () => number;
}

/**
 * The browser harness's confirmer: asked without a code, it prints the server and a new one-time code to
 * the terminal and answers 'code-needed'; the page then sends the code the user read there. Only the newest
 * code of a server counts, for ten minutes and five wrong tries; a used code is gone.
 */
export function terminalServerConfirmer(options: TerminalConfirmerOptions): ServerConfirmer {
  const now = options.now ?? Date.now;
  let pending: PendingCode | null = null;
  return {
    confirm: (server, typed) => {
      const identity = JSON.stringify([server.dcs, server.keyFingerprint]);
      if (typed === undefined) {
        pending = { server: identity, code: newCode(), expiresAt: now() + CODE_LIFETIME_MS, wrong: 0 };
        const text = confirmationText(server);
        options.print(
          `\n${text.title}: ${text.message}\n${text.detail}\n\n` +
            `To confirm, type this code in the page: ${pending.code.slice(0, 4)}-${pending.code.slice(4)}\n`,
        );
        return Promise.resolve('code-needed');
      }
      const current = pending;
      if (current?.server !== identity || now() > current.expiresAt) {
        return Promise.resolve('code-wrong');
      }
      if (!sameCode(normalized(typed), current.code)) {
        current.wrong += 1;
        if (current.wrong >= MAX_WRONG_CODES) pending = null;
        return Promise.resolve('code-wrong');
      }
      pending = null;
      return Promise.resolve('confirmed');
    },
  };
}

function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)] ?? '';
  return code;
}

function normalized(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

function sameCode(typed: string, expected: string): boolean {
  const a = Buffer.from(typed);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
