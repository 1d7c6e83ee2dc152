import { shell } from 'electron';
import { fail } from '../contract/errors.ts';
import { allowedExternalUrl } from './external-url-policy.ts';
import { describeUrlForLog, type Logger } from '../logging/log.ts';

/**
 * The only user of Electron's `shell` (the security lint rules see to it). Opens https links to Telegram
 * and Fragment in the system browser (AppServicesOptions.openExternal, and links the window tries to
 * open), and nothing else: anything else throws
 * URL_NOT_ALLOWED (external-url-policy.ts); so does a link the system fails to open, with no detail,
 * because the OS error can quote the URL.
 */
export async function openExternalLink(rawUrl: string, log: Logger): Promise<void> {
  const url = allowedExternalUrl(rawUrl);
  if (url === null) {
    log('warn', `refused to open an external link to ${describeUrlForLog(rawUrl)}`);
    fail('URL_NOT_ALLOWED');
  }
  try {
    await shell.openExternal(url);
  } catch {
    log('warn', `the system could not open a link to ${describeUrlForLog(url)}`);
    throw new Error('The system could not open the link.');
  }
}

/**
 * Shows one of the app's own folders (the log folder) in the system's file manager. Only main names the
 * folder (AppServicesOptions.logFolder); the page cannot ask for another. A folder the system fails to
 * open is logged and answered NOT_FOUND.
 */
export async function showAppFolder(path: string, log: Logger): Promise<void> {
  const problem = await shell.openPath(path);
  if (problem !== '') {
    log('warn', `the system could not show the log folder: ${problem}`);
    fail('NOT_FOUND');
  }
}
