import { createRequire } from 'node:module';

/**
 * Spreads GramJS's automatic reconnects over turns of the event loop. After a dropped connection every
 * GramJS sender waits a fixed second (`MTProtoSender.reconnect`) and then runs `_reconnect`, whose first
 * part is synchronous: closing the old connection, a new MTProto state (random ids through big-integer),
 * a new connection object. When the network drops every connection at once, all of those timers fire in
 * the same turn, and 1,000 accounts' synchronous parts ran back to back for 0.3-0.4 s. Paced, at most
 * RECONNECTS_PER_TURN senders start their `_reconnect` per turn; each continues as GramJS wrote it (its
 * dial then waits at the dial gate). Nothing is held: a reconnect that hangs delays no other.
 */
const RECONNECTS_PER_TURN = 8;

interface SenderPrototype {
  _reconnect: (this: unknown) => Promise<void>;
}
interface SenderModule {
  MTProtoSender: { prototype: SenderPrototype };
}

/** Lets `perTurn` callers through per turn of the event loop, in the order they asked. */
export class TurnPacer {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;
  private passedThisTurn = 0;

  constructor(private readonly perTurn: number) {
    if (!Number.isInteger(perTurn) || perTurn < 1)
      throw new RangeError('the pacer needs at least 1 per turn');
  }

  /** Resolves in a later turn, once fewer than `perTurn` callers have gone before it in that turn. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.passedThisTurn = 0;
      while (this.passedThisTurn < this.perTurn) {
        const next = this.waiting.shift();
        if (next === undefined) return;
        this.passedThisTurn++;
        next();
      }
      if (this.waiting.length > 0) this.schedule();
    });
  }
}

const requireFromHere = createRequire(import.meta.url);
let installed = false;

/** Puts every GramJS sender's `_reconnect` of the process behind one pacer (once per process). */
export function installReconnectPacing(): void {
  if (installed) return;
  const { MTProtoSender } = requireFromHere('telegram/network/MTProtoSender') as SenderModule;
  const original = MTProtoSender.prototype._reconnect;
  if (typeof original !== 'function') {
    throw new Error('GramJS no longer has MTProtoSender._reconnect; update the reconnect pacing');
  }
  const pacer = new TurnPacer(RECONNECTS_PER_TURN);
  MTProtoSender.prototype._reconnect = async function pacedReconnect(this: unknown): Promise<void> {
    await pacer.turn();
    await original.call(this);
  };
  installed = true;
}
