import type { AppError } from '../../contract/errors.ts';
import type { AccountClient, ConnectionState, LoginClient, SessionSecret } from '../gateway.ts';
import type { TelegramGatewayOptions } from '../gateway-options.ts';
import type { LogLevel } from '../../logging/log.ts';

/**
 * The messages between the main thread and a Telegram worker thread (worker_threads, so the structured
 * clone carries them, in process memory: session strings cross here and nowhere else).
 */

/** The methods of a remote client the main thread may call; checked in the worker before dispatch. */
export const LOGIN_METHODS = [
  'sendCode',
  'resendCode',
  'signIn',
  'signInWithEmailCode',
  'checkPassword',
  'signUp',
  'acceptTermsOfService',
  'sendLoginEmailCode',
  'verifyLoginEmail',
  'signedInUser',
  'logOut',
  'cancelCode',
  'exportSession',
  'destroy',
] as const satisfies readonly (keyof LoginClient)[];
export type LoginMethod = (typeof LOGIN_METHODS)[number];

export const ACCOUNT_METHODS = [
  'connect',
  'getSelf',
  'logOut',
  'destroy',
] as const satisfies readonly (keyof AccountClient)[];
export type AccountMethod = (typeof ACCOUNT_METHODS)[number];

/**
 * TelegramGatewayOptions without its functions (the log stays on the main thread); the sandbox's ports
 * per DC. Without passwordStretching too: the worker chooses it, knowing whether its priority was lowered.
 */
export type WorkerGatewayOptions = Omit<
  TelegramGatewayOptions,
  'sandbox' | 'log' | 'now' | 'dialGate' | 'passwordStretching'
> & {
  readonly sandbox?: { readonly ports: Readonly<Record<number, number>>; readonly publicKeyPem: string };
};

/** A worker's answer to collectGarbage: whether it collected, and its own heap afterwards. */
export interface WorkerHeap {
  readonly collected: boolean;
  /** Live JavaScript objects in the worker's heap, bytes. */
  readonly heapUsed: number;
  /** Memory outside that heap held by the worker's objects (Buffers, sockets' ArrayBuffers), bytes. */
  readonly external: number;
}

export type ToWorker =
  /** Answered once the worker has loaded its code. */
  | { readonly kind: 'ping'; readonly callId: number }
  /**
   * A full garbage collection, for memory measurements; answered with a WorkerHeap (it runs only when
   * the process exposes `gc`, as benchmarks started with --expose-gc do).
   */
  | { readonly kind: 'collectGarbage'; readonly callId: number }
  | { readonly kind: 'defineGateway'; readonly gatewayId: number; readonly options: WorkerGatewayOptions }
  | {
      readonly kind: 'startLogin';
      readonly callId: number;
      readonly gatewayId: number;
      readonly clientId: number;
      readonly label: string;
    }
  /** No answer: the account's calls follow on the same port, so they find it. */
  | {
      readonly kind: 'openAccount';
      readonly gatewayId: number;
      readonly clientId: number;
      readonly secret: SessionSecret;
      readonly label: string;
    }
  | {
      readonly kind: 'call';
      readonly callId: number;
      readonly clientId: number;
      /** A method of the client's interface; the worker checks it against that interface's list. */
      readonly method: LoginMethod | AccountMethod;
      readonly args: readonly unknown[];
    };

/** How a call failed: an AppFailure's error, or anything else (a bug) described for the log. */
export type RemoteFailure = { readonly error: AppError } | { readonly unexpected: string };

export type FromWorker =
  | { readonly kind: 'resolved'; readonly callId: number; readonly value: unknown }
  | { readonly kind: 'rejected'; readonly callId: number; readonly failure: RemoteFailure }
  | { readonly kind: 'connectionState'; readonly clientId: number; readonly state: ConnectionState }
  | {
      readonly kind: 'log';
      readonly gatewayId: number;
      readonly level: LogLevel;
      readonly message: string;
    };

/**
 * The structured clone turns a Buffer into a plain Uint8Array; GramJS and the vaults want Buffers back
 * (future auth tokens, logout tokens). Copies nothing: the Buffer views the same memory.
 */
export function reviveBuffers(value: unknown): unknown {
  if (value instanceof Uint8Array) {
    return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  if (Array.isArray(value)) return value.map(reviveBuffers);
  if (value !== null && typeof value === 'object') {
    const revived: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) revived[key] = reviveBuffers(field);
    return revived;
  }
  return value;
}
