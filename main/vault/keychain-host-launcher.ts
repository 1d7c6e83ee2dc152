import type { KeychainRequest } from './keychain-protocol.ts';

/**
 * A running keychain host (keychain-host.ts) as main sees it, whichever way it was started: Electron's
 * utilityProcess in the app (main/electron/keychain-host-process.ts), child_process.fork in Node
 * (node-keychain-host.ts).
 */
export interface KeychainHostHandle {
  send(request: KeychainRequest): void;
  onMessage(listener: (response: unknown) => void): void;
  /** Once, when the process ends or cannot start; `how` says why, for the log (never a secret). */
  onExit(listener: (how: string) => void): void;
  kill(): void;
  /** While calls are pending the host keeps a Node parent alive; idle, it must not (a script could not end). */
  setBusy(busy: boolean): void;
}

export type KeychainHostLauncher = () => KeychainHostHandle;
