import type { ConnectionState } from './gateway.ts';

/**
 * One client's connection state as the app sees it, fed by its connection class (socket opened, attempt
 * failed, socket closed, auth key rejected) and by connect() itself. Listeners hear changes only.
 */
export class ConnectionStateTracker {
  private current: ConnectionState = 'offline';
  private readonly listeners = new Set<(state: ConnectionState) => void>();
  private stopped = false;

  get state(): ConnectionState {
    return this.current;
  }

  set(state: ConnectionState): void {
    if (this.stopped || state === this.current) return;
    this.current = state;
    for (const listener of [...this.listeners]) listener(state);
  }

  subscribe(listener: (state: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** After destroy nothing is reported any more. */
  stop(): void {
    this.stopped = true;
    this.listeners.clear();
  }
}
