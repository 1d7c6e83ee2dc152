import { installNativeBigIntReader } from './read-bigint-patch.ts';

/**
 * Imported for its effect, before anything loads `telegram`: GramJS's `tl/api.js` copies
 * `readBigIntFromBuffer` and `toSignedLittleBuffer` from Helpers when it loads, for the random ids and
 * the long/int128/int256 fields of every request it serialises (the handshake's nonces: about 1 ms of
 * big-integer shifts per handshake). Installed first, the copies it takes are the native ones.
 * createTelegramGateway installs them again (a no-op then) for processes that loaded GramJS earlier.
 */
installNativeBigIntReader();
