import { Api } from 'telegram';
import { RpcFailure } from '../mtproto/rpc-types.ts';
import { serializeVector } from '../tl/tl-writer.ts';
import { SERVICE_USER_ID, type Account } from '../world/accounts.ts';
import { fromLong, serviceUserObject, toLong, userObject } from '../world/user-objects.ts';
import type { SandboxWorld } from '../world/world.ts';
import { keyOf } from './login-tl.ts';
import type { RpcRouter } from './router.ts';

type Resolved =
  { readonly kind: 'account'; readonly account: Account } | { readonly kind: 'service' } | undefined;

/** An InputUser the sandbox can answer for: self, a registered account (by id), or 777000. */
function resolve(world: SandboxWorld, self: Account, input: unknown): Resolved {
  if (input instanceof Api.InputUserSelf) return { kind: 'account', account: self };
  if (input instanceof Api.InputUser) {
    const id = fromLong(input.userId);
    if (id === SERVICE_USER_ID) return { kind: 'service' };
    const account = world.accounts.byId(id);
    if (account?.registered) return { kind: 'account', account };
  }
  return undefined;
}

/** users.getUsers / users.getFullUser, enough for getMe() and a profile of oneself. */
export function registerUsersMethods(router: RpcRouter, world: SandboxWorld): void {
  router
    .on(Api.users.GetUsers, (request, call) => {
      const self = world.signedInAccount(keyOf(call));
      const users = request.id.map((input) => {
        const found = resolve(world, self, input);
        if (found?.kind === 'service') return serviceUserObject().getBytes();
        if (found) return userObject(found.account, found.account.id === self.id).getBytes();
        const id = input instanceof Api.InputUser ? input.userId : toLong(0n);
        return new Api.UserEmpty({ id }).getBytes();
      });
      return serializeVector(users);
    })
    .on(Api.users.GetFullUser, (request, call) => {
      const self = world.signedInAccount(keyOf(call));
      const found = resolve(world, self, request.id);
      if (!found) throw new RpcFailure(400, 'USER_ID_INVALID');
      const user =
        found.kind === 'service'
          ? serviceUserObject()
          : userObject(found.account, found.account.id === self.id);
      return new Api.users.UserFull({
        fullUser: new Api.UserFull({
          id: user.id,
          settings: new Api.PeerSettings({}),
          notifySettings: new Api.PeerNotifySettings({}),
          commonChatsCount: 0,
          ...(found.kind === 'service' ? { about: 'Service notifications' } : {}),
        }),
        chats: [],
        users: [user],
      }).getBytes();
    });
}
