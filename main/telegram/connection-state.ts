import type { ConnectionState } from './gateway.ts';

/**
 * One client's connection state as the app sees it, fed by its connection class (socket opened, attempt
 * failed, socket closed, auth key rejected) and by connect() itself. Listeners hear changes only.
 *
 * A rejected auth key (transport -404) is final: the state becomes `signedOut` and stays there, and
 * whoever asked with onKeyLost() is told once, so the client can stop (GramJS would otherwise hang or loop).
 */
export class ConnectionStateTracker {
  private current: ConnectionState = 'offline';
  private readonly listeners = new Set<(state: ConnectionState) => void>();
  private readonly keyLostListeners = new Set<() => void>();
  private frozen = false;
  private lost = false;

  get state(): ConnectionState {
    return this.current;
  }

  /** Whether the server has said it no longer knows this client's auth key. */
  get keyLost(): boolean {
    return this.lost;
  }

  set(state: ConnectionState): void {
    if (this.frozen || state === this.current) return;
    this.current = state;
    for (const listener of [...this.listeners]) listener(state);
  }

  subscribe(listener: (state: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  onKeyLost(listener: () => void): void {
    this.keyLostListeners.add(listener);
  }

  /**
   * The server answered -404: tells the key-lost listeners first (the client fails what is pending with
   * the right code and stops), then reports `signedOut` as the last state (whose listeners may destroy it).
   */
  keyRejected(): void {
    if (this.frozen) return;
    this.lost = true;
    for (const listener of [...this.keyLostListeners]) listener();
    this.keyLostListeners.clear();
    this.set('signedOut');
    this.frozen = true;
  }

  /** After destroy nothing is reported any more. */
  stop(): void {
    this.frozen = true;
    this.listeners.clear();
    this.keyLostListeners.clear();
  }
}
