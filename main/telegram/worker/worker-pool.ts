import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppFailure } from '../../contract/errors.ts';
import type { ConnectionState } from '../gateway.ts';
import type { LogSink } from '../gateway-options.ts';
import {
  reviveBuffers,
  type FromWorker,
  type RemoteFailure,
  type ToWorker,
  type WorkerGatewayOptions,
  type WorkerHeap,
} from './protocol.ts';

/** A request whose worker exited before answering; the client proxies turn it into a typed AppFailure. */
export class WorkerExited extends Error {
  override readonly name = 'WorkerExited';
}

/** A failed call as the in-process client would have thrown it: an AppFailure, or a plain Error (a bug). */
function errorOf(failure: RemoteFailure): Error {
  return 'error' in failure ? new AppFailure(failure.error) : new Error(failure.unexpected);
}

/** How the main thread hears about one remote client. */
export interface ClientWatcher {
  readonly connectionState?: (state: ConnectionState) => void;
  /** Its worker exited: the client, its socket and its pending calls are gone. */
  readonly workerGone: () => void;
}

/** One worker thread and what the main thread has asked of it. */
export interface WorkerSlot {
  readonly index: number;
  readonly worker: Worker;
  readonly pending: Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>;
  readonly clients: Map<number, ClientWatcher>;
  alive: boolean;
}

export interface TelegramWorkerPoolOptions {
  /** The worker's entry: the built telegram-worker.js, or worker-main.ts under a TypeScript loader. */
  readonly entry: string | URL;
  /** Node options for the worker (e.g. a TypeScript loader's `--import`). */
  readonly execArgv?: readonly string[];
  /** How many worker threads; default one per core, 2 to 4. */
  readonly size?: number;
  /** Where worker crashes are reported. */
  readonly log: LogSink;
}

/** One thread per core, at least 2 (so one worker's garbage collection never holds up every client), at most 4. */
export function defaultWorkerCount(): number {
  return Math.min(4, Math.max(2, availableParallelism()));
}

/**
 * The worker threads that own the GramJS clients. GramJS's per-message work (decoding, AES-IGE, big-integer
 * ids), handshakes and its garbage run there, so 1,000 connected accounts and 100 logins at once never
 * stall the main thread, which answers the window. Each client lives on one worker, the least loaded when
 * it was made. A worker that exits is replaced on the next use; its clients are told (ClientWatcher).
 */
