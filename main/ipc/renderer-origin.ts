/**
 * Where the app's renderer is served from: a custom protocol (never file://), so IPC can tell the app's
 * own page from anything else by its origin.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'switchboard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
