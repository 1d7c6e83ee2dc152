/**
 * The keychain host: the one process that loads keytar. Main starts it (Electron's utilityProcess in the
 * app, child_process.fork in Node) and talks to it with keychain-protocol.ts; if a keychain call crashes
 * it (SIGSEGV in keytar's findCredentials) or hangs, main reports KEYCHAIN_UNAVAILABLE and starts another.
 * It holds no state beyond keytar's own D-Bus connection.
 */
import { KeychainUnavailable, keychainUnavailable } from './keychain-failure.ts';
import type { KeychainOperation, KeychainRequest, KeychainResponse } from './keychain-protocol.ts';
import { KeytarSecretStore } from './keytar-secret-store.ts';
import { parentPort } from '../process/parent-port.ts';

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

const port = parentPort<KeychainResponse>('keychain host');
port.onMessage((received) => {
  // Only main writes to this channel, with keychain-protocol.ts's requests.
  const message = received as KeychainRequest;
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
