import { z } from 'zod';
import { AccountSummarySchema } from './account.ts';
import { SentCodeViewSchema } from './delivery.ts';
import { AppErrorSchema } from './errors.ts';

/** What a login card is waiting on while a request is in flight. */
export const LoginPendingSchema = z.enum([
  'sendingCode',
  'resendingCode',
  'signingIn',
  'checkingPassword',
  'signingUp',
  'sendingEmailCode',
  'verifyingEmail',
  'cancelling',
]);
export type LoginPending = z.infer<typeof LoginPendingSchema>;

export const TermsOfServiceSchema = z.object({
  id: z.string(),
  text: z.string(),
  /** Minimum age the user must confirm, when Telegram asks for it. */
  minAgeConfirm: z.number().int().nullable(),
});
export type TermsOfService = z.infer<typeof TermsOfServiceSchema>;

const base = {
  phone: z.string(),
  /** The request in flight, if any; the card's inputs are disabled meanwhile. */
  pending: LoginPendingSchema.nullable(),
  /** The last error of this step that the user can fix here (wrong code, flood wait...). */
  error: AppErrorSchema.nullable(),
};

/**
 * One phone login, one card on the board. The main process owns it; the renderer draws it and never
 * decides protocol rules itself (whether resend is possible, how long the code is...).
 */
export const LoginStateSchema = z.discriminatedUnion('step', [
  /** Connecting and asking Telegram for a code. */
  z.object({ step: z.literal('sendingCode'), ...base }),
  z.object({ step: z.literal('codeSent'), ...base, sentCode: SentCodeViewSchema }),
  /** The account needs a login email: the user enters an address, then the code sent to it. */
  z.object({
    step: z.literal('emailSetup'),
    ...base,
    /** null until a code was sent to the address the user entered. */
    emailCode: z.object({ emailPattern: z.string(), length: z.number().int().positive() }).nullable(),
  }),
  z.object({ step: z.literal('passwordNeeded'), ...base, hint: z.string().nullable() }),
  z.object({ step: z.literal('signUpNeeded'), ...base, termsOfService: TermsOfServiceSchema.nullable() }),
  z.object({ step: z.literal('signedIn'), ...base, account: AccountSummarySchema }),
  /** Ended without signing in; `error` says why. Retry starts over with a new code. */
  z.object({ step: z.literal('failed'), ...base, error: AppErrorSchema }),
  z.object({ step: z.literal('cancelled'), ...base }),
]);
export type LoginState = z.infer<typeof LoginStateSchema>;
export type LoginStep = LoginState['step'];

export const LoginCardSchema = z.object({
  id: z.uuid(),
  state: LoginStateSchema,
  createdAt: z.number(),
});
export type LoginCard = z.infer<typeof LoginCardSchema>;

/** Steps after which the card only shows a result (and may be retried or dismissed); see isFinished. */
export type FinishedLoginState = Extract<LoginState, { step: 'signedIn' | 'failed' | 'cancelled' }>;
