import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/** Rows rendered beyond each edge of the viewport, so a fast wheel or a Tab never shows an empty gap. */
export const OVERSCAN_ROWS = 8;
/**
 * The height of a row before the list could be measured (and where there is no layout): 4.5rem at the
 * root's 15px, as --account-row-height in accounts.css. Only decides which rows render, never where.
 */
export const FALLBACK_ROW_PX = 67.5;

/** The rows to render: indexes from `start` up to, not including, `end`. */
export interface RowWindow {
  readonly start: number;
  readonly end: number;
}

/**
 * Which rows of a list of `count` fixed-height rows are in the viewport, plus OVERSCAN_ROWS on each side.
 * The list scrolls with the page (or any scrolling ancestor): its position comes from the list's
 * getBoundingClientRect() against window.innerHeight, re-read on every scroll and resize. The row height
 * is the list's height over `count` (the list is exactly `count` rows tall).
 */
export function useVisibleRows(listRef: RefObject<HTMLElement | null>, count: number): RowWindow {
  const [range, setRange] = useState<RowWindow>(() => rowWindow(0, 0, 0, count));
  const countRef = useRef(count);
  countRef.current = count;

  const measure = useCallback(
    (sync: boolean) => {
      const list = listRef.current;
      const rows = countRef.current;
      if (list === null) return;
      const rect = list.getBoundingClientRect();
      const rowPx = rect.height > 0 && rows > 0 ? rect.height / rows : FALLBACK_ROW_PX;
      const next = rowWindow(-rect.top, window.innerHeight, rowPx, rows);
      const update = (): void => {
        setRange((previous) =>
          previous.start === next.start && previous.end === next.end ? previous : next,
        );
      };
      // While scrolling, the new rows must be in the DOM before the frame that scrolled paints.
      if (sync) flushSync(update);
      else update();
    },
    [listRef],
  );

  // Every change of the list (a search, a filter, accounts coming and going) re-reads its position.
  useLayoutEffect(() => {
    measure(false);
  }, [measure, count]);

  useEffect(() => {
    const onScroll = (): void => {
      measure(true);
    };
    // Capture: scroll events do not bubble, so this also hears a scrolling ancestor other than the page.
    window.addEventListener('scroll', onScroll, { capture: true, passive: true });
    window.addEventListener('resize', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll, { capture: true });
      window.removeEventListener('resize', onScroll);
    };
  }, [measure]);

  return range.end > count ? rowWindow(0, 0, 0, count) : range;
}

/**
 * The rows to render when the viewport starts `offset` px below the top of the list (negative: the list
 * starts below the top of the viewport) and is `viewport` px tall. An offset past the end (the list just
 * got shorter, say) shows its last rows rather than none.
 */
export function rowWindow(offset: number, viewport: number, rowPx: number, count: number): RowWindow {
  const height = rowPx > 0 ? rowPx : FALLBACK_ROW_PX;
  const inView = Math.max(1, Math.ceil((viewport > 0 ? viewport : height) / height));
  const lastStart = Math.max(0, count - inView - OVERSCAN_ROWS);
  const start = Math.min(lastStart, Math.max(0, Math.floor(offset / height) - OVERSCAN_ROWS));
  const end = Math.min(
    count,
    Math.max(Math.ceil((offset + viewport) / height) + OVERSCAN_ROWS, start + inView + OVERSCAN_ROWS),
  );
  return { start, end };
}
