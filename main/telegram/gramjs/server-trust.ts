import bigInt, { type BigInteger } from 'big-integer';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, createPublicKey } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ConnectionClass } from './connection-classes.ts';

/**
 * Which RSA keys a client's auth-key handshake accepts, per connection instead of per thread.
 *
 * GramJS keeps one table of trusted server keys per thread (`RSA._serverKeys`) and its handshake takes
 * any key in it, for any server. Adding the sandbox's or a custom server's key there would let whoever
 * answers a later production client's handshake with that key (the sandbox's private key is in this
 * repository) hold its session. So nothing is ever added to that table: each connection class the app
 * makes carries the keys of its own profile (`trustingConnection`), and while a handshake runs on such a
 * connection, lookups in GramJS's table answer from those keys only (an AsyncLocalStorage scope around
 * `Authenticator.doAuthentication`, which is where both lookups happen). A connection the app did not
 * make (a test's stock client) finds GramJS's table as before.
 */

export interface ServerKey {
  readonly n: BigInteger;
  readonly e: number;
}
/** Fingerprint (as GramJS writes it: a signed decimal) → key. */
export type TrustedKeys = ReadonlyMap<string, ServerKey>;

interface RsaModule {
  _serverKeys: Map<string, ServerKey>;
}
type DoAuthentication = (sender: { _connection?: unknown }, log: unknown) => Promise<unknown>;
interface AuthenticatorModule {
  doAuthentication: DoAuthentication;
}

const requireFromHere = createRequire(import.meta.url);
const TRUSTED = Symbol('switchboard.trustedServerKeys');

/** The fingerprints of the keys Telegram's production and test DCs use (those GramJS ships). */
const TELEGRAM_FINGERPRINTS = ['-3414540481677951611', '-5595554452916591101'];

function rsaModule(): RsaModule {
  const rsa = requireFromHere('telegram/crypto/RSA') as Partial<RsaModule>;
  if (!(rsa._serverKeys instanceof Map))
    throw new Error('GramJS no longer exports RSA._serverKeys; update server-trust.ts');
  return rsa as RsaModule;
}

/** Telegram's own keys, taken from GramJS by their fingerprints (whatever else its table holds). */
export function telegramKeys(): TrustedKeys {
  const table = rsaModule()._serverKeys;
  const keys = new Map<string, ServerKey>();
  for (const fingerprint of TELEGRAM_FINGERPRINTS) {
    const key = Map.prototype.get.call(table, fingerprint) as ServerKey | undefined;
    if (key === undefined)
      throw new Error(`GramJS no longer ships Telegram's key ${fingerprint}; update server-trust.ts`);
    keys.set(fingerprint, key);
  }
  return keys;
}

/** TL's `bytes` encoding: a 1- or 4-byte length prefix, the data, zero padding to a multiple of 4. */
function tlBytes(data: Buffer): Buffer {
  const header =
    data.length < 254
      ? Buffer.from([data.length])
      : Buffer.from([254, data.length & 0xff, (data.length >> 8) & 0xff, (data.length >> 16) & 0xff]);
  const unpadded = header.length + data.length;
  return Buffer.concat([header, data, Buffer.alloc((4 - (unpadded % 4)) % 4)]);
}

/**
 * A server's RSA public key (PEM, PKCS#1 or SPKI) as the only key of a trust table. The fingerprint is
 * Telegram's: the low 64 bits of SHA1(TL-bytes(n) ‖ TL-bytes(e)), as a signed little-endian long.
 */
export function keysOfServer(publicKeyPem: string): TrustedKeys {
  const jwk = createPublicKey(publicKeyPem).export({ format: 'jwk' });
  if (jwk.kty !== 'RSA' || jwk.n === undefined || jwk.e === undefined) {
    throw new Error('the server key is not an RSA public key');
  }
  const n = Buffer.from(jwk.n, 'base64url');
  const e = Buffer.from(jwk.e, 'base64url');
  const digest = createHash('sha1')
    .update(Buffer.concat([tlBytes(n), tlBytes(e)]))
    .digest();
  const key: ServerKey = { n: bigInt(n.toString('hex'), 16), e: Number.parseInt(e.toString('hex'), 16) };
  return new Map([[digest.readBigInt64LE(12).toString(), key]]);
}

/** `base` whose connections trust exactly `keys` in the handshake. */
export function trustingConnection(base: ConnectionClass, keys: TrustedKeys): ConnectionClass {
  installServerTrust();
  return class TrustingConnection extends base {
    readonly [TRUSTED] = keys;
  };
}

function trustedKeysOf(connection: unknown): TrustedKeys | undefined {
  if (typeof connection !== 'object' || connection === null || !(TRUSTED in connection)) return undefined;
  return (connection as { [TRUSTED]: TrustedKeys })[TRUSTED];
}

const scope = new AsyncLocalStorage<TrustedKeys>();
let installed = false;

/** Puts the scope around GramJS's handshake, once per thread (module copy). */
export function installServerTrust(): void {
  if (installed) return;
  const table = rsaModule()._serverKeys;
  const authenticator = requireFromHere('telegram/network/Authenticator') as Partial<AuthenticatorModule>;
  const original = authenticator.doAuthentication;
  if (typeof original !== 'function') {
    throw new Error('GramJS no longer exports Authenticator.doAuthentication; update server-trust.ts');
  }
  Object.defineProperty(table, 'get', {
    configurable: true,
    value: (fingerprint: string): ServerKey | undefined => {
      const keys = scope.getStore();
      return keys === undefined
        ? (Map.prototype.get.call(table, fingerprint) as ServerKey | undefined)
        : keys.get(fingerprint);
    },
  });
  authenticator.doAuthentication = (sender, log) => {
    const keys = trustedKeysOf(sender._connection);
    return keys === undefined ? original(sender, log) : scope.run(keys, () => original(sender, log));
  };
  installed = true;
}
