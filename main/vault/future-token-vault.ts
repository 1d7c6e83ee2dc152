import { z } from 'zod';
import { PhoneNumberSchema } from '../contract/phone.ts';
import type { ServerProfile } from '../contract/server-profile.ts';
import {
  decodeTokenEntry,
  encodeTokenEntry,
  MAX_TOKEN_BYTES,
  parseTokenEntryName,
  tokenEntryName,
} from './future-token-entry.ts';
import { KeyedQueue } from './keyed-queue.ts';
import { assertEntryFits } from './keychain-entry-size.ts';
import type { SecretStore } from './secret-store.ts';
import { futureTokensService } from './service-names.ts';
import type { VaultLogger } from './vault-logger.ts';
import { parseInput } from './vault-input.ts';

/** Telegram's clients keep the last 20 (auth.sendCode's logout_tokens); more would only be refused. */
export const MAX_TOKENS_PER_PHONE = 20;

const TokenSchema = z.instanceof(Buffer).refine((t) => t.length >= 1 && t.length <= MAX_TOKEN_BYTES, {
  error: `a future auth token is 1 to ${MAX_TOKEN_BYTES} bytes`,
});

export interface FutureTokenVaultOptions {
  readonly store: SecretStore;
  readonly profile: ServerProfile;
  readonly logger: VaultLogger;
  readonly serviceBase?: string;
}

interface TokenEntry {
  readonly name: string;
  readonly sequence: number;
  /** null when the entry could not be read (reported, kept, never used). */
  readonly token: Buffer | null;
}

/**
 * Future auth tokens (auth.authorization.future_auth_token) per phone number: secrets as strong as a
 * password, so only in the keychain, per server profile. At most 20 per phone, oldest evicted first.
 */
export class FutureTokenVault {
  readonly service: string;
  private readonly store: SecretStore;
  private readonly logger: VaultLogger;
  private readonly queue = new KeyedQueue();

  constructor(options: FutureTokenVaultOptions) {
    this.store = options.store;
    this.logger = options.logger;
    this.service = futureTokensService(options.profile, options.serviceBase);
  }

  /** The phone's tokens, oldest first. */
  async list(phone: string): Promise<Buffer[]> {
    const key = parseInput(PhoneNumberSchema, phone);
    const entries = await this.entries(key);
    return usable(entries)
      .slice(-MAX_TOKENS_PER_PHONE)
      .map((entry) => entry.token);
  }

  /** Keeps `token` as the newest (re-adding one moves it there), then evicts beyond 20. */
  async add(phone: string, token: Buffer): Promise<void> {
    const key = parseInput(PhoneNumberSchema, phone);
    const bytes = Buffer.from(parseInput(TokenSchema, token));
    const entry = encodeTokenEntry(bytes);
    assertEntryFits('future auth token entry', entry);
    await this.queue.run(key, async () => {
      const entries = await this.entries(key);
      const next = Math.max(-1, ...entries.map((e) => e.sequence)) + 1;
      // Write first: if anything after fails, the new token is kept and at worst an old one lingers.
      await this.store.set(this.service, tokenEntryName(key, next), entry);
      const older = usable(entries);
      const duplicates = older.filter((e) => e.token.equals(bytes));
      const kept = older.filter((e) => !e.token.equals(bytes));
      const evicted = kept.slice(0, Math.max(0, kept.length + 1 - MAX_TOKENS_PER_PHONE));
      for (const e of [...duplicates, ...evicted]) await this.store.delete(this.service, e.name);
    });
  }

  /** true if the token was there. */
  async remove(phone: string, token: Buffer): Promise<boolean> {
    const key = parseInput(PhoneNumberSchema, phone);
    return this.queue.run(key, async () => {
      const matches = usable(await this.entries(key)).filter((e) => e.token.equals(token));
      for (const e of matches) await this.store.delete(this.service, e.name);
      return matches.length > 0;
    });
  }

  /** Forgets every entry of the phone, unreadable ones too. Returns how many were deleted. */
  async clear(phone: string): Promise<number> {
    const key = parseInput(PhoneNumberSchema, phone);
    return this.queue.run(key, async () => {
      const entries = await this.entries(key);
      for (const e of entries) await this.store.delete(this.service, e.name);
      return entries.length;
    });
  }

  /** The phone's entries by sequence, oldest first. */
  private async entries(phone: string): Promise<TokenEntry[]> {
    const entries: TokenEntry[] = [];
    // Only this phone's entries are read (a listing of all would read every phone's tokens).
    for (const account of await this.store.names(this.service)) {
      const name = parseTokenEntryName(account);
      if (name === null) {
        this.report(account, ['entry name is not <phone>#<sequence>']);
        continue;
      }
      if (name.phone !== phone) continue;
      const secret = await this.store.get(this.service, account);
      if (secret === null) {
        this.report(account, ['the keychain gives no text for it']);
        entries.push({ name: account, sequence: name.sequence, token: null });
        continue;
      }
      const decoded = decodeTokenEntry(secret);
      if (!decoded.ok) this.report(account, decoded.problems);
      entries.push({ name: account, sequence: name.sequence, token: decoded.ok ? decoded.token : null });
    }
    return entries.sort((a, b) => a.sequence - b.sequence);
  }

  private report(account: string, problems: readonly string[]): void {
    this.logger.warn('Skipped an unreadable future auth token entry in the keychain', {
      service: this.service,
      account,
      problems,
    });
  }
}

function usable(entries: readonly TokenEntry[]): (TokenEntry & { readonly token: Buffer })[] {
  return entries.filter((e): e is TokenEntry & { readonly token: Buffer } => e.token !== null);
}
