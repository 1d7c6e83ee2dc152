import { appError } from '../main/contract/error-catalogue.ts';
import type { Result } from '../main/contract/errors.ts';
import { isEventChannel, isInvokeChannel } from '../main/contract/channels.ts';
import type { ChannelOutput } from '../main/contract/ipc-contract.ts';
import type { SwitchboardApi } from './api-types.ts';

/** What the bridge needs from ipcRenderer; preload/index.ts adapts the real one (dropping its event object). */
export interface IpcRendererPort {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
}

// From the zod-free catalogue: the sandboxed preload bundles nothing it does not need.
const BAD_INPUT = appError('BAD_INPUT');
const INTERNAL = appError('INTERNAL');

/**
 * Builds `window.api` without Electron, so its allowlist runs under plain Node in tests. Only channels
 * from channels.ts pass; the rest is refused here, before anything reaches ipcRenderer.
 */
export function createApi(port: IpcRendererPort): SwitchboardApi {
  const api: SwitchboardApi = {
    async invoke(channel, payload) {
      if (!isInvokeChannel(channel)) return { ok: false, error: BAD_INPUT };
      let answer: unknown;
      try {
        answer = await port.invoke(channel, payload);
      } catch {
        // No handler registered yet, or main threw: the renderer still gets a Result, never an exception.
        return { ok: false, error: INTERNAL };
      }
      // Main's dispatcher has validated the answer against the contract; only its envelope is checked here.
      return isResultEnvelope(answer)
        ? (answer as Result<ChannelOutput<typeof channel>>)
        : { ok: false, error: INTERNAL };
    },
    on(event, listener) {
      if (!isEventChannel(event)) throw new TypeError('window.api.on: unknown event');
      if (typeof listener !== 'function')
        throw new TypeError('window.api.on: the listener must be a function');
      return port.on(event, (payload) => {
        // The contract types the payload; main sends only what its event schema allows.
        listener(payload as Parameters<typeof listener>[0]);
      });
    },
    onConnection(listener) {
      if (typeof listener !== 'function')
        throw new TypeError('window.api.onConnection: the listener must be a function');
      // IPC to main never drops while this window lives: nothing to report, ever.
      return () => undefined;
    },
  };
  return Object.freeze(api);
}

function isResultEnvelope(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string';
}
