import bigInt from 'big-integer';
import { createPublicKey } from 'node:crypto';
import { _serverKeys } from 'telegram/crypto/RSA';
import { ConnectionTCPFull, type Connection } from 'telegram/network';
import { TlWriter } from './tl/tl-writer.ts';
import { sha1 } from './crypto/hashes.ts';

/**
 * The only two points where a GramJS client is told about the sandbox; the app's client factory uses these
 * and nothing else. Neither patches GramJS: one adds a key to its public key map, the other is a
 * `connection` class, an ordinary TelegramClient option.
 */

/** The constructor options every GramJS connection class takes. */
export type GramConnectionOptions = ConstructorParameters<typeof ConnectionTCPFull>[0];
export type GramConnectionClass = new (options: GramConnectionOptions) => Connection;

/**
 * Seam 1: lets GramJS trust the sandbox's RSA key during the auth-key handshake. It must run in the process
 * (and the module copy of `telegram`) that owns the clients. Returns the fingerprint registered.
 */
export function registerSandboxRsaKey(publicKeyPem: string): string {
  const jwk = createPublicKey(publicKeyPem).export({ format: 'jwk' });
  if (jwk.n === undefined || jwk.e === undefined) throw new Error('the sandbox key is not an RSA public key');
  const n = Buffer.from(jwk.n, 'base64url');
  const e = Buffer.from(jwk.e, 'base64url');
  const fingerprint = sha1(new TlWriter().bytes(n).bytes(e).toBuffer()).readBigInt64LE(12).toString();
  _serverKeys.set(fingerprint, {
    n: bigInt(n.toString('hex'), 16),
    e: Number.parseInt(e.toString('hex'), 16),
  });
  return fingerprint;
}

/**
 * Seam 2: a connection class that sends every DC to 127.0.0.1 on its sandbox port. GramJS dials port 80 or
 * 443 whatever the session says, and rebuilds the connection from its constructor on reconnects and DC
 * switches, so overriding the address here is what survives both. `base` picks the transport
 * (TCPFull by default, GramJS's Node default).
 */
export function sandboxConnection(
  portFor: (dcId: number) => number,
  base: GramConnectionClass = ConnectionTCPFull,
): GramConnectionClass {
  return class SandboxConnection extends base {
    constructor(options: GramConnectionOptions) {
      super({ ...options, ip: '127.0.0.1', port: portFor(options.dcId) });
    }
  };
}
