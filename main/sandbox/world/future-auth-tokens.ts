import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';

/** Telegram keeps (and clients send) at most this many future auth tokens per account. */
export const MAX_FUTURE_AUTH_TOKENS = 20;

interface StoredToken {
  readonly userId: bigint;
  readonly expiresAtMs: number;
}

/**
 * Future auth tokens: handed out with every auth.authorization and auth.loggedOut, and redeemed through
 * CodeSettings.logout_tokens on auth.sendCode to log in again without a code. Each is single-use,
 * expires, and only the newest 20 of an account are valid (older ones are forgotten, as the client
 * forgets them too).
 */
export class FutureAuthTokens {
  private readonly tokens = new Map<string, StoredToken>();
  /** Per account, its tokens oldest first. */
  private readonly order = new Map<bigint, string[]>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
  ) {}

  issue(userId: bigint): Buffer {
    const token = randomBytes(48);
    const name = token.toString('hex');
    this.tokens.set(name, { userId, expiresAtMs: this.clock.now() + this.ttlSeconds * 1000 });
    const list = this.order.get(userId) ?? [];
    list.push(name);
    while (list.length > MAX_FUTURE_AUTH_TOKENS) {
      const evicted = list.shift();
      if (evicted !== undefined) this.tokens.delete(evicted);
    }
    this.order.set(userId, list);
    return token;
  }

  /** Consumes the first of `candidates` that is a live token of this account; true if one was. */
  redeem(userId: bigint, candidates: readonly Buffer[]): boolean {
    for (const candidate of candidates) {
      const name = candidate.toString('hex');
      const stored = this.tokens.get(name);
      if (stored?.userId !== userId) continue;
      this.forget(name, userId);
      if (stored.expiresAtMs > this.clock.now()) return true;
    }
    return false;
  }

  /** Every kept token, each account's oldest first (for saving the world). */
  entries(): { readonly token: Buffer; readonly userId: bigint; readonly expiresAtMs: number }[] {
    return [...this.order.values()].flatMap((names) =>
      names.flatMap((name) => {
        const stored = this.tokens.get(name);
        return stored ? [{ token: Buffer.from(name, 'hex'), ...stored }] : [];
      }),
    );
  }

  /** Takes back saved tokens (loading a saved world), oldest first per account. */
  restore(
    saved: readonly { readonly token: Buffer; readonly userId: bigint; readonly expiresAtMs: number }[],
  ): void {
    for (const { token, userId, expiresAtMs } of saved) {
      const name = token.toString('hex');
      this.tokens.set(name, { userId, expiresAtMs });
      this.order.set(userId, [...(this.order.get(userId) ?? []), name]);
    }
  }

  /** How many tokens of this account are still kept (expired ones included until tried). */
  count(userId: bigint): number {
    return this.order.get(userId)?.length ?? 0;
  }

  private forget(name: string, userId: bigint): void {
    this.tokens.delete(name);
    const list = this.order.get(userId);
    if (list)
      this.order.set(
        userId,
        list.filter((t) => t !== name),
      );
  }
}
