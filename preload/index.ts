/**
 * The sandboxed preload (built to out/preload/index.cjs, CommonJS, everything bundled): exposes
 * `window.api` = { invoke, on } and nothing else. ipcRenderer itself, and the event objects it hands to
 * listeners, never reach the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApi } from './bridge.ts';

const api = createApi({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  on: (channel, listener) => {
    const forward = (_event: IpcRendererEvent, payload: unknown): void => {
      listener(payload);
    };
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
});

contextBridge.exposeInMainWorld('api', api);
