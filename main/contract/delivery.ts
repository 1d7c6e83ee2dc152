import { z } from 'zod';

/**
 * How a login code was delivered, one case per auth.SentCodeType of layer 198, with what the user needs to
 * find and type it. Built from GramJS's answer by main/telegram; drawn by the renderer.
 */
export const CodeDeliverySchema = z.discriminatedUnion('kind', [
  /** A message from "Telegram" (777000) in the app on the user's other devices. */
  z.object({ kind: z.literal('app'), length: z.number().int().positive() }),
  z.object({ kind: z.literal('sms'), length: z.number().int().positive() }),
  /** A voice call that dictates the code. */
  z.object({ kind: z.literal('call'), length: z.number().int().positive() }),
  /** The calling number itself is the code; it matches `pattern`. */
  z.object({ kind: z.literal('flashCall'), pattern: z.string() }),
  /** The last `length` digits of the number that calls (starting with `prefix`) are the code. */
  z.object({ kind: z.literal('missedCall'), prefix: z.string(), length: z.number().int().positive() }),
  z.object({
    kind: z.literal('email'),
    emailPattern: z.string(),
    length: z.number().int().positive(),
    appleSignInAllowed: z.boolean(),
    googleSignInAllowed: z.boolean(),
    /** When the login email can be reset (auth.resetLoginEmail), if the user cannot reach it. */
    resetAvailableAt: z.number().nullable(),
    resetPendingAt: z.number().nullable(),
  }),
  /** The account must first add and verify a login email; no code was sent yet. */
  z.object({
    kind: z.literal('setUpEmailRequired'),
    appleSignInAllowed: z.boolean(),
    googleSignInAllowed: z.boolean(),
  }),
  /** Anonymous numbers: the code is on fragment.com. */
  z.object({ kind: z.literal('fragmentSms'), url: z.string(), length: z.number().int().positive() }),
  /** Official apps' Firebase flow; other apps get it as a plain SMS. */
  z.object({ kind: z.literal('firebaseSms'), length: z.number().int().positive() }),
  /** An SMS with one secret word; `beginning` is its first letter. */
  z.object({ kind: z.literal('smsWord'), beginning: z.string().nullable() }),
  /** An SMS with a secret phrase; `beginning` is its first word. */
  z.object({ kind: z.literal('smsPhrase'), beginning: z.string().nullable() }),
]);
export type CodeDelivery = z.infer<typeof CodeDeliverySchema>;
export type CodeDeliveryKind = CodeDelivery['kind'];

/** What auth.resendCode will use next (auth.CodeType). */
export const NextMediumSchema = z.enum(['sms', 'call', 'flashCall', 'missedCall', 'fragmentSms']);
export type NextMedium = z.infer<typeof NextMediumSchema>;

/** Telegram's default wait before a resend when the server names none (tdesktop, Web K). */
export const DEFAULT_RESEND_TIMEOUT_SECONDS = 60;

/** A sent code as the renderer sees it. The phone_code_hash stays in the main process. */
export const SentCodeViewSchema = z.object({
  delivery: CodeDeliverySchema,
  /** null: there is no other medium; the resend control is hidden. */
  nextMedium: NextMediumSchema.nullable(),
  /** Epoch milliseconds from which a resend is allowed; null when there is no next medium. */
  resendAvailableAt: z.number().nullable(),
  /** Epoch milliseconds when this code was sent. */
  sentAt: z.number(),
});
export type SentCodeView = z.infer<typeof SentCodeViewSchema>;
