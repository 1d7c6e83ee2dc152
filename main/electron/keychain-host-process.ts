import { utilityProcess } from 'electron';
import type { KeychainHostHandle, KeychainHostLauncher } from '../vault/keychain-host-launcher.ts';

/**
 * The keychain host in the app: an Electron utility process running out/main/keychain-host.js (built from
 * main/vault/keychain-host.ts), so a crash in keytar ends that process and not the main one.
 */
export function electronKeychainHost(entry: string): KeychainHostLauncher {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Switchboard keychain', stdio: 'inherit' });
    const handle: KeychainHostHandle = {
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
