import { setImmediate as yieldTurn } from 'node:timers/promises';
import type { StoredAccountList, UnreadableAccountEntry } from '../accounts/stored-account.ts';
import type { ServerProfile } from '../contract/server-profile.ts';
import {
  decodeAccountEntry,
  encodeAccountEntry,
  StoredAccountSchema,
  type StoredAccount,
} from './account-entry.ts';
import { assertEntryFits } from './keychain-entry-size.ts';
import type { SecretStore } from './secret-store.ts';
import { accountsService } from './service-names.ts';
import type { VaultLogger } from './vault-logger.ts';
import { parseInput } from './vault-input.ts';

export type { StoredAccount } from './account-entry.ts';

const UserIdSchema = StoredAccountSchema.shape.userId;
/** Entries decoded (JSON and schema) per turn of the event loop when listing. */
const DECODE_BATCH = 100;

export interface AccountVaultOptions {
  readonly store: SecretStore;
  readonly profile: ServerProfile;
  readonly logger: VaultLogger;
  /** The service name's prefix; "Switchboard" unless a test or dev build wants its own. */
  readonly serviceBase?: string;
}

/**
 * The signed-in accounts of one server profile: one keychain entry each, named by Telegram user id, under
 * the profile's own service name. Entries that do not parse are logged, never fatal; those named like an
 * account are listed as unreadable, so the user sees them.
 */
export class AccountVault {
  readonly service: string;
  private readonly store: SecretStore;
  private readonly logger: VaultLogger;

  constructor(options: AccountVaultOptions) {
    this.store = options.store;
    this.logger = options.logger;
    this.service = accountsService(options.profile, options.serviceBase);
  }

  /** Every readable account, by user id, and the account entries that cannot be read. */
  async list(): Promise<StoredAccountList> {
    const entries = await this.store.list(this.service);
    const accounts: StoredAccount[] = [];
    const unreadable: UnreadableAccountEntry[] = [];
    for (const [index, { account, secret }] of entries.entries()) {
      // Decoding 1,000 entries in one go holds the main thread for tens of ms: a turn per batch.
      if (index > 0 && index % DECODE_BATCH === 0) await yieldTurn();
      const read = secret === null ? this.unreadable(account) : this.decode(account, secret);
      if (read !== null) accounts.push(read);
      else if (UserIdSchema.safeParse(account).success) unreadable.push({ userId: account });
    }
    accounts.sort((a, b) => compareUserIds(a.userId, b.userId));
    unreadable.sort((a, b) => compareUserIds(a.userId, b.userId));
    return { accounts, unreadable };
  }

  async get(userId: string): Promise<StoredAccount | null> {
    const id = parseInput(UserIdSchema, userId);
    const secret = await this.store.get(this.service, id);
    return secret === null ? null : this.decode(id, secret);
  }

  /** Creates or replaces the account's entry. */
  async save(account: StoredAccount): Promise<void> {
    const valid = parseInput(StoredAccountSchema, account);
    const entry = encodeAccountEntry(valid);
    assertEntryFits('account entry', entry);
    await this.store.set(this.service, valid.userId, entry);
  }

  /** true if there was an entry to remove. */
  async remove(userId: string): Promise<boolean> {
    return this.store.delete(this.service, parseInput(UserIdSchema, userId));
  }

  /** Indexed, but its secret cannot be read: in a locked collection, not text, or gone. */
  private unreadable(account: string): null {
    this.logger.warn('Could not read an account entry in the keychain; it is listed for the user to see', {
      service: this.service,
      account,
      problems: ['the keychain gives no text for it (a locked collection, another format, or gone)'],
    });
    return null;
  }

  private decode(account: string, secret: string): StoredAccount | null {
    const decoded = decodeAccountEntry(account, secret);
    if (decoded.ok) return decoded.account;
    this.logger.warn(
      'Found an unreadable account entry in the keychain; it is listed for the user to remove',
      {
        service: this.service,
        account,
        problems: decoded.problems,
      },
    );
    return null;
  }
}

function compareUserIds(a: string, b: string): number {
  const [x, y] = [BigInt(a), BigInt(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
