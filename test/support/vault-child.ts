/**
 * Run by test/vault/keychain-unavailable.test.ts as a process of its own, in an environment the test
 * chose (no session bus; or a private bus whose keyring is locked), because keytar's D-Bus connection is
 * per process. Usage: vault-child.ts <seed|try|check> <serviceBase> <userDataDir>
 * Prints one JSON line per operation (ChildOutcome). Exits 0 unless the script itself breaks.
 */
import { join } from 'node:path';
import { AppFailure } from '../../main/contract/errors.ts';
import type { ServerProfile } from '../../main/contract/server-profile.ts';
import { SettingsStore } from '../../main/settings/settings-store.ts';
import { AccountVault } from '../../main/vault/account-vault.ts';
import { ApiCredentialsVault } from '../../main/vault/api-credentials-vault.ts';
import { FutureTokenVault } from '../../main/vault/future-token-vault.ts';
import { TELEGRAM_SCOPE } from '../../main/vault/profile-id.ts';
import { KeychainUnavailable } from '../../main/vault/keychain-failure.ts';
import { testSecretStore } from './keychain.ts';
import {
  CHILD_ACCOUNT,
  CHILD_API_HASH,
  CHILD_PHONE,
  CHILD_TOKEN,
  type ChildOutcome,
} from './vault-fixtures.ts';

const [mode, serviceBase, userDataDir] = process.argv.slice(2);
if (mode === undefined || serviceBase === undefined || userDataDir === undefined) {
  throw new Error('usage: vault-child.ts <seed|try|check> <serviceBase> <userDataDir>');
}

const logger = {
  warn: (message: string) => {
    process.stderr.write(`warn: ${message}\n`);
  },
};
const store = testSecretStore(serviceBase);
const profile: ServerProfile = { kind: 'production' };
const accounts = new AccountVault({ store, profile, logger, serviceBase });
const tokens = new FutureTokenVault({ store, profile, logger, serviceBase });
const api = new ApiCredentialsVault({ store, logger, serviceBase });
// As the app does at start: the settings store opens on the user-data folder (and must not write to it).
await SettingsStore.open(join(userDataDir, 'settings.json'), logger);

async function attempt(op: string, run: () => Promise<unknown>): Promise<void> {
  let outcome: ChildOutcome;
  try {
    const value = await run();
    outcome = { op, outcome: 'ok', ...(Array.isArray(value) ? { count: value.length } : {}) };
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
    outcome = {
      op,
      outcome: error.error.code,
      message: error.error.message,
      ...(error instanceof KeychainUnavailable ? { kind: error.kind, reason: error.reason } : {}),
    };
  }
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
}

if (mode === 'seed') {
  await attempt('accounts.save', () => accounts.save(CHILD_ACCOUNT));
  await attempt('tokens.add', () => tokens.add(CHILD_PHONE, CHILD_TOKEN));
  await attempt('api.set', () => api.setApiHash(TELEGRAM_SCOPE, CHILD_API_HASH));
  // Reads too, so the unlock probe entry exists before the keyring is locked.
  await attempt('accounts.list', async () => (await accounts.list()).accounts);
} else if (mode === 'check') {
  await attempt('accounts.list', async () => (await accounts.list()).accounts);
  await attempt('tokens.list', () => tokens.list(CHILD_PHONE));
  await attempt('api.get', async () =>
    [await api.getApiHash(TELEGRAM_SCOPE)].filter((hash) => hash !== null),
  );
} else {
  await attempt('accounts.list', async () => (await accounts.list()).accounts);
  await attempt('accounts.get', () => accounts.get(CHILD_ACCOUNT.userId));
  await attempt('accounts.save', () => accounts.save(CHILD_ACCOUNT));
  await attempt('accounts.remove', () => accounts.remove(CHILD_ACCOUNT.userId));
  await attempt('tokens.list', () => tokens.list(CHILD_PHONE));
  await attempt('tokens.add', () => tokens.add(CHILD_PHONE, CHILD_TOKEN));
  await attempt('tokens.remove', () => tokens.remove(CHILD_PHONE, CHILD_TOKEN));
  await attempt('tokens.clear', () => tokens.clear(CHILD_PHONE));
  await attempt('api.get', () => api.getApiHash(TELEGRAM_SCOPE));
  await attempt('api.set', () => api.setApiHash(TELEGRAM_SCOPE, CHILD_API_HASH));
}
