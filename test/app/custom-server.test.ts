import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appError } from '../../main/contract/errors.ts';
import type { ServerProfile } from '../../main/contract/server-profile.ts';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { AppHarness } from '../support/app-harness.ts';

/**
 * A custom server profile that does not fit its server, against the sandbox DC as that server: a key
 * that is no RSA key is refused when saved, a key the server does not use and a DC the profile lacks fail
 * the card at once and say exactly that, and every sentence names the server, not Telegram.
 * Real services, GramJS (on worker threads), sandbox and keychain.
 */
let sandbox: Sandbox;
let app: AppHarness;
const NAME = 'Acme MTProto';
const ON_DC2 = '+15550911002';
const ON_DC4 = '+15550911004';
const TELEGRAM_CREDENTIALS = { apiId: 777001, apiHash: '0123456789abcdef0123456789abcdef' };
const SERVER_CREDENTIALS = { apiId: 424242, apiHash: 'fedcba9876543210fedcba9876543210' };

/** Switches to a custom server (the user confirms it) and enters that server's own API credentials. */
async function useServer(profile: ServerProfile): Promise<void> {
  await app.ok('settings:setServerProfile', { profile });
  await app.ok('settings:setApiCredentials', SERVER_CREDENTIALS);
}

const pem = (type: 'rsa' | 'ec', bits = 2048): string => {
  const pair =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: bits })
      : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
};

function custom(publicKeyPem: string): ServerProfile {
  return {
    kind: 'custom',
    name: NAME,
    dcs: [{ id: 2, host: '127.0.0.1', port: sandbox.portFor(2) }],
    publicKeyPem,
  };
}

beforeAll(async () => {
  sandbox = await startSandbox({ dcIds: [2, 4] });
  await sandbox.world.addAccount({ phone: ON_DC2, firstName: 'Two' });
  await sandbox.world.addAccount({ phone: ON_DC4, firstName: 'Four', dc: 4 });
  app = await AppHarness.start(sandbox);
  await app.ok('settings:setApiCredentials', TELEGRAM_CREDENTIALS);
});
afterAll(async () => {
  await app.stop();
  await sandbox.close();
});

