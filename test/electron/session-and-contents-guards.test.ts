import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { lockDownSession } from '../../main/electron/session-guard.ts';
import { confineNavigation, denyWindowsAndWebviews } from '../../main/electron/web-contents-guard.ts';

/**
 * The Electron handlers the bootstrap installs, driven through stand-ins for Session and WebContents
 * (both modules only import Electron's types): the permission, device and download handlers, the
 * new-window handler, <webview> attachment, navigation and redirects.
 */
// Electron's types, named through the functions under test (tests may not import electron).
type Session = Parameters<typeof lockDownSession>[0];
type WebContents = Parameters<typeof denyWindowsAndWebviews>[0];
type PermissionRequest = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;
type PermissionCheck = (contents: unknown, permission: string) => boolean;
type WindowOpen = (details: { url: string }) => { action: string };

class FakeSession extends EventEmitter {
  request: PermissionRequest | undefined;
  check: PermissionCheck | undefined;
  device: (() => boolean) | undefined;
  setPermissionRequestHandler(handler: PermissionRequest): void {
    this.request = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheck): void {
    this.check = handler;
  }
  setDevicePermissionHandler(handler: () => boolean): void {
    this.device = handler;
  }
}

class FakeContents extends EventEmitter {
  windowOpen: WindowOpen | undefined;
  setWindowOpenHandler(handler: WindowOpen): void {
    this.windowOpen = handler;
  }
}

/** An Electron event: did the handler call preventDefault()? */
function event(url?: string): { url?: string; preventDefault: () => void; prevented: () => boolean } {
  let prevented = false;
  return {
    ...(url === undefined ? {} : { url }),
    preventDefault: () => {
      prevented = true;
    },
    prevented: () => prevented,
  };
}

const ENTRY = 'app://switchboard/index.html';
let logs: string[];
const log = (level: string, message: string): void => {
  logs.push(`${level} ${message}`);
};

beforeEach(() => {
  logs = [];
});

describe('lockDownSession', () => {
  let session: FakeSession;
  beforeEach(() => {
    session = new FakeSession();
    lockDownSession(session as unknown as Session, log);
  });

  it.each(['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid'])(
    'refuses a request for %j and logs it',
    (permission) => {
      const callback = vi.fn();
      session.request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(logs).toEqual([`info denied the renderer's request for the "${permission}" permission`]);
      expect(session.check?.({}, permission)).toBe(false);
    },
  );

  it('refuses every device (HID, serial, USB) and cancels every download', () => {
    expect(session.device?.()).toBe(false);
    const download = event();
    session.emit('will-download', download);
    expect(download.prevented()).toBe(true);
  });
});

describe('denyWindowsAndWebviews', () => {
  let contents: FakeContents;
  let opened: string[];
  beforeEach(() => {
    contents = new FakeContents();
    opened = [];
    denyWindowsAndWebviews(contents as unknown as WebContents, (url) => opened.push(url));
  });

  it('never opens a window; an allowlisted https link goes to the system browser instead', () => {
    expect(contents.windowOpen?.({ url: 'https://t.me/durov' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://t.me/durov']);
  });

  it.each([
    'app://switchboard/index.html',
    'http://t.me/durov',
    'https://evil.example/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'tg://login?token=abc',
    '',
  ])('denies %j without opening anything', (url) => {
    expect(contents.windowOpen?.({ url })).toEqual({ action: 'deny' });
    expect(opened).toEqual([]);
  });

  it('refuses to attach a <webview>', () => {
    const attach = event();
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.prevented()).toBe(true);
  });
});

describe('confineNavigation', () => {
  let contents: FakeContents;
  let opened: string[];
  beforeEach(() => {
    contents = new FakeContents();
    opened = [];
    confineNavigation(contents as unknown as WebContents, ENTRY, (url) => opened.push(url), log);
  });

  it('lets the window reload its own entry page', () => {
    const navigate = event(ENTRY);
    contents.emit('will-navigate', navigate);
    expect(navigate.prevented()).toBe(false);
    const redirect = event(ENTRY);
    contents.emit('will-redirect', redirect);
    expect(redirect.prevented()).toBe(false);
    expect(logs).toEqual([]);
  });

  it('keeps the window on the app and opens an allowlisted link in the browser instead', () => {
    const navigate = event('https://telegram.org/faq');
    contents.emit('will-navigate', navigate);
    expect(navigate.prevented()).toBe(true);
    expect(opened).toEqual(['https://telegram.org/faq']);
  });

  it('blocks any other navigation and logs only its origin', () => {
    const navigate = event('https://evil.example/phish?session=SECRET');
    contents.emit('will-navigate', navigate);
    expect(navigate.prevented()).toBe(true);
    expect(opened).toEqual([]);
    expect(logs).toEqual(['warn blocked navigation to https://evil.example']);
  });

  it('blocks redirects away from the app, even to allowlisted sites, and opens nothing', () => {
    const redirect = event('https://t.me/durov');
    contents.emit('will-redirect', redirect);
    expect(redirect.prevented()).toBe(true);
    expect(opened).toEqual([]);
    expect(logs).toEqual(['warn blocked redirect to https://t.me']);
  });
});
