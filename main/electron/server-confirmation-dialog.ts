import { dialog, type BrowserWindow } from 'electron';
import { confirmationText, type ServerConfirmer } from '../app/server-confirmation.ts';

const CANCEL = 0;
const USE_SERVER = 1;

/**
 * The app's confirmation of a custom server: a native dialog from main, modal to the window, which no
 * page script can draw or click. "Cancel" is the default and the answer to Escape.
 */
export function nativeServerConfirmer(window: () => BrowserWindow | undefined): ServerConfirmer {
  return {
    confirm: async (server) => {
      const text = confirmationText(server);
      const options = {
        type: 'warning' as const,
        title: text.title,
        message: text.message,
        detail: text.detail,
        buttons: ['Cancel', 'Use this server'],
        defaultId: CANCEL,
        cancelId: CANCEL,
        noLink: true,
      };
      const parent = window();
      const { response } =
        parent === undefined || parent.isDestroyed()
          ? await dialog.showMessageBox(options)
          : await dialog.showMessageBox(parent, options);
      return response === USE_SERVER ? 'confirmed' : 'declined';
    },
  };
}
