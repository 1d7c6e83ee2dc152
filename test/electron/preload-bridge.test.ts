import { describe, expect, it } from 'vitest';
import { defaultMessage } from '../../main/contract/errors.ts';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../main/contract/channels.ts';
import type { SwitchboardApi } from '../../preload/api-types.ts';
import { createApi, type IpcRendererPort } from '../../preload/bridge.ts';

/** A fake ipcRenderer that records what reached it. */
function fakePort(
  answer: (channel: string, payload: unknown) => Promise<unknown> = () =>
    Promise.resolve({ ok: true, value: [] }),
) {
  const invoked: [string, unknown][] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const port: IpcRendererPort = {
    invoke: (channel, payload) => {
      invoked.push([channel, payload]);
      return answer(channel, payload);
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  };
  const emit = (channel: string, payload: unknown): void => {
    for (const listener of listeners.get(channel) ?? []) listener(payload);
  };
  return { port, invoked, emit, listeners };
}

/** The renderer is untrusted: it can call window.api with anything, whatever the types say. */
const loose = (api: SwitchboardApi) =>
  api as unknown as {
    invoke(channel: unknown, payload: unknown): Promise<unknown>;
    on(event: unknown, listener: unknown): () => void;
  };

describe('window.api.invoke', () => {
  it('passes every contract channel through to ipcRenderer', async () => {
    const fake = fakePort();
    const api = createApi(fake.port);
    for (const channel of INVOKE_CHANNELS) {
      await expect(loose(api).invoke(channel, { n: 1 })).resolves.toEqual({ ok: true, value: [] });
    }
    expect(fake.invoked.map(([channel]) => channel)).toEqual([...INVOKE_CHANNELS]);
  });

  it.each([
    'accounts:delete',
    'ACCOUNTS:LIST',
    'accounts:list ',
    'login:changed', // an event, not an invoke channel
    '__proto__',
    'constructor',
    '',
    42,
    null,
    undefined,
    { toString: () => 'accounts:list' },
  ])('answers BAD_INPUT for %j without reaching ipcRenderer', async (channel) => {
    const fake = fakePort();
    const answer = await loose(createApi(fake.port)).invoke(channel, {});
    expect(answer).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: defaultMessage('BAD_INPUT') } });
    expect(fake.invoked).toEqual([]);
  });

  it('never rejects: a failing ipcRenderer.invoke becomes INTERNAL', async () => {
    const fake = fakePort(() => Promise.reject(new Error("No handler registered for 'accounts:list'")));
    await expect(createApi(fake.port).invoke('accounts:list', {})).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: defaultMessage('INTERNAL') },
    });
  });

  it.each([undefined, null, 'ok', { ok: 'yes' }, { ok: true }, { ok: false }, { ok: false, error: {} }])(
    'turns the malformed answer %j into INTERNAL',
    async (answer) => {
      const fake = fakePort(() => Promise.resolve(answer));
      await expect(createApi(fake.port).invoke('accounts:list', {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'INTERNAL' },
      });
    },
  );

  it("passes main's error Results through unchanged", async () => {
    const refusal = { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'no' } };
    const fake = fakePort(() => Promise.resolve(refusal));
    await expect(createApi(fake.port).invoke('accounts:list', {})).resolves.toEqual(refusal);
  });
});

describe('window.api.on', () => {
  it('delivers only the payload and stops after unsubscribing', () => {
    const fake = fakePort();
    const api = createApi(fake.port);
    const received: unknown[][] = [];
    const stop = api.on('accounts:changed', (...args: unknown[]) => received.push(args));
    fake.emit('accounts:changed', [{ id: '1' }]);
    stop();
    fake.emit('accounts:changed', [{ id: '2' }]);
    expect(received).toEqual([[[{ id: '1' }]]]);
  });

  it('accepts every event channel', () => {
    const fake = fakePort();
    const api = createApi(fake.port);
    for (const event of EVENT_CHANNELS) api.on(event, () => undefined);
    expect([...fake.listeners.keys()]).toEqual([...EVENT_CHANNELS]);
  });

  it.each(['accounts:list', 'login:changed ', 'ipc-message', '', 7])(
    'throws for the unknown event %j',
    (event) => {
      const fake = fakePort();
      expect(() => loose(createApi(fake.port)).on(event, () => undefined)).toThrow(TypeError);
      expect(fake.listeners.size).toBe(0);
    },
  );

  it('throws for a listener that is not a function', () => {
    const fake = fakePort();
    expect(() => loose(createApi(fake.port)).on('accounts:changed', 'alert(1)')).toThrow(TypeError);
  });
});

describe('window.api itself', () => {
  it('is frozen and has exactly invoke, on and onConnection', () => {
    const api = createApi(fakePort().port);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'onConnection']);
  });

  it('never reports a lost connection (IPC to main lives as long as the window), and checks the listener', () => {
    const api = createApi(fakePort().port);
    const heard: boolean[] = [];
    const stop = api.onConnection((connected) => heard.push(connected));
    expect(typeof stop).toBe('function');
    stop();
    expect(heard).toEqual([]);
    expect(() => api.onConnection('nope' as unknown as () => void)).toThrow(TypeError);
  });
});
