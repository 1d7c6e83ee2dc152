import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appError } from '../../main/domain/errors.ts';
import type { ServerProfile } from '../../main/domain/server-profile.ts';
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
  await app.ok('settings:setApiCredentials', { apiId: 777001, apiHash: '0123456789abcdef0123456789abcdef' });
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
    await app.ok('settings:setServerProfile', { profile: custom(pem('rsa')) });
    const card = await app.ok('login:start', { phone: ON_DC2 });
    const failed = await app.waitForLogin(card.id, (state) => state.step === 'failed', 'to fail');
    if (failed.step !== 'failed') throw new Error(failed.step);
    expect(failed.error).toEqual({
      code: 'SERVER_KEY_MISMATCH',
      message: `${NAME} does not use the public key in this profile: its handshake offered another one. Check the key in Settings.`,
    });
  });

  it('fails a login at once, naming the data center, when the server sends it to one the profile lacks', async () => {
    await app.ok('settings:setServerProfile', { profile: custom(sandbox.publicKeyPem) });
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
