import { useEffect, useState } from 'react';

/**
 * One clock for every countdown on the board. All countdowns read it in the same timer callback, so
 * React batches their updates into one commit per tick, however many cards are counting (200 cards with
 * their own timers meant about 120 separate commits a second, which keystrokes had to wait behind).
 */
const TICK_MS = 250;
const listeners = new Set<() => void>();
let ticker: ReturnType<typeof setInterval> | undefined;

function onTick(listener: () => void): () => void {
  listeners.add(listener);
  ticker ??= setInterval(() => {
    for (const notify of [...listeners]) notify();
  }, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && ticker !== undefined) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };
}

/** The time left, rounded up to whole seconds: what a countdown shows, so a tick that changes nothing visible re-renders nothing. */
function secondsLeftMs(deadline: number, now: number): number {
  return Math.ceil(Math.max(0, deadline - now) / 1000) * 1000;
}

/**
 * Milliseconds left until `deadline` (epoch ms) in whole seconds, 0 once it has passed, null without a
 * deadline. Only the calling component re-renders, once per second, at most a quarter second late, and
 * it stops listening at 0.
 */
export function useCountdown(deadline: number | null): number | null {
  const [remaining, setRemaining] = useState(() =>
    deadline === null ? null : secondsLeftMs(deadline, Date.now()),
  );

  useEffect(() => {
    if (deadline === null) {
      setRemaining(null);
      return;
    }
    const first = secondsLeftMs(deadline, Date.now());
    setRemaining(first);
    if (first === 0) return;
    const stop = onTick(() => {
      const left = secondsLeftMs(deadline, Date.now());
      setRemaining(left);
      if (left === 0) stop();
    });
    return stop;
  }, [deadline]);

  return remaining;
}
