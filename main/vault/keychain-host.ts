/**
 * The keychain host: the one process that loads keytar. Main starts it (Electron's utilityProcess in the
 * app, child_process.fork in Node) and talks to it with keychain-protocol.ts; if a keychain call crashes
 * it (SIGSEGV in keytar's findCredentials) or hangs, main reports KEYCHAIN_UNAVAILABLE and starts another.
 * It holds no state beyond keytar's own D-Bus connection.
 */
import { KeychainUnavailable, keychainUnavailable } from './keychain-failure.ts';
import type { KeychainOperation, KeychainRequest, KeychainResponse } from './keychain-protocol.ts';
import { KeytarSecretStore } from './keytar-secret-store.ts';

interface Port {
  send(message: KeychainResponse): void;
  onMessage(listener: (message: KeychainRequest) => void): void;
}

/** Electron's utility process has process.parentPort; a Node child has process.send. */
function parentPort(): Port {
  const electron = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electron !== undefined) {
    return {
      send: (message) => {
        electron.postMessage(message);
      },
      onMessage: (listener) => {
        electron.on('message', (event) => {
          listener(event.data as KeychainRequest);
        });
      },
    };
  }
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('the keychain host runs as a child of main only');
  return {
    send: (message) => {
      send(message);
    },
    onMessage: (listener) => {
      process.on('message', (message) => {
        listener(message as KeychainRequest);
      });
    },
  };
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

let store = new KeytarSecretStore();

function run(operation: KeychainOperation): Promise<unknown> {
  switch (operation.op) {
    case 'get':
      return store.get(operation.service, operation.account);
    case 'set':
      return store.set(operation.service, operation.account, operation.secret).then(() => null);
    case 'delete':
      return store.delete(operation.service, operation.account);
    case 'findAll':
      return store.findAll(operation.service);
  }
}

const port = parentPort();
port.onMessage((message) => {
  if (message.kind === 'configure') {
    store = new KeytarSecretStore(message.probe === undefined ? {} : { probe: message.probe });
    return;
  }
  const { id } = message;
  run(message).then(
    (value) => {
      port.send({ kind: 'result', id, value });
    },
    (error: unknown) => {
      const failure =
        error instanceof KeychainUnavailable
          ? error
          : keychainUnavailable(message.op, error, message.op === 'set' ? [message.secret] : []);
      port.send({
        kind: 'failure',
        id,
        operation: failure.operation,
        failureKind: failure.kind,
        reason: failure.reason,
      });
    },
  );
});
// A Node child whose parent died has nobody to answer: it ends too (Electron ends utility processes itself).
process.on('disconnect', () => {
  process.exit(0);
});
