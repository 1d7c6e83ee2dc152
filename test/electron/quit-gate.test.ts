import { describe, expect, it, vi } from 'vitest';
import type { LogLevel } from '../../main/logging/log.ts';
import { createQuitGate } from '../../main/electron/quit-gate.ts';

function quitEvent() {
  let prevented = false;
  return {
    preventDefault: () => {
      prevented = true;
    },
    get prevented() {
      return prevented;
    },
  };
}

function deferred() {
  let resolve: () => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('createQuitGate', () => {
  it('holds the first quit until shutdown finishes, runs shutdown once, then lets quitting through', async () => {
    const done = deferred();
    const shutdown = vi.fn(() => done.promise);
    const quit = vi.fn();
    const gate = createQuitGate(shutdown, quit, () => undefined);

    const first = quitEvent();
    gate(first);
    const second = quitEvent();
    gate(second);
    expect(first.prevented).toBe(true);
    expect(second.prevented).toBe(true);
    expect(shutdown).toHaveBeenCalledTimes(1);
    expect(quit).not.toHaveBeenCalled();

    done.resolve();
    await vi.waitFor(() => {
      expect(quit).toHaveBeenCalledTimes(1);
    });
    const after = quitEvent();
    gate(after);
    expect(after.prevented).toBe(false);
    expect(shutdown).toHaveBeenCalledTimes(1);
  });

  it('still quits when shutdown fails, and logs it', async () => {
    const logs: [LogLevel, string][] = [];
    const quit = vi.fn();
    const gate = createQuitGate(
      () => Promise.reject(new Error('boom')),
      quit,
      (level, message) => logs.push([level, message]),
    );
    gate(quitEvent());
    await vi.waitFor(() => {
      expect(quit).toHaveBeenCalledTimes(1);
    });
    expect(logs).toEqual([['error', 'shutdown failed: boom']]);
  });

  it('quits anyway when shutdown hangs past the timeout', async () => {
    vi.useFakeTimers();
    try {
      const logs: [LogLevel, string][] = [];
      const quit = vi.fn();
      const gate = createQuitGate(
        () => new Promise<void>(() => undefined),
        quit,
        (level, message) => logs.push([level, message]),
        1_000,
      );
      gate(quitEvent());
      await vi.advanceTimersByTimeAsync(999);
      expect(quit).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(quit).toHaveBeenCalledTimes(1);
      expect(logs[0]?.[0]).toBe('warn');
    } finally {
      vi.useRealTimers();
    }
  });
});
