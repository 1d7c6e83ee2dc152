/** Resolves once `predicate` holds (checked every 20 ms); rejects after `timeoutMs` without it. */
export function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (predicate()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`condition not met within ${timeoutMs} ms`));
      }
    }, 20);
  });
}
