// First: GramJS's request serialiser copies the 64-bit codec when it loads (see gramjs/codec-first.ts).
import '../gramjs/codec-first.ts';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { AppFailure, describeError } from '../../contract/errors.ts';
import { createTelegramGateway } from '../create-gateway.ts';
import type { AccountClient, LoginClient, TelegramGateway } from '../gateway.ts';
import {
  ACCOUNT_METHODS,
  LOGIN_METHODS,
  reviveBuffers,
  type FromWorker,
  type RemoteFailure,
  type ToWorker,
  type WorkerGatewayOptions,
  type WorkerHeap,
} from './protocol.ts';
import { lowerThisThreadsPriority } from './thread-priority.ts';

/**
 * A Telegram worker thread: runs GramJS clients for the main thread (see worker-pool.ts). Each request
 * names a gateway (one per server profile and credentials) or a client by the id main gave it.
 */

type Remote =
  | { readonly kind: 'login'; readonly client: LoginClient }
  | { readonly kind: 'account'; readonly client: AccountClient }
  /** An account whose client could not be made (its gateway is missing or its session unreadable). */
  | { readonly kind: 'failed'; readonly error: unknown };

const loginMethods: ReadonlySet<string> = new Set(LOGIN_METHODS);
const accountMethods: ReadonlySet<string> = new Set(ACCOUNT_METHODS);

function failureOf(error: unknown): RemoteFailure {
  return error instanceof AppFailure ? { error: error.error } : { unexpected: describeError(error) };
}

/** How this thread runs: whether its priority is below the main thread's. */
export interface WorkerThreadTraits {
  readonly lowPriority: boolean;
}

function gatewayFrom(
  gatewayId: number,
  options: WorkerGatewayOptions,
  port: MessagePort,
  traits: WorkerThreadTraits,
): TelegramGateway {
  const { sandbox, ...plain } = options;
  return createTelegramGateway({
    ...plain,
    // A thread that yields to the main thread can stretch passwords itself; otherwise the pool does.
    passwordStretching: traits.lowPriority ? 'thisThread' : 'threadPool',
    ...(sandbox
      ? {
          sandbox: {
            publicKeyPem: sandbox.publicKeyPem,
            portFor: (dcId: number) => {
              const dcPort = sandbox.ports[dcId];
              if (dcPort === undefined) throw new Error(`the sandbox has no DC ${String(dcId)}`);
              return dcPort;
            },
          },
        }
      : {}),
    log: (level, message) => {
      post(port, { kind: 'log', gatewayId, level, message });
    },
  });
}

function post(port: MessagePort, message: FromWorker): void {
  port.postMessage(message);
}

export function serveTelegramWorker(port: MessagePort, traits: WorkerThreadTraits): void {
  const gateways = new Map<number, TelegramGateway>();
  const remotes = new Map<number, Remote>();

  const settle = (callId: number, work: () => Promise<unknown>): void => {
    work().then(
      (value) => {
        post(port, { kind: 'resolved', callId, value });
      },
      (error: unknown) => {
        post(port, { kind: 'rejected', callId, failure: failureOf(error) });
      },
    );
  };

  const gatewayOf = (gatewayId: number): TelegramGateway => {
    const gateway = gateways.get(gatewayId);
    if (!gateway) throw new Error(`no gateway ${String(gatewayId)} in this worker`);
    return gateway;
  };

  const call = async (clientId: number, method: string, args: readonly unknown[]): Promise<unknown> => {
    const remote = remotes.get(clientId);
    if (!remote) throw new Error(`no client ${String(clientId)} in this worker`);
    if (remote.kind === 'failed') {
      if (method === 'destroy') {
        remotes.delete(clientId);
        return undefined;
      }
      throw remote.error;
    }
    const allowed = remote.kind === 'login' ? loginMethods : accountMethods;
    if (!allowed.has(method)) throw new Error(`${remote.kind} clients have no method ${method}`);
    if (method === 'destroy') remotes.delete(clientId);
    // The method was checked against the interface's list above.
    const target = remote.client as unknown as Record<string, (...params: unknown[]) => Promise<unknown>>;
    const fn = target[method];
    if (typeof fn !== 'function') throw new Error(`${remote.kind} clients have no method ${method}`);
    return fn.apply(remote.client, args.map(reviveBuffers));
  };

  port.on('message', (message: ToWorker) => {
    switch (message.kind) {
      case 'ping':
        post(port, { kind: 'resolved', callId: message.callId, value: null });
        return;
      case 'collectGarbage': {
        const gc = (globalThis as { gc?: () => void }).gc;
        gc?.();
        // In a worker, memoryUsage's heap figures are this thread's isolate's (rss is the process's).
        const { heapUsed, external } = process.memoryUsage();
        const heap: WorkerHeap = { collected: gc !== undefined, heapUsed, external };
        post(port, { kind: 'resolved', callId: message.callId, value: heap });
        return;
      }
      case 'defineGateway':
        try {
          gateways.set(message.gatewayId, gatewayFrom(message.gatewayId, message.options, port, traits));
        } catch (error) {
          // Reported on the first call that needs it (e.g. API_CREDENTIALS_MISSING).
          gateways.delete(message.gatewayId);
          post(port, {
            kind: 'log',
            gatewayId: message.gatewayId,
            level: 'error',
            message: describeError(error),
          });
        }
        return;
      case 'startLogin':
        settle(message.callId, async () => {
          const client = await gatewayOf(message.gatewayId).startLogin(message.label);
          remotes.set(message.clientId, { kind: 'login', client });
          return null;
        });
        return;
      case 'openAccount': {
        // Nothing answers this message, and a throw here would end the worker with every client on it:
        // a failure is kept for the account's first call to report.
        try {
          const client = gatewayOf(message.gatewayId).openAccount(message.secret, message.label);
          client.onConnectionState((state) => {
            post(port, { kind: 'connectionState', clientId: message.clientId, state });
          });
          remotes.set(message.clientId, { kind: 'account', client });
        } catch (error) {
          remotes.set(message.clientId, { kind: 'failed', error });
        }
        return;
      }
      case 'call':
        settle(message.callId, () => call(message.clientId, message.method, message.args));
        return;
    }
  });
}

if (parentPort) {
  serveTelegramWorker(parentPort, { lowPriority: lowerThisThreadsPriority() });
}
