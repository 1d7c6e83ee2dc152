import { Api } from 'telegram';
import { unixSeconds } from '../clock.ts';
import type { SandboxWorld } from '../world/world.ts';
import { keyOf } from './login-tl.ts';
import type { RpcRouter } from './router.ts';

/**
 * updates.getState. For a key that is not signed in it answers 401 AUTH_KEY_UNREGISTERED (or
 * SESSION_REVOKED): GramJS's checkAuthorization() relies on that, and so does its PHONE_MIGRATE
 * handling, which only switches DC when this call fails.
 */
export function registerUpdatesMethods(router: RpcRouter, world: SandboxWorld): void {
  router.on(Api.updates.GetState, (_request, call) => {
    const account = world.signedInAccount(keyOf(call));
    return new Api.updates.State({
      pts: account.pts,
      qts: 0,
      date: unixSeconds(world.clock),
      seq: 0,
      unreadCount: 0,
    }).getBytes();
  });
}
