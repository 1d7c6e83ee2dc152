/** The methods of T named in M, each a function that returns a promise (the interfaces' methods all do). */
type AsyncMethodsOf<T, M extends keyof T> = {
  readonly [K in M]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : never;
};

/** What T's method K resolves with. */
export type RemoteResult<T, K extends keyof T> = T[K] extends (...args: never[]) => Promise<infer R>
  ? R
  : never;

/** Sends one call of `method` with `args` across the worker boundary and resolves with its answer. */
export type RemoteInvoke<T, M extends keyof T> = <K extends M>(
  method: K,
  args: T[K] extends (...args: infer A) => unknown ? A : never,
) => Promise<RemoteResult<T, K>>;

/**
 * One forwarder per listed method of an interface, built from the list instead of written by hand: each
 * method becomes `invoke(name, args)`. The names are keys of the interface (LOGIN_METHODS and
 * ACCOUNT_METHODS in protocol.ts), so a method added there is forwarded with its own types.
 */
export function remoteMethods<T, M extends keyof T & string>(
  methods: readonly M[],
  invoke: RemoteInvoke<T, M>,
): AsyncMethodsOf<T, M> {
  const forwarders: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const method of methods) {
    forwarders[method] = (...args) => invoke(method, args as never);
  }
  // Built above with exactly one forwarder per name in M, each taking and returning what T[M] does.
  return forwarders as AsyncMethodsOf<T, M>;
}
