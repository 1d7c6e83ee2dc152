import { z } from 'zod';
import type { SecretStore } from './secret-store.ts';
import { TELEGRAM_SCOPE } from './profile-id.ts';
import { APP_SERVICE } from './service-names.ts';
import type { VaultLogger } from './vault-logger.ts';
import { parseInput } from './vault-input.ts';

/** my.telegram.org gives a 32-digit hex api_hash; stored lowercased. */
const ApiHashSchema = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{32}$/)
  .transform((hash) => hash.toLowerCase());

const ACCOUNT = 'api-hash';

/** Telegram's hash keeps the entry name it always had; every other server's is named by its scope. */
function accountFor(scope: string): string {
  return scope === TELEGRAM_SCOPE ? ACCOUNT : `${ACCOUNT} (${scope})`;
}

export interface ApiCredentialsVaultOptions {
  readonly store: SecretStore;
  readonly logger: VaultLogger;
  /** The app-wide service name: "Switchboard" unless a test or dev build wants its own. */
  readonly serviceBase?: string;
}

/**
 * The API hash is a secret (with the API ID it signs in as the app), so it lives in the keychain, one
 * per credential scope (main/vault/profile-id.ts: Telegram's, the sandbox's, each custom server's);
 * the API ID is not and lives in the settings file.
 */
export class ApiCredentialsVault {
  readonly service: string;
  private readonly store: SecretStore;
  private readonly logger: VaultLogger;

  constructor(options: ApiCredentialsVaultOptions) {
    this.store = options.store;
    this.logger = options.logger;
    this.service = options.serviceBase ?? APP_SERVICE;
  }

  /** null when none is stored, or when the stored one is not a valid hash (reported). */
  async getApiHash(scope: string): Promise<string | null> {
    const account = accountFor(scope);
    const stored = await this.store.get(this.service, account);
    if (stored === null) return null;
    const parsed = ApiHashSchema.safeParse(stored);
    if (parsed.success) return parsed.data;
    this.logger.warn('Ignored an unreadable API hash in the keychain', {
      service: this.service,
      account,
      problems: ['not 32 hex digits'],
    });
    return null;
  }

  /** API_ID_INVALID unless `hash` is 32 hex digits. */
  async setApiHash(scope: string, hash: string): Promise<void> {
    await this.store.set(this.service, accountFor(scope), parseInput(ApiHashSchema, hash, 'API_ID_INVALID'));
  }
}
