import type { WebContents } from 'electron';
import { isAllowedExternalUrl } from './external-url-policy.ts';
import { describeUrlForLog, type Logger } from '../logging/log.ts';
import { isAllowedNavigation } from './navigation-policy.ts';

/**
 * For every webContents the app ever creates (app 'web-contents-created'): no new windows and no
 * <webview>. An allowlisted https link (target=_blank, window.open) goes to the system browser instead.
 */
export function denyWindowsAndWebviews(contents: WebContents, openExternal: (url: string) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/**
 * For the main window: it never leaves the app's entry page. A plain link click to an allowlisted https
 * URL is refused too, and opened in the system browser instead.
 */
export function confineNavigation(
  contents: WebContents,
  entryUrl: string,
  openExternal: (url: string) => void,
  log: Logger,
): void {
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, entryUrl)) return;
    event.preventDefault();
    if (isAllowedExternalUrl(event.url)) openExternal(event.url);
    else log('warn', `blocked navigation to ${describeUrlForLog(event.url)}`);
  });
  contents.on('will-redirect', (event) => {
    if (isAllowedNavigation(event.url, entryUrl)) return;
    event.preventDefault();
    log('warn', `blocked redirect to ${describeUrlForLog(event.url)}`);
  });
}
