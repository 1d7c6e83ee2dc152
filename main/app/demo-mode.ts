import { join } from 'node:path';
import { SETTINGS_FILE_NAME, SettingsStore } from '../settings/settings-store.ts';
import type { UnlockProbe } from '../vault/keytar-secret-store.ts';

/**
 * `npm run demo`: the Electron app on the offline sandbox demo, kept apart from the real app's data. Asked
 * for with the `--demo` argument (what `electron-vite preview -- --demo` passes, on every platform) or
 * with SWITCHBOARD_DEMO=1 in the environment.
 */
export const DEMO_ARGUMENT = '--demo';
export const DEMO_ENV_VARIABLE = 'SWITCHBOARD_DEMO';

/** Its own keychain entries, so a demo never reads or changes the accounts of the installed app. */
export const DEMO_SERVICE_BASE = 'Switchboard demo';

/** The keychain's unlock probe under the demo's service name; only Linux's Secret Service needs one. */
export function demoUnlockProbe(platform: NodeJS.Platform): UnlockProbe | null {
  return platform === 'linux' ? { service: DEMO_SERVICE_BASE, account: 'keychain-check' } : null;
}

export interface LaunchMode {
  readonly demo: boolean;
}

const ENV_TRUE: ReadonlySet<string> = new Set(['1', 'true', 'yes']);

export function readLaunchMode(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): LaunchMode {
  const fromEnv = ENV_TRUE.has((env[DEMO_ENV_VARIABLE] ?? '').trim().toLowerCase());
  return { demo: fromEnv || argv.includes(DEMO_ARGUMENT) };
}

/**
 * The demo's user-data folder next to the real one (settings, window state). Electron's single-instance
 * lock lives there too, so the demo can run while the real app does.
 */
export function demoUserDataDir(userDataDir: string): string {
  return `${userDataDir}-demo`;
}

/**
 * Makes the sandbox the server profile in the demo's settings before the services start, so a demo opens
 * on the sandbox even if the profile was changed in an earlier demo; the other settings stay as they are.
 */
export async function chooseSandboxProfile(
  userDataDir: string,
  warn: (message: string) => void,
): Promise<void> {
  const settings = await SettingsStore.open(join(userDataDir, SETTINGS_FILE_NAME), {
    warn: (message) => {
      warn(message);
    },
  });
  if (settings.get().serverProfile.kind === 'sandbox') return;
  await settings.update((draft) => {
    draft.serverProfile = { kind: 'sandbox' };
  });
}
