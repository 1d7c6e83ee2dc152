/**
 * Server message ids: unixtime in the high 32 bits, strictly increasing, and ≡ 1 (mod 4) for answers to a
 * client message or ≡ 3 (mod 4) for messages the server sends on its own. One generator per process keeps
 * them unique across every session.
 */
export class ServerMessageIds {
  private last = 0n;

  next(kind: 'answer' | 'unprompted'): bigint {
    const nowNs = process.hrtime.bigint() + this.epochOffsetNs;
    const seconds = nowNs / 1_000_000_000n;
    const fraction = ((nowNs % 1_000_000_000n) << 32n) / 1_000_000_000n;
    let base = ((seconds << 32n) | fraction) & ~3n;
    if (base <= this.last) base = (this.last & ~3n) + 4n;
    const id = base | (kind === 'answer' ? 1n : 3n);
    this.last = id;
    return id;
  }

  private readonly epochOffsetNs = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();
}

/** seq_no: twice the number of content-related messages sent before, plus one if this one is content-related. */
export class SequenceNumbers {
  private contentSent = 0;

  next(contentRelated: boolean): number {
    if (!contentRelated) return this.contentSent * 2;
    return this.contentSent++ * 2 + 1;
  }
}
