import { Api } from 'telegram';
import { unixSeconds, type Clock } from '../clock.ts';
import { SERVICE_USER_ID, type Account } from './accounts.ts';
import { keyName, type AuthorizationStore, type KeyRef } from './authorizations.ts';
import type { SandboxTopology } from './topology.ts';
import { serviceUserObject, toLong, userObject } from './user-objects.ts';

/**
 * Server-initiated updates to an account's signed-in sessions: the service message from 777000 that
 * carries an app code, as Telegram sends it to the user's other devices.
 */
export class Notifier {
  constructor(
    private readonly topology: SandboxTopology,
    private readonly authorizations: AuthorizationStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Sends `text` as a new message from 777000 to every live session of every key signed in as the
   * account, except `except` (the key that asked for the code). Returns how many sessions received it.
   */
  serviceMessage(account: Account, text: string, except?: KeyRef): number {
    account.lastMessageId++;
    account.pts++;
    const date = unixSeconds(this.clock);
    const message = new Api.Message({
      id: account.lastMessageId,
      peerId: new Api.PeerUser({ userId: toLong(SERVICE_USER_ID) }),
      date,
      message: text,
    });
    const updates = new Api.Updates({
      updates: [new Api.UpdateNewMessage({ message, pts: account.pts, ptsCount: 1 })],
      users: [serviceUserObject(), userObject(account, true)],
      chats: [],
      date,
      seq: 0,
    }).getBytes();
    const skip = except ? keyName(except) : undefined;
    let delivered = 0;
    for (const signedIn of this.authorizations.keysOf(account.id)) {
      if (keyName(signedIn.key) === skip) continue;
      delivered += this.topology.pushUpdates(signedIn.key.dcId, signedIn.key.authKeyId, updates);
    }
    return delivered;
  }

  /** Tells the exporter of a QR login token that it was accepted (updateShort{updateLoginToken}). */
  loginTokenAccepted(exporter: KeyRef): number {
    const bytes = new Api.UpdateShort({
      update: new Api.UpdateLoginToken(),
      date: unixSeconds(this.clock),
    }).getBytes();
    return this.topology.pushUpdates(exporter.dcId, exporter.authKeyId, bytes);
  }
}
