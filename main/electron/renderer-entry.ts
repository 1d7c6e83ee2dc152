import { APP_ENTRY_URL, APP_ORIGIN } from '../ipc/renderer-origin.ts';

export interface RendererEntry {
  /** What the main window loads and the only URL it may navigate to. */
  readonly entryUrl: string;
  /** Origins whose top frame may call IPC (AppServicesOptions.trustedOrigins). */
  readonly trustedOrigins: readonly string[];
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where the renderer comes from: the built bundle on app://, or under `electron-vite dev` (which sets
 * ELECTRON_RENDERER_URL) Vite's dev server. A packaged app ignores the variable, and the dev server must
 * be http on a loopback host, so an environment variable can never point the window at a remote page.
 */
export function rendererEntry(isPackaged: boolean, devServerUrl: string | undefined): RendererEntry {
  if (isPackaged || devServerUrl === undefined || devServerUrl === '') {
    return { entryUrl: APP_ENTRY_URL, trustedOrigins: [APP_ORIGIN] };
  }
  if (!URL.canParse(devServerUrl)) throw new Error('ELECTRON_RENDERER_URL is not a URL');
  const url = new URL(devServerUrl);
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error('ELECTRON_RENDERER_URL must be an http:// URL on localhost, 127.0.0.1 or [::1]');
  }
  return { entryUrl: url.href, trustedOrigins: [url.origin] };
}
