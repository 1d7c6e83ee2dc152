/**
 * Everything that belongs to one thing's lifetime (listeners, timers, a client to destroy), released
 * together by one dispose(), in the spirit of VS Code's DisposableStore: nothing is cleaned up by hand, so
 * nothing is forgotten. A timer that fired leaves the store by itself.
 */
export type Disposer = () => void | Promise<void>;

export class DisposableStore {
  private readonly disposers: Disposer[] = [];
  private disposed = false;

  /** Adds a disposer; one added after dispose() runs at once. */
  add(disposer: Disposer): void {
    if (this.disposed) {
      void disposer();
      return;
    }
    this.disposers.push(disposer);
  }

  /** A timer (unref'd: it never keeps the process alive) that dispose() cancels. */
  timeout(callback: () => void, ms: number): void {
    if (this.disposed) return;
    const cancel = (): void => {
      clearTimeout(timer);
    };
    const timer = setTimeout(() => {
      const index = this.disposers.indexOf(cancel);
      if (index !== -1) this.disposers.splice(index, 1);
      callback();
    }, ms);
    timer.unref();
    this.disposers.push(cancel);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Runs every disposer, newest first. The synchronous ones (timers, listeners) are done when this
   * returns; the promise settles once the asynchronous ones (a client's destroy) have too.
   */
  dispose(): Promise<void> {
    this.disposed = true;
    const running = this.disposers
      .splice(0)
      .reverse()
      .map(async (disposer) => {
        await disposer();
      });
    return Promise.all(running).then(() => undefined);
  }
}
