import type { Api } from 'telegram';
import type { AuthKeyRecord, SessionState } from './auth-keys.ts';

/** One API call, unwrapped, as the world's handlers see it. */
export interface RpcCall {
  readonly dcId: number;
  readonly authKey: AuthKeyRecord;
  readonly session: SessionState;
  readonly method: string;
  readonly request: Api.AnyRequest;
}

/** An RPC error the client receives as rpc_error (e.g. 400 PHONE_CODE_INVALID). */
export class RpcFailure extends Error {
  override readonly name = 'RpcFailure';
  constructor(
    readonly code: number,
    readonly errorMessage: string,
  ) {
    super(`${code} ${errorMessage}`);
  }
}

/** Serialised result bytes, or throws RpcFailure. */
export type RpcDispatch = (call: RpcCall) => Promise<Buffer> | Buffer;

export const METHOD_UNSUPPORTED = 'SANDBOX_METHOD_UNSUPPORTED';
