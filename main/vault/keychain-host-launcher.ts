import type { HostHandle, HostLauncher } from '../process/host-handle.ts';
import type { KeychainRequest } from './keychain-protocol.ts';

/**
 * A running keychain host (keychain-host.ts) as main sees it, whichever way it was started: Electron's
 * utilityProcess in the app, child_process.fork in Node (node-keychain-host.ts).
 */
export type KeychainHostHandle = HostHandle<KeychainRequest>;
export type KeychainHostLauncher = HostLauncher<KeychainRequest>;
