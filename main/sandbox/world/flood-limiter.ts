import type { Clock } from '../clock.ts';
import { RpcFailure } from '../mtproto/rpc-types.ts';
import type { RateLimit } from './world-file.ts';

/**
 * At most `limit` events per key in any sliding window of `windowSeconds`, by the world clock. When the
 * window is full the caller gets 420 FLOOD_WAIT_X, X being the whole seconds until the oldest event in
 * the window leaves it (so waiting exactly X seconds is always enough).
 */
export class SlidingWindowLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly rate: RateLimit,
    private readonly clock: Clock,
  ) {}

  private recent(key: string): number[] {
    const now = this.clock.now();
    const windowMs = this.rate.windowSeconds * 1000;
    const kept = (this.events.get(key) ?? []).filter((at) => at > now - windowMs);
    if (kept.length === 0) this.events.delete(key);
    else this.events.set(key, kept);
    return kept;
  }

  /** Seconds until one more event is allowed; 0 if it is allowed now. */
  waitSeconds(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.rate.limit) return 0;
    const oldestThatMustLeave = recent[recent.length - this.rate.limit] ?? this.clock.now();
    const freeAt = oldestThatMustLeave + this.rate.windowSeconds * 1000;
    return Math.max(1, Math.ceil((freeAt - this.clock.now()) / 1000));
  }

  /** Throws 420 FLOOD_WAIT_X if the window is full. */
  check(key: string): void {
    const wait = this.waitSeconds(key);
    if (wait > 0) throw new RpcFailure(420, `FLOOD_WAIT_${wait}`);
  }

  record(key: string): void {
    const recent = this.recent(key);
    recent.push(this.clock.now());
    this.events.set(key, recent);
  }

  /** Every key's events in the window (for saving the world). */
  entries(): { key: string; at: number[] }[] {
    return [...this.events.keys()].flatMap((key) => {
      const at = this.recent(key);
      return at.length === 0 ? [] : [{ key, at: [...at] }];
    });
  }

  /** Takes back saved events (loading a saved world); those already out of the window are dropped. */
  restore(saved: readonly { readonly key: string; readonly at: readonly number[] }[]): void {
    for (const { key, at } of saved) {
      this.events.set(key, [...at]);
      this.recent(key);
    }
  }

  reset(key?: string): void {
    if (key === undefined) this.events.clear();
    else this.events.delete(key);
  }
}
