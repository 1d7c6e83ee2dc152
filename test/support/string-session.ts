import { randomBytes } from 'node:crypto';
import { AuthKey } from 'telegram/crypto/AuthKey';
import { StringSession } from 'telegram/sessions';

/**
 * A GramJS StringSession as the app stores one: production DC 2's address and a random 256-byte auth key.
 * 369 characters, the size of a real session for an IPv4 DC.
 */
export async function realStringSession(dcId = 2, address = '149.154.167.51'): Promise<string> {
  const session = new StringSession('');
  session.setDC(dcId, address, 443);
  const key = new AuthKey();
  await key.setKey(randomBytes(256));
  session.setAuthKey(key);
  return session.save();
}
