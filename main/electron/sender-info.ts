import type { SenderInfo } from '../contract/transport-types.ts';

/** The parts of Electron's WebFrameMain that decide who sent an IPC message. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

/** The parts of Electron's IpcMainInvokeEvent that decide who sent it. */
export interface InvokeEventLike {
  /** null when the frame has navigated away or been destroyed before the message was handled. */
  readonly senderFrame: FrameLike | null;
  readonly sender: { readonly mainFrame: FrameLike };
}

const UNTRUSTED: SenderInfo = { frameUrl: '', isMainFrame: false, isAppWindow: false };

/**
 * What the dispatcher needs to accept or refuse a message: the frame's URL, whether it is the top frame
 * of its page, and whether that page is the app's main window (the dispatcher also checks the URL's
 * origin). A missing or already disposed frame (Electron throws on reading its properties) is untrusted.
 * @param appContents the main window's webContents, or undefined while there is no window.
 */
export function senderInfoOf(event: InvokeEventLike, appContents: object | undefined): SenderInfo {
  try {
    const frame = event.senderFrame;
    if (frame === null) return UNTRUSTED;
    return {
      frameUrl: frame.url,
      isMainFrame: frame.parent === null && frame === event.sender.mainFrame,
      isAppWindow: appContents !== undefined && event.sender === appContents,
    };
  } catch {
    return UNTRUSTED;
  }
}
