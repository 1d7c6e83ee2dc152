import { useEffect, useState } from 'react';

/**
 * Milliseconds left until `deadline` (epoch ms), 0 once it has passed, null without a deadline. Only the
 * component that calls it re-renders, once per second on the second boundary, and the timer stops at 0:
 * 200 cards' countdowns never re-render the board.
 */
export function useCountdown(deadline: number | null, now: () => number = Date.now): number | null {
  const [remaining, setRemaining] = useState(() =>
    deadline === null ? null : Math.max(0, deadline - now()),
  );

  useEffect(() => {
    if (deadline === null) {
      setRemaining(null);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = (): void => {
      const left = Math.max(0, deadline - now());
      setRemaining(left);
      if (left > 0) timer = setTimeout(tick, left % 1000 || 1000);
    };
    tick();
    return () => {
      clearTimeout(timer);
    };
  }, [deadline, now]);

  return remaining;
}
