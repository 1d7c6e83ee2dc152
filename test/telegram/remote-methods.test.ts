import { describe, expect, it } from 'vitest';
import { remoteMethods, type RemoteInvoke } from '../../main/telegram/worker/remote-methods.ts';

/** The forwarders the worker gateway builds from an interface's method list, instead of writing each. */
interface Greeter {
  greet(name: string, times: number): Promise<string>;
  count(): Promise<number>;
  close(): Promise<void>;
}

describe('remoteMethods', () => {
  it('makes one forwarder per listed method, passing its name and arguments, and nothing else', async () => {
    const calls: [string, readonly unknown[]][] = [];
    const invoke: RemoteInvoke<Greeter, 'greet' | 'count'> = (method, args) => {
      calls.push([method, args]);
      // A fake worker: each method's answer, typed by the method asked for.
      return Promise.resolve((method === 'greet' ? 'hi' : 3) as never);
    };
    const remote = remoteMethods<Greeter, 'greet' | 'count'>(['greet', 'count'], invoke);
    expect(await remote.greet('Ada', 2)).toBe('hi');
    expect(await remote.count()).toBe(3);
    expect(calls).toEqual([
      ['greet', ['Ada', 2]],
      ['count', []],
    ]);
    expect(Object.keys(remote).sort()).toEqual(['count', 'greet']);
  });
});
