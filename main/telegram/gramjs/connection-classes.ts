import { ConnectionTCPFull, type Connection } from 'telegram/network';
import type { HandshakeGate } from '../handshake-gate.ts';

/**
 * GramJS connection classes are how the app decides where each DC is: GramJS dials port 80 (or 443)
 * whatever the session says, and rebuilds the connection from its constructor on every reconnect and DC
 * switch, so an address chosen in the constructor holds everywhere.
 */

export type ConnectionOptions = ConstructorParameters<typeof ConnectionTCPFull>[0];
export type ConnectionClass = new (options: ConnectionOptions) => Connection;

export interface DcAddress {
  readonly ip: string;
  readonly port: number;
}

/**
 * A DC the profile does not list, which the server sent the client to (PHONE_MIGRATE, help.getConfig):
 * the connection refuses to dial it (GramJS would dial the server's announced address on port 80 and
 * wait), and the client fails at once with SERVER_DC_UNKNOWN naming it.
 */
export class UnknownDcError extends Error {
  override readonly name = 'UnknownDcError';
  constructor(readonly dcId: number) {
    super(`data center ${String(dcId)} is not in the server profile`);
  }
}

/** TCPFull to the address `addressOf` gives for a DC; a DC it does not know is never dialled. */
export function addressedConnection(addressOf: (dcId: number) => DcAddress | undefined): ConnectionClass {
  return class AddressedConnection extends ConnectionTCPFull {
    private readonly known: boolean;

    constructor(options: ConnectionOptions) {
      const address = addressOf(options.dcId);
      super(address ? { ...options, ip: address.ip, port: address.port } : options);
      this.known = address !== undefined;
    }

    override async connect(): Promise<void> {
      if (!this.known) throw new UnknownDcError(this._dcId);
      await super.connect();
    }
  };
}

export interface SocketEvents {
  /** Whether a socket may be opened at all: not once the key is known to be gone (nothing could work). */
  mayOpen(): boolean;
  opened(): void;
  /** A connection attempt failed (GramJS retries it a few times, and again on its next ping). */
  failed(): void;
  /** The socket closed: the server or network dropped it, or GramJS closed it to reconnect or switch DC. */
  closed(): void;
  /** The server answered with transport error -404: it does not know this auth key any more. */
  keyRejected(): void;
}

/** Thrown at GramJS when it tries to reconnect a client whose auth key the server rejected. */
export class KeyRejectedError extends Error {
  override readonly name = 'KeyRejectedError';
  constructor() {
    super('the server no longer knows this auth key; not reconnecting');
  }
}

/** The longest a dial holds its slot in the dial gate (it goes on waiting for its socket after that). */
const DIAL_SLOT_MS = 2_000;

/** Resolves once `work` has settled either way, or after `ms`, whichever comes first. */
function settledOrAfter(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    work.then(done, done);
  });
}

/** MTProto's transport error for "auth key not found", a 4-byte packet. */
const AUTH_KEY_NOT_FOUND = -404;

/**
 * `base` reporting what happens to its socket, for one client's connection state. Watching the socket
 * (rather than GramJS's UpdateConnectionState events) also sees drops GramJS recovers from silently, and
 * does not depend on GramJS's event dispatch, which first calls getMe() and so adds a users.getUsers
 * request to every connect (or hangs before delivering the event once the key is rejected).
 */
export function observedConnection(
  base: ConnectionClass,
  dialGate: HandshakeGate,
  events: SocketEvents,
): ConnectionClass {
  return class ObservedConnection extends base {
    override async connect(): Promise<void> {
      // GramJS may still have a reconnect scheduled from before the -404; it must not reach the server.
      if (!events.mayOpen()) throw new KeyRejectedError();
      try {
        // A few dials at a time across the process, however many clients reconnect together. A dial
        // keeps its slot until it settles or DIAL_SLOT_MS have passed: one hanging on an unreachable
        // network (no timeout of its own) must not hold up every other client's.
        let dial: Promise<void> = Promise.resolve();
        await dialGate.run(() => {
          // The key may have been rejected while this dial waited.
          if (!events.mayOpen()) throw new KeyRejectedError();
          dial = super.connect();
          return settledOrAfter(dial, DIAL_SLOT_MS);
        });
        await dial;
      } catch (error) {
        events.failed();
        throw error;
      }
      events.opened();
    }

    override async disconnect(): Promise<void> {
      const wasOpen = this._connected;
      await super.disconnect();
      if (wasOpen) events.closed();
    }

    override async _recv(): Promise<unknown> {
      const packet: unknown = await super._recv();
      if (Buffer.isBuffer(packet) && packet.length === 4 && packet.readInt32LE(0) === AUTH_KEY_NOT_FOUND) {
        events.keyRejected();
      }
      return packet;
    }
  };
}
