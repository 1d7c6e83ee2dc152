import type { TelegramClient } from 'telegram';
import type { StringSession } from 'telegram/sessions';

/**
 * The GramJS fields the app reads that are not GramJS's public API (underscored, undocumented): read here
 * and nowhere else, so an update of `telegram` is checked in one place (test/telegram/gramjs-room.test.ts).
 */

/** The client's MTProto sender: undefined before connect() and after destroy(). */
export function senderOf(client: TelegramClient): TelegramClient['_sender'] {
  return client._sender;
}

/** Whether the client's socket is up now (not reconnecting), for a log line about a request that timed out. */
export function transportUp(client: TelegramClient): boolean {
  const sender = client._sender;
  return sender !== undefined && !sender.isReconnecting && sender._transportConnected() === true;
}

/** The auth key a stored session string holds, if any. */
export function storedAuthKey(session: StringSession): Buffer | undefined {
  return session._key;
}
