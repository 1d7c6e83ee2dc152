import { Api, errors, type TelegramClient } from 'telegram';
import { expect } from 'vitest';
import type { Sandbox } from '../../main/sandbox/index.ts';
import { TEST_API_HASH, TEST_API_ID, type ClientPool } from './gram-client.ts';

/** Helpers for login tests: real GramJS clients driven with raw `invoke`, codes read from the sandbox outbox. */

/** The rejection of `promise`, which must fail; fails the test if it resolves. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** The RPCError `promise` fails with; asserts its errorMessage (and code when given). */
export async function rpcError(
  promise: Promise<unknown>,
  message: string,
  code?: number,
): Promise<errors.RPCError> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(errors.RPCError);
  const rpc = error as errors.RPCError;
  expect(rpc.errorMessage).toBe(message);
  if (code !== undefined) expect(rpc.code).toBe(code);
  return rpc;
}

export function sendCode(
  client: TelegramClient,
  phoneNumber: string,
  settings: Partial<{ logoutTokens: Buffer[] }> = {},
): Promise<Api.auth.TypeSentCode> {
  return client.invoke(
    new Api.auth.SendCode({
      phoneNumber,
      apiId: TEST_API_ID,
      apiHash: TEST_API_HASH,
      settings: new Api.CodeSettings(settings),
    }),
  );
}

/** sendCode that must answer auth.sentCode (a code was sent). */
export async function sentCode(client: TelegramClient, phoneNumber: string): Promise<Api.auth.SentCode> {
  const sent = await sendCode(client, phoneNumber);
  if (!(sent instanceof Api.auth.SentCode)) throw new Error(`expected auth.sentCode, got ${sent.className}`);
  return sent;
}

export function signIn(
  client: TelegramClient,
  phoneNumber: string,
  phoneCodeHash: string,
  phoneCode: string,
): Promise<Api.auth.TypeAuthorization> {
  return client.invoke(new Api.auth.SignIn({ phoneNumber, phoneCodeHash, phoneCode }));
}

export function expectAuthorization(result: unknown): Api.auth.Authorization {
  expect(result).toBeInstanceOf(Api.auth.Authorization);
  return result as Api.auth.Authorization;
}

export function userOf(authorization: Api.auth.Authorization): Api.User {
  expect(authorization.user).toBeInstanceOf(Api.User);
  return authorization.user as Api.User;
}

/** The latest code the sandbox delivered to `phone`. */
export function lastCode(sandbox: Sandbox, phone: string): string {
  const code = sandbox.world.outbox.lastCode(phone);
  if (code === undefined) throw new Error(`no code was delivered to ${phone}`);
  return code;
}

/**
 * A client signed in as `phone` (a registered account without 2FA) on `dcId`, the phone's home DC.
 * Returns the client and the auth.authorization it got.
 */
export async function signedInClient(
  pool: ClientPool,
  sandbox: Sandbox,
  phone: string,
  dcId: number,
): Promise<{ client: TelegramClient; authorization: Api.auth.Authorization }> {
  const client = await pool.connected({ dcId });
  const sent = await sentCode(client, phone);
  const authorization = expectAuthorization(
    await signIn(client, phone, sent.phoneCodeHash, lastCode(sandbox, phone)),
  );
  return { client, authorization };
}
