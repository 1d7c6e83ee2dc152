/**
 * A helper process that main starts so that a crash or a hang in it cannot take main down (the keychain
 * host, the demo sandbox host), as main sees it whichever way it was started: Electron's utilityProcess in
 * the app (main/electron/utility-host.ts), child_process.fork in Node (node-host.ts).
 */
export interface HostHandle<Request> {
  send(request: Request): void;
  /** Messages from the host, unchecked: each caller validates what it receives. */
  onMessage(listener: (message: unknown) => void): void;
  /** Once, when the process ends or cannot start; `how` says why, for the log (never a secret). */
  onExit(listener: (how: string) => void): void;
  kill(): void;
  /** While calls are pending the host keeps a Node parent alive; idle, it must not (a script could not end). */
  setBusy(busy: boolean): void;
}

export type HostLauncher<Request> = () => HostHandle<Request>;
