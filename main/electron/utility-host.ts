import { utilityProcess } from 'electron';
import type { HostHandle, HostLauncher } from '../process/host-handle.ts';

/**
 * A host in the app: an Electron utility process running a built entry (out/main/<name>.js), so a crash in
 * it ends that process and not the main one.
 */
export function utilityHost<Request>(entry: string, serviceName: string): HostLauncher<Request> {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName, stdio: 'inherit' });
    const handle: HostHandle<Request> = {
      send: (request) => {
        child.postMessage(request);
      },
      onMessage: (listener) => {
        child.on('message', listener);
      },
      onExit: (listener) => {
        child.once('exit', (code) => {
          listener(`exit code ${String(code)}`);
        });
      },
      kill: () => {
        child.kill();
      },
      // A utility process never keeps Electron from quitting.
      setBusy: () => undefined,
    };
    return handle;
  };
}
