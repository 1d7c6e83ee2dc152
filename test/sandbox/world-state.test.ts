import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, startSandbox, WorldStateSchema, type Sandbox } from '../../main/sandbox/index.ts';
import { RpcFailure } from '../../main/sandbox/mtproto/rpc-types.ts';

/**
 * A sandbox's world saved as JSON and loaded into a new sandbox: accounts made at run time, 2FA,
 * sessions (signed in and revoked), future auth tokens and flood windows all carry over. (The auth keys
 * themselves are proven by test/app/demo-world.test.ts, where real clients reconnect with them.)
 */
const running: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
});

async function sandboxWith(options: Parameters<typeof startSandbox>[0]): Promise<Sandbox> {
  const sandbox = await startSandbox({ dcIds: [2], ...options });
  running.push(sandbox);
  return sandbox;
}

describe('the saved world', () => {
  it('brings back what the world learnt, through JSON', async () => {
    const clock = new ManualClock(1_750_000_000_000);
    const first = await sandboxWith({
      clock,
      world: { accounts: [{ phone: '+999 66 2 0001', firstName: 'Ada' }] },
    });
    const grace = await first.world.addAccount({ phone: '+15550404001', firstName: 'Grace', password: 'pw' });
    const newcomer = first.world.accountForLogin('9996625555');
    newcomer.registered = true;
    newcomer.firstName = 'Newcomer';
    const key = { dcId: 2, authKeyId: 123456789n };
    const revokedKey = { dcId: 2, authKeyId: 987654321n };
    first.world.authorizations.bind(key, grace.id, clock.now());
    first.world.authorizations.bind(revokedKey, grace.id, clock.now());
    first.world.signOutEverywhere('+15550404001');
    first.world.authorizations.bind(key, grace.id, clock.now());
    const token = first.world.futureAuthTokens.issue(newcomer.id);
    for (let i = 0; i < 5; i++) first.world.limits.codesSent.record('15550404001');

    const json: unknown = JSON.parse(JSON.stringify(first.captureState()));
    const state = WorldStateSchema.parse(json);
    const second = await sandboxWith({
      clock,
      world: { accounts: [{ phone: '+999 66 2 0001', firstName: 'Ada' }] },
      state,
    });
    const world = second.world;

    expect(world.account('+999 66 2 0001')?.firstName).toBe('Ada');
    expect(world.account('+999 66 2 5555')).toMatchObject({ id: newcomer.id, firstName: 'Newcomer' });
    expect(world.account('+15550404001')?.twoFactor?.verifier.verifier).toEqual(
      grace.twoFactor?.verifier.verifier,
    );
    expect(world.signedInAccount(key).id).toBe(grace.id);
    expect(() => world.signedInAccount(revokedKey)).toThrow(new RpcFailure(401, 'SESSION_REVOKED'));
    expect(world.futureAuthTokens.redeem(newcomer.id, [token])).toBe(true);
    expect(world.limits.codesSent.waitSeconds('15550404001')).toBeGreaterThan(0);
    // Ids handed out later do not collide with the ones that came back.
    expect(world.accountForLogin('9996625556').id).not.toBe(newcomer.id);
  });

  it('refuses a state that is not one (it is validated, never trusted)', () => {
    expect(WorldStateSchema.safeParse({ version: 1, accounts: 'all of them' }).success).toBe(false);
    expect(WorldStateSchema.safeParse({ version: 2 }).success).toBe(false);
  });
});
