/**
 * Limits how many clients create an auth key at the same time. Each handshake needs ~10 ms of main-thread
 * CPU in one piece (two 2048-bit modular exponentiations, GramJS calls them synchronously). When many
 * logins start at once their handshakes finish together and run back to back in one turn of the event
 * loop; with at most a few in flight that turn stays short. Logins wait a little longer instead.
 */
export class HandshakeGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('the gate needs a limit of at least 1');
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
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
