/**
 * The demo sandbox host: the demo's sandbox DC (demo-sandbox.ts) in a process of its own, so that the
 * demo's server, with its made-up accounts and its own private key, never shares the main process with
 * the app's sessions, and a fault in it cannot take main down. Main starts it (Electron's utilityProcess
 * in the app, child_process.fork in Node) and talks to it with demo-sandbox-protocol.ts.
 */
import { describeError } from '../contract/errors.ts';
import { parentPort } from '../process/parent-port.ts';
import { startDemoSandbox, type RunningSandbox } from './demo-sandbox.ts';
import type { DemoSandboxHostMessage, DemoSandboxRequest } from './demo-sandbox-protocol.ts';

const port = parentPort<DemoSandboxHostMessage>('demo sandbox host');
let running: Promise<RunningSandbox> | undefined;

port.onMessage((received) => {
  // Only main writes to this channel, with demo-sandbox-protocol.ts's requests.
  const request = received as DemoSandboxRequest;
  switch (request.kind) {
    case 'start':
      running ??= start(request.dataDir);
      return;
    case 'close':
      void close();
      return;
  }
});

async function start(dataDir: string): Promise<RunningSandbox> {
  try {
    const sandbox = await startDemoSandbox({
      dataDir,
      log: (level, message) => {
        port.send({ kind: 'log', level, message });
      },
    });
    port.send({
      kind: 'ready',
      pid: process.pid,
      ports: Object.fromEntries(sandbox.dcIds.map((dcId) => [String(dcId), sandbox.portFor(dcId)])),
      publicKeyPem: sandbox.publicKeyPem,
    });
    return sandbox;
  } catch (error) {
    port.send({ kind: 'failed', message: describeError(error) });
    throw error;
  }
}

async function close(): Promise<void> {
  try {
    await (await running)?.close();
  } finally {
    port.send({ kind: 'closed' });
    // Let the message leave before the process ends.
    setTimeout(() => process.exit(0), 50).unref();
  }
}
