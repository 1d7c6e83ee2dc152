import { ipcMain, type BrowserWindow } from 'electron';
import { INVOKE_CHANNELS, isEventChannel } from '../contract/channels.ts';
import type { EventSink, IpcDispatcher } from '../contract/transport-types.ts';
import { createInvokeHandler } from './ipc-dispatch.ts';
import type { Logger } from '../logging/log.ts';
import { isAllowedNavigation } from './navigation-policy.ts';

/**
 * The only caller of ipcMain: one ipcMain.handle per invoke channel, each handing the request to the
 * dispatcher (which validates the payload and the sender). Returns a function that removes the handlers.
 * @param appWindow the main window, or undefined while there is none (then every sender is untrusted).
 */
export function registerIpcBridge(
  dispatcher: IpcDispatcher,
  appWindow: () => BrowserWindow | undefined,
  log: Logger,
): () => void {
  const handle = createInvokeHandler(dispatcher, () => liveWindow(appWindow())?.webContents, log);
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => handle(channel, event, payload));
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/**
 * Events from main to the main window (AppServices.setEventSink). Dropped while there is no window, and
 * while it does not show the app's own page, so they can never reach anything else.
 */
export function createWindowEventSink(
  appWindow: () => BrowserWindow | undefined,
  entryUrl: string,
): EventSink {
  return (channel, payload) => {
    if (!isEventChannel(channel)) return;
    const contents = liveWindow(appWindow())?.webContents;
    if (contents === undefined || !isAllowedNavigation(contents.getURL(), entryUrl)) return;
    contents.send(channel, payload);
  };
}

function liveWindow(window: BrowserWindow | undefined): BrowserWindow | undefined {
  return window === undefined || window.isDestroyed() ? undefined : window;
}
