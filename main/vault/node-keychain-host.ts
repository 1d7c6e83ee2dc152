import { nodeHost, siblingEntry } from '../process/node-host.ts';
import type { KeychainHostLauncher } from './keychain-host-launcher.ts';
import type { KeychainRequest } from './keychain-protocol.ts';

export interface NodeKeychainHostOptions {
  /** The host's environment; tests give it another D-Bus session (a keyring they can lock or stop). */
  readonly env?: NodeJS.ProcessEnv;
  /** Another entry: the built out/main/keychain-host.js (a test of the build). */
  readonly entry?: string;
}

/**
 * The keychain host as a Node child process, for everything that runs main's services in plain Node (the
 * browser demo, benchmarks, tests): keychain-host.ts from source, keychain-host.js beside this file built.
 */
export function nodeKeychainHost(options: NodeKeychainHostOptions = {}): KeychainHostLauncher {
  return nodeHost<KeychainRequest>(
    options.entry ?? siblingEntry(import.meta.url, 'keychain-host'),
    options.env === undefined ? {} : { env: options.env },
  );
}