describe('a custom server profile', () => {
  it('refuses, when saved, a key that is not a 2048-bit RSA public key, saying what is wrong', async () => {
    const garbage = '-----BEGIN PUBLIC KEY-----\nnot a key at all\n-----END PUBLIC KEY-----';
    expect(await app.invoke('settings:setServerProfile', { profile: custom(garbage) })).toEqual({
      ok: false,
      error: appError('SERVER_KEY_INVALID'),
    });
    expect(await app.fails('settings:setServerProfile', { profile: custom(pem('ec')) })).toBe(
      'SERVER_KEY_NOT_RSA',
    );
    expect(await app.fails('settings:setServerProfile', { profile: custom(pem('rsa', 1024)) })).toBe(
      'SERVER_KEY_NOT_RSA',
    );
    expect((await app.ok('settings:get', {})).serverProfile.kind).toBe('production');
  });

  it('fails a login at once, naming the server, when the server does not use the profile’s key', async () => {
    await useServer(custom(pem('rsa')));
    const card = await app.ok('login:start', { phone: ON_DC2 });
    const failed = await app.waitForLogin(card.id, (state) => state.step === 'failed', 'to fail');
    if (failed.step !== 'failed') throw new Error(failed.step);
    expect(failed.error).toEqual({
      code: 'SERVER_KEY_MISMATCH',
      message: `${NAME} does not use the public key in this profile: its handshake offered another one. Check the key in Settings.`,
    });
  });

  it('fails a login at once, naming the data center, when the server sends it to one the profile lacks', async () => {
    await useServer(custom(sandbox.publicKeyPem));
    // The same profile name with the right key now: the new key is used (not the last one's runtime).
    expect(await app.signIn(ON_DC2)).toMatch(/^\d+$/);
    const started = Date.now();
    const card = await app.ok('login:start', { phone: ON_DC4 });
    const failed = await app.waitForLogin(card.id, (state) => state.step === 'failed', 'to fail');
    if (failed.step !== 'failed') throw new Error(failed.step);
    expect(failed.error).toEqual({
      code: 'SERVER_DC_UNKNOWN',
      dcId: 4,
      message: `${NAME} sent this client to its data center 4, which the profile does not list. Add it in Settings.`,
    });
    // Well before the request deadline (8 s here): nothing dialled and waited.
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('words the errors on its cards for the server, not for Telegram', async () => {
    sandbox.faults.inject({ method: 'auth.sendCode', error: { code: 400, message: 'SOMETHING_ODD' } });
    const card = await app.ok('login:start', { phone: '+15550911099' });
    const failed = await app.waitForLogin(card.id, (state) => state.step === 'failed', 'to fail');
    if (failed.step !== 'failed') throw new Error(failed.step);
    expect(failed.error.message).toBe(`${NAME} refused this step.`);
    expect(JSON.stringify(app.events)).not.toMatch(
      /Telegram (refused|did not answer|has no other)|reach Telegram/,
    );
  });
});

describe('a custom server is the user’s decision, made outside the page', () => {
  // Each test its own ports, so it is not a server an earlier test confirmed (none of these is dialled).
  const server = (port: number, name = 'Lab server'): ServerProfile => ({
    kind: 'custom',
    name,
    dcs: [{ id: 2, host: '127.0.0.1', port }],
    publicKeyPem: sandbox.publicKeyPem,
  });

  it('is not used when the user declines, and is asked about again next time', async () => {
    await app.ok('settings:setServerProfile', { profile: { kind: 'production' } });
    const asked = app.serverQuestions.length;
    app.serverAnswer = 'declined';
    expect(await app.fails('settings:setServerProfile', { profile: server(sandbox.portFor(2) + 11) })).toBe(
      'SERVER_NOT_CONFIRMED',
    );
    expect((await app.ok('settings:get', {})).serverProfile).toEqual({ kind: 'production' });
    app.serverAnswer = 'confirmed';
    await app.ok('settings:setServerProfile', { profile: server(sandbox.portFor(2) + 11) });
    const questions = app.serverQuestions.slice(asked);
    expect(questions).toHaveLength(2);
    // What the user is shown: the addresses and the key's fingerprint, not just the name the page gave.
    expect(questions[0]).toEqual({
      name: 'Lab server',
      dcs: [{ id: 2, host: '127.0.0.1', port: sandbox.portFor(2) + 11 }],
      keyFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });
  });

  it('asks once per server: switching back to a confirmed one asks no more, an edited one asks again', async () => {
    app.serverAnswer = 'confirmed';
    await app.ok('settings:setServerProfile', { profile: server(sandbox.portFor(2) + 12) });
    await app.ok('settings:setServerProfile', { profile: { kind: 'production' } });
    const asked = app.serverQuestions.length;
    await app.ok('settings:setServerProfile', {
      profile: server(sandbox.portFor(2) + 12, 'Renamed lab'),
    });
    expect(app.serverQuestions.length).toBe(asked);
    await app.ok('settings:setServerProfile', { profile: server(sandbox.portFor(2) + 13) });
    expect(app.serverQuestions.length).toBe(asked + 1);
  });

  it('without a way to ask the user (no confirmer), refuses every custom server', async () => {
    const bare = await AppHarness.start(sandbox, { askAboutServers: false });
    try {
      expect(await bare.fails('settings:setServerProfile', { profile: server(sandbox.portFor(2)) })).toBe(
        'SERVER_NOT_CONFIRMED',
      );
      // The harness's own terminal code, and a page's guess at one, are for the harness's confirmer only.
      expect(
        await bare.fails('settings:setServerProfile', {
          profile: server(sandbox.portFor(2)),
          confirmationCode: 'ABCD-EFGH',
        }),
      ).toBe('SERVER_NOT_CONFIRMED');
    } finally {
      await bare.stop();
    }
  });
});

describe('each server has its own API credentials and its own accounts', () => {
  const lab = (port: number): ServerProfile => ({
    kind: 'custom',
    name: 'Credentials lab',
    dcs: [{ id: 2, host: '127.0.0.1', port }],
    publicKeyPem: sandbox.publicKeyPem,
  });

  it('never sends Telegram’s API hash to a custom server: the server starts with none', async () => {
    app.serverAnswer = 'confirmed';
    await app.ok('settings:setServerProfile', { profile: { kind: 'production' } });
    expect(await app.ok('settings:get', {})).toMatchObject({
      apiId: TELEGRAM_CREDENTIALS.apiId,
      hasApiHash: true,
    });
    await app.ok('settings:setServerProfile', { profile: lab(sandbox.portFor(2) + 3) });
    expect(await app.ok('settings:get', {})).toMatchObject({ apiId: null, hasApiHash: false });
    const card = await app.ok('login:start', { phone: '+15550911201' });
    const failed = await app.waitForLogin(card.id, (state) => state.step === 'failed', 'to fail');
    expect(failed.step === 'failed' ? failed.error.code : failed.step).toBe('API_CREDENTIALS_MISSING');

    await app.ok('settings:setApiCredentials', SERVER_CREDENTIALS);
    expect(await app.ok('settings:get', {})).toMatchObject({
      apiId: SERVER_CREDENTIALS.apiId,
      hasApiHash: true,
    });
    await app.ok('settings:setServerProfile', { profile: { kind: 'production' } });
    // Telegram's stay as they were.
    expect(await app.ok('settings:get', {})).toMatchObject({
      apiId: TELEGRAM_CREDENTIALS.apiId,
      hasApiHash: true,
    });
  });

  it('an edited server (another address, same name) neither sees nor dials the accounts of the old one', async () => {
    const phone = '+15550911202';
    await sandbox.world.addAccount({ phone, firstName: 'Lab' });
    await useServer(lab(sandbox.portFor(2)));
    const accountId = await app.signIn(phone);
    expect((await app.ok('accounts:list', {})).map((a) => a.id)).toContain(accountId);

    // The same name, pointing elsewhere: another server, with no accounts and no credentials of its own yet.
    await app.ok('settings:setServerProfile', { profile: lab(sandbox.portFor(2) + 7) });
    expect(await app.ok('accounts:list', {})).toEqual([]);
    expect(await app.ok('settings:get', {})).toMatchObject({ apiId: null, hasApiHash: false });

    // Back to the server as it was: its account is there.
    await app.ok('settings:setServerProfile', { profile: lab(sandbox.portFor(2)) });
    await app.waitForAccounts(
      (accounts) => accounts.some((a) => a.id === accountId),
      'to list the lab account',
    );
  });
});
