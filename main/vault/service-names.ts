import type { ServerProfile } from '../contract/server-profile.ts';
import { profileId } from './profile-id.ts';

/**
 * Keychain service names. Each server profile gets its own, so a sandbox or test-DC session can never be
 * read as a production one. `base` is "Switchboard" in the app; tests (and a dev build) use another.
 */
export const APP_SERVICE = 'Switchboard';

export function accountsService(profile: ServerProfile, base = APP_SERVICE): string {
  return `${base} (${profileId(profile)})`;
}

export function futureTokensService(profile: ServerProfile, base = APP_SERVICE): string {
  return `${base} future auth tokens (${profileId(profile)})`;
}
