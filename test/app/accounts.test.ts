import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { accountsService } from '../../main/vault/service-names.ts';
import { AppHarness, useSandboxProfile } from '../support/app-harness.ts';

/** Accounts across restarts, log out, re-login with a future auth token, duplicates, flood deadlines. */

let sandbox: Sandbox;
let app: AppHarness;

beforeAll(async () => {
  sandbox = await startSandbox({
    world: { settings: { limits: { codesSent: { limit: 2, windowSeconds: 3600 } } } },
  });
  for (const [i, name] of ['Ann', 'Ben', 'Cat', 'Dan', 'Eve'].entries()) {
    await sandbox.world.addAccount({ phone: `+1555030100${i}`, firstName: name });
  }
  await sandbox.world.addAccount({ phone: '+15550301009', firstName: 'Flo' });
  await sandbox.world.addAccount({ phone: '+15550301008', firstName: 'Gus' });
  app = await AppHarness.start(sandbox);
  await useSandboxProfile(app);
});
afterAll(async () => {
  await app.stop();
  await sandbox.close();
});

describe('accounts', () => {
  it('signs in three accounts, refuses duplicates, and restores them all after a restart', async () => {
    await app.signIn('+15550301000');
    await app.signIn('+15550301001');
    await app.signIn('+15550301002');
    expect(await app.fails('login:start', { phone: '+1 555 030 1000' })).toBe('ALREADY_SIGNED_IN');
    const card = await app.ok('login:start', { phone: '+15550301003' });
    expect(await app.fails('login:start', { phone: '+15550301003' })).toBe('LOGIN_IN_PROGRESS');
    await app.waitForStep(card.id, 'codeSent');
    await app.ok('login:perform', { loginId: card.id, request: { type: 'cancel' } });
    await app.waitForStep(card.id, 'cancelled');
    // The code was cancelled on the server: its hash no longer works.
    expect(sandbox.world.outbox.last('+15550301003')).toBeDefined();

    await app.restart();
    const restored = await app.waitForAccounts(
      (list) => list.length === 3 && list.every((a) => a.status === 'online'),
      'all three online after the restart',
    );
    expect(restored.map((a) => a.firstName).sort()).toEqual(['Ann', 'Ben', 'Cat']);
  });

  it('log out ends the session at Telegram, forgets it, and the kept token signs in again without a code', async () => {
    const accounts = await app.ok('accounts:list', {});
    const ann = accounts.find((a) => a.firstName === 'Ann');
    if (!ann) throw new Error('Ann is not signed in');
    await app.ok('accounts:logOut', { accountId: ann.id });
    expect((await app.ok('accounts:list', {})).some((a) => a.id === ann.id)).toBe(false);

    const codesBefore = sandbox.world.outbox.entries('+15550301000').length;
    const card = await app.ok('login:start', { phone: '+15550301000' });
    const done = await app.waitForStep(card.id, 'signedIn');
    expect(done.account.firstName).toBe('Ann');
    // No code was sent: the future auth token from the log-out did it.
    expect(sandbox.world.outbox.entries('+15550301000').length).toBe(codesBefore);
  });

  it('an account revoked elsewhere is marked signed out at the next start', async () => {
    const ben = (await app.ok('accounts:list', {})).find((a) => a.firstName === 'Ben');
    if (!ben) throw new Error('Ben is not signed in');
    expect(sandbox.world.signOutEverywhere(ben.phone)).toBe(1);
    await app.restart();
    const accounts = await app.waitForAccounts(
      (list) => list.some((a) => a.id === ben.id && a.status === 'signedOut'),
      'Ben signed out',
    );
    expect(accounts.find((a) => a.id === ben.id)?.statusError?.code).toBe('SIGNED_OUT');
    // Logging out a signed-out account just forgets it.
    await app.ok('accounts:logOut', { accountId: ben.id });
    expect((await app.ok('accounts:list', {})).some((a) => a.id === ben.id)).toBe(false);
  });

  it('an account signed out elsewhere logs in again, and the new session replaces the old entry', async () => {
    const gusId = await app.signIn('+15550301008');
    expect(sandbox.world.signOutEverywhere('+15550301008')).toBe(1);
    await app.restart();
    await app.waitForAccounts(
      (list) => list.some((a) => a.id === gusId && a.status === 'signedOut'),
      'Gus signed out',
    );
    // The future auth token kept from the first sign-in logs it in again without a code.
    const codesBefore = sandbox.world.outbox.entries('+15550301008').length;
    const card = await app.ok('login:start', { phone: '+1 555 030 1008' });
    expect((await app.waitForStep(card.id, 'signedIn')).account.id).toBe(gusId);
    expect(sandbox.world.outbox.entries('+15550301008').length).toBe(codesBefore);
    const accounts = await app.waitForAccounts(
      (list) => list.some((a) => a.id === gusId && a.status === 'online'),
      'Gus online again',
    );
    expect(accounts.filter((a) => a.id === gusId)).toHaveLength(1);
    // Now it holds a session again: a second login for it is refused.
    expect(await app.fails('login:start', { phone: '+15550301008' })).toBe('ALREADY_SIGNED_IN');
  });

  it('an account whose auth key the server forgot (-404) is signed out at the next start, not retried', async () => {
    const cat = (await app.ok('accounts:list', {})).find((a) => a.firstName === 'Cat');
    if (!cat) throw new Error('Cat is not signed in');
    expect(sandbox.world.forgetAuthKeys(cat.phone)).toBeGreaterThan(0);
    await app.restart();
    const accounts = await app.waitForAccounts(
      (list) => list.some((a) => a.id === cat.id && a.status === 'signedOut'),
      'Cat signed out',
    );
    expect(accounts.find((a) => a.id === cat.id)?.statusError?.code).toBe('SIGNED_OUT');
    expect(app.statusHistory(cat.id)).toEqual(['connecting', 'signedOut']);
  });

  it('an account whose stored session is damaged is signed out at the next start; the others come back', async () => {
    const danId = await app.signIn('+15550301003');
    const service = accountsService({ kind: 'sandbox' }, app.serviceBase);
    const entry = await app.store.get(service, danId);
    if (entry === null) throw new Error('Dan has no keychain entry');
    const stored = JSON.parse(entry) as { session: string };
    // Still a well-formed entry, but GramJS cannot read the session in it (its version mark is damaged).
    const damaged = `0${stored.session.slice(1)}`;
    await app.store.set(service, danId, JSON.stringify({ ...stored, session: damaged }));
    const workerExits = (): number => app.logs.filter((line) => line.message.includes('exited')).length;
    const exitsBefore = workerExits();

    await app.restart();
    const accounts = await app.waitForAccounts(
      (list) =>
        list.some((a) => a.id === danId && a.status === 'signedOut') &&
        list.filter((a) => a.id !== danId).every((a) => a.status === 'online' || a.status === 'signedOut'),
      'Dan signed out, the rest settled',
    );
    expect(accounts.find((a) => a.id === danId)?.statusError?.code).toBe('SIGNED_OUT');
    expect(app.statusHistory(danId)).toEqual(['connecting', 'signedOut']);
    expect(accounts.filter((a) => a.status === 'online').map((a) => a.firstName)).toContain('Ann');
    // Its worker, and every other account on it, lived on.
    expect(workerExits()).toBe(exitsBefore);
  });

  it('an account entry that cannot be read is listed as unreadable, never dropped, and can be removed', async () => {
    const service = accountsService({ kind: 'sandbox' }, app.serviceBase);
    // What two keyring daemons on one keyring file left behind: an entry that is not JSON, an empty one.
    await app.store.set(service, '9000000001', '{"v":1,"session":"1BQ');
    await app.store.set(service, '9000000002', ' ');
    await app.restart();
    const accounts = await app.waitForAccounts(
      (list) => list.filter((a) => a.status === 'unreadable').length === 2,
      'both unreadable entries listed',
    );
    const unreadable = accounts.filter((a) => a.status === 'unreadable');
    expect(unreadable.map((a) => [a.id, a.statusError?.code])).toEqual([
      ['9000000001', 'SESSION_UNREADABLE'],
      ['9000000002', 'SESSION_UNREADABLE'],
    ]);
    expect(JSON.stringify(accounts)).not.toContain('1BQ');
    expect(app.logs.some((line) => line.message.includes('unreadable account entry'))).toBe(true);

    await app.ok('accounts:logOut', { accountId: '9000000001' });
    expect(await app.store.get(service, '9000000001')).toBeNull();
    const after = await app.ok('accounts:list', {});
    expect(after.filter((a) => a.status === 'unreadable').map((a) => a.id)).toEqual(['9000000002']);
    await app.ok('accounts:logOut', { accountId: '9000000002' });
    expect((await app.ok('accounts:list', {})).some((a) => a.status === 'unreadable')).toBe(false);
  });

  it('an account whose auth key the server forgets while it is connected is marked signed out, not left connecting', async () => {
    const eveId = await app.signIn('+15550301004');
    await app.waitForAccounts(
      (list) => list.some((a) => a.id === eveId && a.status === 'online'),
      'Eve online',
    );
    expect(sandbox.world.forgetAuthKeys('+15550301004')).toBeGreaterThan(0);
    // Every connection drops; Eve's first message on her new one meets the -404.
    expect(sandbox.dropAllConnections()).toBeGreaterThan(0);
    const accounts = await app.waitForAccounts(
      (list) =>
        list.some((a) => a.id === eveId && a.status === 'signedOut') &&
        list.some((a) => a.firstName === 'Ann' && a.status === 'online'),
      'Eve signed out, Ann back online',
    );
    expect(accounts.find((a) => a.id === eveId)?.statusError?.code).toBe('SIGNED_OUT');
    // Final: after the next drop Ann reconnects, Eve does not; she stays listed for the user to see.
    const annId = accounts.find((a) => a.firstName === 'Ann')?.id ?? '';
    const annChanges = app.statusHistory(annId).length;
    const eveChanges = app.statusHistory(eveId).length;
    sandbox.dropAllConnections();
    await app.waitForAccounts(() => {
      const history = app.statusHistory(annId);
      return history.length >= annChanges + 2 && history.at(-1) === 'online';
    }, 'Ann reconnected');
    expect(app.statusHistory(eveId)).toHaveLength(eveChanges);
    expect(app.statusHistory(eveId).at(-1)).toBe('signedOut');
    expect(await app.store.get(accountsService({ kind: 'sandbox' }, app.serviceBase), eveId)).not.toBeNull();
  });

  it('a flood wait is kept per phone and survives a restart: no new request is sent until it ends', async () => {
    const phone = '+15550301009';
    for (let i = 0; i < 2; i++) {
      const card = await app.ok('login:start', { phone });
      await app.waitForStep(card.id, 'codeSent');
      await app.ok('login:dismiss', { loginId: card.id });
    }
    const flooded = await app.ok('login:start', { phone });
    const failed = await app.waitForStep(flooded.id, 'failed');
    expect(failed.error.code).toBe('FLOOD_WAIT');
    const retryAt = failed.error.retryAt ?? 0;
    expect(retryAt).toBeGreaterThan(Date.now() + 3_000_000);

    await app.restart();
    const sendsBefore = sandbox.stats(2).callsByMethod.get('auth.SendCode') ?? 0;
    const again = await app.ok('login:start', { phone });
    const stillFlooded = await app.waitForStep(again.id, 'failed');
    expect(stillFlooded.error.code).toBe('FLOOD_WAIT');
    expect(stillFlooded.error.retryAt).toBe(retryAt);
    expect(await app.fails('login:perform', { loginId: again.id, request: { type: 'retry' } })).toBe(
      'FLOOD_WAIT',
    );
    expect(sandbox.stats(2).callsByMethod.get('auth.SendCode') ?? 0).toBe(sendsBefore);
  });
});
