import type { Result } from './errors.ts';
import type { EventChannel, InvokeChannel } from './channels.ts';

/**
 * What an IPC transport (Electron's ipcMain, or the browser harness's WebSocket) knows about who sent a
 * request. The dispatcher refuses anything that is not the app's own top-level renderer frame.
 */
export interface SenderInfo {
  /** The URL of the frame that sent the message. */
  readonly frameUrl: string;
  /** false when the message came from a sub-frame. */
  readonly isMainFrame: boolean;
  /** false when the sender is not the app's main window. */
  readonly isAppWindow: boolean;
}

/** The electron-free heart of IPC: validates, checks the sender, calls the service, validates the answer. */
export interface IpcDispatcher {
  dispatch(channel: string, payload: unknown, sender: SenderInfo): Promise<Result<unknown>>;
  readonly channels: readonly InvokeChannel[];
}

/** Where main's events go: Electron's webContents.send, the harness's WebSocket, or a test's list. */
export type EventSink = (channel: EventChannel, payload: unknown) => void;
