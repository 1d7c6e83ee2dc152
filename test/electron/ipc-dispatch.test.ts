import { describe, expect, it } from 'vitest';
import type { Result } from '../../main/contract/errors.ts';
import { createInvokeHandler } from '../../main/electron/ipc-dispatch.ts';
import type { LogLevel } from '../../main/logging/log.ts';
import { senderInfoOf, type FrameLike, type InvokeEventLike } from '../../main/electron/sender-info.ts';
import { INVOKE_CHANNELS } from '../../main/contract/channels.ts';
import type { IpcDispatcher, SenderInfo } from '../../main/contract/transport-types.ts';

/** A page with a top frame and one iframe, as Electron's WebContents/WebFrameMain would show it. */
function page(url = 'app://switchboard/index.html') {
  const mainFrame: FrameLike = { url, parent: null };
  const subFrame: FrameLike = { url: 'app://switchboard/frame.html', parent: mainFrame };
  const contents = { mainFrame };
  const from = (frame: FrameLike | null): InvokeEventLike => ({ senderFrame: frame, sender: contents });
  return { contents, mainFrame, subFrame, from };
}

describe('senderInfoOf', () => {
  it('trusts the top frame of the app window', () => {
    const app = page();
    expect(senderInfoOf(app.from(app.mainFrame), app.contents)).toEqual({
      frameUrl: 'app://switchboard/index.html',
      isMainFrame: true,
      isAppWindow: true,
    });
  });

  it('marks a sub-frame as not the main frame', () => {
    const app = page();
    expect(senderInfoOf(app.from(app.subFrame), app.contents)).toMatchObject({ isMainFrame: false });
  });

  it('marks a frame that claims no parent but is not the page main frame', () => {
    const app = page();
    const stray: FrameLike = { url: 'app://switchboard/index.html', parent: null };
    expect(senderInfoOf(app.from(stray), app.contents)).toMatchObject({ isMainFrame: false });
  });

  it('marks another webContents, or no window at all, as not the app window', () => {
    const app = page();
    const other = page();
    expect(senderInfoOf(other.from(other.mainFrame), app.contents)).toMatchObject({
      isMainFrame: true,
      isAppWindow: false,
    });
    expect(senderInfoOf(app.from(app.mainFrame), undefined)).toMatchObject({ isAppWindow: false });
  });

  it('treats a missing sender frame as untrusted', () => {
    const app = page();
    expect(senderInfoOf(app.from(null), app.contents)).toEqual({
      frameUrl: '',
      isMainFrame: false,
      isAppWindow: false,
    });
  });

  it('treats a disposed frame (Electron throws on access) as untrusted', () => {
    const app = page();
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    expect(senderInfoOf(app.from(disposed), app.contents)).toEqual({
      frameUrl: '',
      isMainFrame: false,
      isAppWindow: false,
    });
  });
});

describe('createInvokeHandler', () => {
  const channel = INVOKE_CHANNELS[0];

  it('hands channel, payload and sender to the dispatcher and returns its Result', async () => {
    const calls: [string, unknown, SenderInfo][] = [];
    const dispatcher: IpcDispatcher = {
      channels: INVOKE_CHANNELS,
      dispatch: (name, payload, sender) => {
        calls.push([name, payload, sender]);
        return Promise.resolve({ ok: true, value: 'answer' });
      },
    };
    const app = page();
    const handle = createInvokeHandler(
      dispatcher,
      () => app.contents,
      () => undefined,
    );
    await expect(handle(channel, app.from(app.mainFrame), { x: 1 })).resolves.toEqual({
      ok: true,
      value: 'answer',
    });
    expect(calls).toEqual([
      [channel, { x: 1 }, { frameUrl: 'app://switchboard/index.html', isMainFrame: true, isAppWindow: true }],
    ]);
  });

  it('looks up the app window on every call (it can be closed and recreated)', async () => {
    const senders: SenderInfo[] = [];
    const dispatcher: IpcDispatcher = {
      channels: INVOKE_CHANNELS,
      dispatch: (_name, _payload, sender) => {
        senders.push(sender);
        return Promise.resolve({ ok: true, value: null });
      },
    };
    const first = page();
    const second = page();
    let current: object | undefined = first.contents;
    const handle = createInvokeHandler(
      dispatcher,
      () => current,
      () => undefined,
    );
    await handle(channel, first.from(first.mainFrame), {});
    current = second.contents;
    await handle(channel, first.from(first.mainFrame), {});
    current = undefined;
    await handle(channel, second.from(second.mainFrame), {});
    expect(senders.map((sender) => sender.isAppWindow)).toEqual([true, false, false]);
  });

  it('turns a throwing dispatcher into INTERNAL and logs without the error message', async () => {
    const logs: [LogLevel, string][] = [];
    const dispatcher: IpcDispatcher = {
      channels: INVOKE_CHANNELS,
      dispatch: () => Promise.reject(new Error('secret-session-string')),
    };
    const app = page();
    const handle = createInvokeHandler(
      dispatcher,
      () => app.contents,
      (level, message) => logs.push([level, message]),
    );
    const result: Result<unknown> = await handle(channel, app.from(app.mainFrame), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logs).toHaveLength(1);
    expect(logs[0]?.[0]).toBe('error');
    expect(logs[0]?.[1]).not.toContain('secret-session-string');
  });
});
