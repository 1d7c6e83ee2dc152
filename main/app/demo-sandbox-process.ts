import type { HostLauncher } from '../process/host-handle.ts';
import type { RunningSandbox } from './demo-sandbox.ts';
import { DemoSandboxHostMessageSchema, type DemoSandboxRequest } from './demo-sandbox-protocol.ts';
import type { Logger } from '../logging/log.ts';

export interface DemoSandboxProcessOptions {
  readonly launch: HostLauncher<DemoSandboxRequest>;
  /** The demo's data folder, where the host keeps the sandbox's world. */
  readonly dataDir: string;
  readonly log: Logger;
  /** How long the host may take to start, and to save and stop; default 20 s and 5 s. */
  readonly startTimeoutMs?: number;
  readonly closeTimeoutMs?: number;
}

export interface DemoSandboxProcess extends RunningSandbox {
  /** The host's process id: not this process. */
  readonly pid: number;
}

/**
 * Starts the demo sandbox host (demo-sandbox-host.ts) and resolves with its endpoint once its DCs listen.
 * A host that ends on its own is logged (the demo's logins then fail to connect, as with a server that went
 * away); close() asks it to save its world and stop, and kills it if it does not in time.
 */
export function startDemoSandboxProcess(options: DemoSandboxProcessOptions): Promise<DemoSandboxProcess> {
  const host = options.launch();
  host.setBusy(true);
  let closing = false;
  let exited = false;
  let onClosed: (() => void) | undefined;

  return new Promise<DemoSandboxProcess>((resolve, reject) => {
    let started = false;
    const startTimer = setTimeout(() => {
      fail(new Error('the demo sandbox did not start in time'));
    }, options.startTimeoutMs ?? 20_000);
    const fail = (error: Error): void => {
      if (started) return;
      started = true;
      clearTimeout(startTimer);
      // Ended here, not on its own: nothing more to log.
      closing = true;
      host.kill();
      reject(error);
    };

    host.onExit((how) => {
      exited = true;
      onClosed?.();
      if (!started) fail(new Error(`the demo sandbox ended before it started (${how})`));
      else if (!closing) options.log('error', `demo sandbox: its process ended (${how}); restart the demo`);
    });
    host.onMessage((received) => {
      const parsed = DemoSandboxHostMessageSchema.safeParse(received);
      if (!parsed.success) {
        options.log('warn', 'demo sandbox: ignored a message that does not match its protocol');
        return;
      }
      const message = parsed.data;
      switch (message.kind) {
        case 'log':
          options.log(message.level, message.message);
          return;
        case 'failed':
          fail(new Error(`the demo sandbox could not start: ${message.message}`));
          return;
        case 'closed':
          onClosed?.();
          return;
        case 'ready': {
          if (started) return;
          started = true;
          clearTimeout(startTimer);
          // Idle, a Node parent may end while the host runs; close() is what stops it.
          host.setBusy(false);
          const ports = new Map(Object.entries(message.ports).map(([dcId, port]) => [Number(dcId), port]));
          resolve({
            pid: message.pid,
            dcIds: [...ports.keys()],
            publicKeyPem: message.publicKeyPem,
            portFor: (dcId) => {
              const port = ports.get(dcId);
              if (port === undefined) throw new RangeError(`the demo sandbox has no DC ${String(dcId)}`);
              return port;
            },
            close: () => close(),
          });
          return;
        }
      }
    });
    host.send({ kind: 'start', dataDir: options.dataDir });
  });

  function close(): Promise<void> {
    if (exited) return Promise.resolve();
    closing = true;
    host.setBusy(true);
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        options.log('warn', 'demo sandbox: did not stop in time; ended it');
        host.kill();
        resolve();
      }, options.closeTimeoutMs ?? 5_000);
      onClosed = () => {
        clearTimeout(timer);
        resolve();
      };
      host.send({ kind: 'close' });
    });
  }
}
