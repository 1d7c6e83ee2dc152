import { nodeHost, siblingEntry } from '../process/node-host.ts';
import type { HostLauncher } from '../process/host-handle.ts';
import type { DemoSandboxRequest } from './demo-sandbox-protocol.ts';

/**
 * The demo sandbox host as a Node child process, for main's services in plain Node (the browser demo,
 * tests): demo-sandbox-host.ts from source, demo-sandbox-host.js beside this file built.
 */
export function nodeDemoSandboxHost(): HostLauncher<DemoSandboxRequest> {
  return nodeHost<DemoSandboxRequest>(siblingEntry(import.meta.url, 'demo-sandbox-host'));
}
