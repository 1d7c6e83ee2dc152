/**
 * `Promise.all(items.map(work))` with at most `limit` calls running at once, results in input order.
 * Pasting hundreds of numbers must not put hundreds of requests in flight at once (the browser harness
 * refuses more than 64 per socket, and main gains nothing from a burst).
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
