import type { ClientInfo } from '../tl/api-codec.ts';
import { SequenceNumbers } from './message-ids.ts';

/** Where the server sends messages it initiates (updates) for a session: its latest live connection. */
export interface PushTarget {
  push(record: AuthKeyRecord, session: SessionState, body: Buffer): void;
  readonly closed: boolean;
}

export class SessionState {
  readonly seq = new SequenceNumbers();
  /** The connection the session last spoke on; updates go there. */
  connection: PushTarget | undefined;
  /** Set by invokeWithoutUpdates: the client asked not to receive updates on this session. */
  withoutUpdates = false;
  /** Completion of recent requests, for invokeAfterMsg(s). Bounded: old entries are dropped. */
  readonly completions = new Map<bigint, Promise<void>>();

  constructor(readonly id: bigint) {}

  rememberCompletion(msgId: bigint, done: Promise<void>): void {
    this.completions.set(msgId, done);
    if (this.completions.size > 256) {
      const oldest = this.completions.keys().next();
      if (!oldest.done) this.completions.delete(oldest.value);
    }
  }
}

/** One auth key the server knows on one DC, with what the client said about itself on it. */
export class AuthKeyRecord {
  readonly sessions = new Map<bigint, SessionState>();
  layer: number | undefined;
  clientInfo: ClientInfo | undefined;
  lastActiveAtMs: number;

  constructor(
    readonly id: bigint,
    readonly key: Buffer,
    readonly dcId: number,
    public salt: bigint,
    readonly createdAtMs: number,
  ) {
    this.lastActiveAtMs = createdAtMs;
  }
}

/** The auth keys of one DC. Forgetting a key is what makes the server answer that client with -404. */
export class AuthKeyStore {
  private readonly keys = new Map<bigint, AuthKeyRecord>();

  constructor(readonly dcId: number) {}

  add(record: AuthKeyRecord): void {
    this.keys.set(record.id, record);
  }

  get(id: bigint): AuthKeyRecord | undefined {
    return this.keys.get(id);
  }

  forget(id: bigint): boolean {
    return this.keys.delete(id);
  }

  get size(): number {
    return this.keys.size;
  }

  all(): IterableIterator<AuthKeyRecord> {
    return this.keys.values();
  }
}
