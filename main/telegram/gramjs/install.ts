import { installNativeArithmetic } from './arithmetic-patch.ts';
import { installNativeBigIntReader } from './read-bigint-patch.ts';
import { installReconnectPacing } from './reconnect-pacing.ts';
import { installServerTrust } from './server-trust.ts';
import { checkTelegramVersion, installedTelegramVersion } from './version.ts';

/**
 * Every change the app makes to GramJS at run time, installed together, once per thread, and only on the
 * `telegram` version they were tested with (version.ts): anything else is refused before any is applied.
 * - arithmetic-patch.ts: native modExp and pq factorisation for the handshake (~0.2 s of CPU per login);
 * - read-bigint-patch.ts: a native 64-bit codec for every message's ids (codec-first.ts installs it before
 *   GramJS's serialiser loads, in the worker threads);
 * - reconnect-pacing.ts: after an outage, reconnects spread over turns of the event loop;
 * - server-trust.ts: each handshake trusts exactly its own profile's keys.
 * The private fields the app reads are in private-fields.ts; connection-classes.ts subclasses GramJS's
 * connections.
 */
export function installGramjsPatches(): void {
  checkTelegramVersion(installedTelegramVersion());
  installNativeArithmetic();
  installNativeBigIntReader();
  installReconnectPacing();
  installServerTrust();
}
