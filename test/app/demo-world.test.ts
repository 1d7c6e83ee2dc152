import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORLD_FILE } from '../../main/app/demo-sandbox.ts';
import { AppHarness, useSandboxProfile } from '../support/app-harness.ts';

/**
 * The app on its own demo sandbox (the Sandbox profile, `npm run demo`, `npm run demo:browser`), restarted
 * on the same user data folder and keychain: the demo's world is kept there, so every demo account that
 * was signed in comes back online, not "signed out". Real services, keychain and GramJS.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-demo-world-'));
let app: AppHarness;

beforeAll(async () => {
  app = await AppHarness.start(null, { userDataDir: dataDir });
  await useSandboxProfile(app);
});
afterAll(async () => {
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo world', () => {
  it('keeps its accounts, keys and sessions across a restart: the demo accounts come back online', async () => {
    const adaId = await app.signIn('+999 66 2 0001', '22222');
    // An account that did not exist before this run: signed up here.
    const card = await app.ok('login:start', { phone: '+999 66 2 0003' });
    await app.waitForStep(card.id, 'codeSent');
    const asked = await app.ok('login:perform', {
      loginId: card.id,
      request: { type: 'submitCode', code: '22222' },
    });
    expect(asked.state.step).toBe('signUpNeeded');
    const done = await app.ok('login:perform', {
      loginId: card.id,
      request: { type: 'signUp', firstName: 'Newcomer', lastName: '', acceptTerms: true },
    });
    if (done.state.step !== 'signedIn') throw new Error(done.state.step);
    const newcomerId = done.state.account.id;

    await app.restart();
    const accounts = await app.waitForAccounts(
      (list) => list.length === 2 && list.every((a) => a.status === 'online'),
      'both demo accounts online again',
    );
    expect(accounts.map((a) => [a.id, a.firstName]).sort()).toEqual(
      [
        [adaId, 'Ada'],
        [newcomerId, 'Newcomer'],
      ].sort(),
    );
    for (const id of [adaId, newcomerId]) expect(app.statusHistory(id)).toEqual(['connecting', 'online']);
    // Kept for this user only, like the settings.
    expect(statSync(join(dataDir, DEMO_WORLD_FILE)).mode & 0o777).toBe(0o600);
  });

  it('sets a damaged world file aside and starts a new demo world, saying so', async () => {
    await app.stop(false);
    writeFileSync(join(dataDir, DEMO_WORLD_FILE), '{"rsaPrivateKeyPem": "-----BEGIN');
    app = await AppHarness.start(null, { userDataDir: dataDir, serviceBase: app.serviceBase });
    const accounts = await app.waitForAccounts(
      (list) => list.length === 2 && list.every((a) => a.status === 'signedOut'),
      'the accounts of the lost world signed out',
    );
    expect(accounts).toHaveLength(2);
    expect(readFileSync(join(dataDir, `${DEMO_WORLD_FILE}.unreadable`), 'utf8')).toContain('BEGIN');
    expect(app.logs.some((line) => line.level === 'warn' && line.message.includes('could not be read'))).toBe(
      true,
    );
    // The new world works: Ada logs in again.
    await app.signIn('+999 66 2 0001', '22222');
  });
});
