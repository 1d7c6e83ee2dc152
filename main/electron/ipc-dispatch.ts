import { appError, type Result } from '../contract/errors.ts';
import type { InvokeChannel } from '../contract/channels.ts';
import type { IpcDispatcher } from '../contract/transport-types.ts';
import type { Logger } from '../logging/log.ts';
import { senderInfoOf, type InvokeEventLike } from './sender-info.ts';

export type InvokeHandler = (
  channel: InvokeChannel,
  event: InvokeEventLike,
  payload: unknown,
) => Promise<Result<unknown>>;

/**
 * What ipc-bridge.ts runs for every ipcMain.handle call, without Electron: builds the SenderInfo and
 * passes the request to the dispatcher. It never throws: Electron would hand the renderer only an
 * exception's message (electron#24427) and the renderer expects a Result, so a dispatcher bug becomes
 * INTERNAL here and its detail stays in the main-process log.
 * @param appContents the main window's current webContents, or undefined while there is none.
 */
export function createInvokeHandler(
  dispatcher: IpcDispatcher,
  appContents: () => object | undefined,
  log: Logger,
): InvokeHandler {
  return async (channel, event, payload) => {
    const sender = senderInfoOf(event, appContents());
    try {
      return await dispatcher.dispatch(channel, payload, sender);
    } catch (error) {
      const name = error instanceof Error ? error.name : typeof error;
      log('error', `IPC ${channel}: the dispatcher threw ${name} instead of returning a Result`);
      return { ok: false, error: appError('INTERNAL') };
    }
  };
}
