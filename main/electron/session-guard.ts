import type { Session } from 'electron';
import type { Logger } from '../logging/log.ts';
import { permissionDecision } from './permission-policy.ts';

/** Web permissions, device access and downloads are all refused for the session the window uses. */
export function lockDownSession(session: Session, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    const granted = permissionDecision(permission);
    if (!granted) log('info', `denied the renderer's request for the "${permission}" permission`);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission) => permissionDecision(permission));
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => {
    event.preventDefault();
  });
}
