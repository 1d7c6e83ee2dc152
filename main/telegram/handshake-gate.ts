/**
 * Limits how many clients do a piece of connection work at the same time (the process shares one gate
 * per kind of work). Each handshake needs ~10 ms of main-thread CPU in one piece (two 2048-bit modular
 * exponentiations, GramJS calls them synchronously). When many logins start at once their handshakes
 * finish together and run back to back in one turn of the event loop; with at most a few in flight that
 * turn stays short. Logins wait a little longer instead. The same holds for socket dials when a network
 * outage makes every client reconnect at once.
 */
export class HandshakeGate {
  private active = 0;
  private most = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('the gate needs a limit of at least 1');
  }

  /** Work inside the gate right now. */
  get running(): number {
    return this.active;
  }

  /** The most work that was ever inside the gate at once (never above the limit). */
  get peak(): number {
    return this.most;
  }

  /** Work waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
      this.most = Math.max(this.most, this.active);
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` only drops when nobody waits.
      if (next) next();
      else this.active--;
    }
  }
}
