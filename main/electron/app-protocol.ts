import { protocol } from 'electron';
import { APP_SCHEME } from '../ipc/renderer-origin.ts';
import type { Logger } from '../logging/log.ts';
import { APP_SCHEME_PRIVILEGES, createRendererRequestHandler } from './renderer-protocol.ts';

/** Must run before app `ready`; Electron ignores privileges registered later. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/** Serves the built renderer folder on app://switchboard/ (never file://). After `ready`. */
export function serveRenderer(rendererDir: string, log: Logger): void {
  protocol.handle(APP_SCHEME, createRendererRequestHandler(rendererDir, log));
}
