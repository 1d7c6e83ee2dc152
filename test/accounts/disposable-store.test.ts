import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DisposableStore } from '../../main/lifecycle/disposable-store.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('DisposableStore', () => {
  it('releases everything at once, newest first, timers before they fire', async () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.add(() => {
      order.push('listener');
    });
    store.timeout(() => order.push('timer fired'), 1_000);
    store.add(async () => {
      await Promise.resolve();
      order.push('client destroyed');
    });
    const disposed = store.dispose();
    // The synchronous disposers are done before dispose() returns.
    expect(order).toEqual(['listener']);
    await disposed;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(order).toEqual(['listener', 'client destroyed']);
  });

  it('lets a timer that fired leave the store, and runs what is added after dispose at once', async () => {
    const store = new DisposableStore();
    const fired = vi.fn();
    store.timeout(fired, 100);
    await vi.advanceTimersByTimeAsync(100);
    expect(fired).toHaveBeenCalledTimes(1);
    await store.dispose();
    const late = vi.fn();
    store.add(late);
    expect(late).toHaveBeenCalledTimes(1);
    store.timeout(fired, 100);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fired).toHaveBeenCalledTimes(1);
    expect(store.isDisposed).toBe(true);
  });
});
