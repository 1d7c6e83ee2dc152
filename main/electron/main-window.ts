import { BrowserWindow, type WebPreferences } from 'electron';
import type { Logger } from '../logging/log.ts';
import { secureWebPreferences, type SecureWebPreferences } from './web-preferences.ts';

// Electron ignores keys it does not know, so a misspelt one in SecureWebPreferences would silently do
// nothing. This type turns any such key into a compile error.
type KnownToElectron = WebPreferences &
  Record<Exclude<keyof SecureWebPreferences, keyof WebPreferences>, never>;

/** The board's one window: hardened webPreferences, shown once its first paint is ready. */
export function createMainWindow(
  preloadPath: string,
  entryUrl: string,
  packaged: boolean,
  log: Logger,
): BrowserWindow {
  const webPreferences: KnownToElectron = secureWebPreferences(preloadPath, packaged);
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Switchboard',
    show: false,
    webPreferences,
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  window.loadURL(entryUrl).catch((error: unknown) => {
    log('error', `the window could not load its page: ${error instanceof Error ? error.message : 'unknown'}`);
  });
  return window;
}
