import { startSandbox, parseWorldFile } from '../sandbox/index.ts';
import demoWorld from '../sandbox/worlds/demo.json' with { type: 'json' };
import type { SandboxEndpoint } from './profile-runtime.ts';

export interface RunningSandbox extends SandboxEndpoint {
  close(): Promise<void>;
}

/** The app's offline demo: the sandbox DC with the demo accounts, in this process, on loopback only. */
export async function startDemoSandbox(): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ world: parseWorldFile(demoWorld, 'the demo world') });
  return { portFor: sandbox.portFor, publicKeyPem: sandbox.publicKeyPem, close: () => sandbox.close() };
}
