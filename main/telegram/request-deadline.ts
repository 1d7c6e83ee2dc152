import { AppFailure, appError, type AppError, type ErrorCode } from '../contract/errors.ts';
import { NonErrorRejection } from './error-mapping.ts';

/**
 * The app's own deadline for GramJS calls, which have none: a request whose answer never comes (after a
 * transport -404, GramJS stops reading and the call hangs forever) fails with an AppFailure instead.
 * Deadlines still running when their client is destroyed are settled at once, so nothing waits on them.
 */
export class RequestDeadlines {
  private readonly running = new Set<(failure: AppFailure) => void>();

  /** `work` or, after `ms`, an AppFailure with the code `onExpiry` picks at that moment. */
  race<T>(work: Promise<T>, ms: number, onExpiry: () => ErrorCode): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const settle = (failure: AppFailure): void => {
        clearTimeout(timer);
        this.running.delete(settle);
        reject(failure);
      };
      const timer = setTimeout(() => {
        settle(new AppFailure(appError(onExpiry())));
      }, ms);
      this.running.add(settle);
      work.then(
        (value) => {
          clearTimeout(timer);
          this.running.delete(settle);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          this.running.delete(settle);
          reject(error instanceof Error ? error : new NonErrorRejection(error));
        },
      );
    });
  }

  /** Fails every running deadline with `error` (the client is going away, or can never work). */
  abandonAll(error: AppError): void {
    for (const settle of [...this.running]) settle(new AppFailure(error));
  }
}