export class TelegramWorkerPool {
  private readonly slots: (WorkerSlot | null)[];
  private readonly gateways = new Map<number, { options: WorkerGatewayOptions; log: LogSink }>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: TelegramWorkerPoolOptions) {
    const size = options.size ?? defaultWorkerCount();
    if (!Number.isInteger(size) || size < 1)
      throw new Error(`a worker pool needs at least one worker, got ${String(size)}`);
    this.slots = Array.from({ length: size }, () => null);
  }

  get size(): number {
    return this.slots.length;
  }

  /** Live clients per worker (dead or unstarted workers count 0), for tests and measurements. */
  clientCounts(): number[] {
    return this.slots.map((slot) => (slot?.alive ? slot.clients.size : 0));
  }

  /**
   * Starts every worker now rather than at the first client: loading GramJS takes each thread a moment
   * of CPU, better spent at start-up than at the user's first login.
   */
  start(): void {
    if (this.closed) return;
    for (let index = 0; index < this.slots.length; index++) {
      if (!this.slots[index]?.alive) this.spawn(index);
    }
  }

  /** Resolves once every worker has loaded its code (for measurements that should not count it). */
  async ready(): Promise<void> {
    this.start();
    const started = this.slots.filter((slot): slot is WorkerSlot => slot !== null);
    await Promise.all(started.map((slot) => this.request(slot, (callId) => ({ kind: 'ping', callId }))));
  }

  /** Asks every running worker for a full garbage collection (see ToWorker); their heaps afterwards. */
  async collectGarbage(): Promise<WorkerHeap[]> {
    const running = this.slots.filter((slot): slot is WorkerSlot => slot?.alive === true);
    const heaps = await Promise.all(
      running.map((slot) => this.request(slot, (callId) => ({ kind: 'collectGarbage', callId }))),
    );
    // Each worker answers collectGarbage with a WorkerHeap (worker-main.ts).
    return heaps as WorkerHeap[];
  }

  newId(): number {
    return this.nextId++;
  }

  /** Registers a gateway's options with every worker, present and future. */
  defineGateway(options: WorkerGatewayOptions, log: LogSink): number {
    const gatewayId = this.newId();
    this.gateways.set(gatewayId, { options, log });
    for (const slot of this.slots) {
      if (slot?.alive) this.post(slot, { kind: 'defineGateway', gatewayId, options });
    }
    return gatewayId;
  }

  /** The worker with the fewest clients, started (or restarted) if needed. */
  leastLoaded(): WorkerSlot {
    if (this.closed) throw new WorkerExited('the Telegram workers have been shut down');
    let best: WorkerSlot | null = null;
    for (let index = 0; index < this.slots.length; index++) {
      let slot = this.slots[index] ?? null;
      if (!slot?.alive) slot = this.spawn(index);
      if (!best || slot.clients.size < best.clients.size) best = slot;
    }
    if (!best) throw new Error('unreachable: a pool has at least one worker');
    return best;
  }

  watch(slot: WorkerSlot, clientId: number, watcher: ClientWatcher): void {
    slot.clients.set(clientId, watcher);
  }

  unwatch(slot: WorkerSlot, clientId: number): void {
    slot.clients.delete(clientId);
  }

  /** For a client whose worker is not known here (it failed to start). */
  unwatchEverywhere(clientId: number): void {
    for (const slot of this.slots) slot?.clients.delete(clientId);
  }

  post(slot: WorkerSlot, message: ToWorker): void {
    if (!slot.alive) throw new WorkerExited(`Telegram worker ${String(slot.index)} has exited`);
    slot.worker.postMessage(message);
  }

  /** Sends a message that expects an answer; rejects with WorkerExited if the worker exits first. */
  request(slot: WorkerSlot, message: (callId: number) => ToWorker): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (!slot.alive) {
        reject(new WorkerExited(`Telegram worker ${String(slot.index)} has exited`));
        return;
      }
      const callId = this.newId();
      slot.pending.set(callId, { resolve, reject });
      try {
        slot.worker.postMessage(message(callId));
      } catch (error) {
        // Nothing was sent (e.g. an argument that cannot be cloned): nothing will answer.
        slot.pending.delete(callId);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Stops every worker (their clients die with them); for app exit and tests. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.filter((slot): slot is WorkerSlot => slot !== null);
    this.slots.fill(null);
    await Promise.all(
      slots.map(async (slot) => {
        const wasAlive = slot.alive;
        this.retire(slot);
        if (wasAlive) await slot.worker.terminate();
      }),
    );
  }

  private spawn(index: number): WorkerSlot {
    const worker = new Worker(this.options.entry, {
      execArgv: [...(this.options.execArgv ?? [])],
      name: `telegram-${String(index)}`,
    });
    // The app's lifetime decides when workers end, not their open sockets.
    worker.unref();
    const slot: WorkerSlot = { index, worker, pending: new Map(), clients: new Map(), alive: true };
    this.slots[index] = slot;
    worker.on('message', (message: FromWorker) => {
      this.receive(slot, message);
    });
    worker.on('error', (error) => {
      this.options.log('error', `Telegram worker ${String(index)} failed: ${error.name}: ${error.message}`);
    });
    worker.on('exit', (code) => {
      if (!slot.alive) return;
      this.options.log('error', `Telegram worker ${String(index)} exited (code ${String(code)})`);
      this.retire(slot);
    });
    for (const [gatewayId, { options }] of this.gateways)
      this.post(slot, { kind: 'defineGateway', gatewayId, options });
    return slot;
  }

  /** Marks a worker gone: its pending calls fail and its clients hear of it. */
  private retire(slot: WorkerSlot): void {
    if (!slot.alive) return;
    slot.alive = false;
    if (this.slots[slot.index] === slot) this.slots[slot.index] = null;
    const pending = [...slot.pending.values()];
    slot.pending.clear();
    for (const { reject } of pending)
      reject(new WorkerExited(`Telegram worker ${String(slot.index)} has exited`));
    const watchers = [...slot.clients.values()];
    slot.clients.clear();
    for (const watcher of watchers) watcher.workerGone();
  }

  private receive(slot: WorkerSlot, message: FromWorker): void {
    switch (message.kind) {
      case 'resolved':
      case 'rejected': {
        const call = slot.pending.get(message.callId);
        if (!call) return;
        slot.pending.delete(message.callId);
        if (message.kind === 'resolved') call.resolve(reviveBuffers(message.value));
        else call.reject(errorOf(message.failure));
        return;
      }
      case 'connectionState':
        slot.clients.get(message.clientId)?.connectionState?.(message.state);
        return;
      case 'log':
        this.gateways.get(message.gatewayId)?.log(message.level, message.message);
        return;
    }
  }
}
