import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appError, type ErrorCode } from '../../main/contract/errors.ts';
import { INVOKE_CHANNELS } from '../../main/contract/channels.ts';
import { contract } from '../../main/contract/ipc-contract.ts';
import { APP_ENTRY_URL } from '../../main/ipc/renderer-origin.ts';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { AppHarness, APP_SENDER, useSandboxProfile } from '../support/app-harness.ts';

/** Every channel refuses garbage with a typed error, and only the app's own top frame may call at all. */

let sandbox: Sandbox;
let app: AppHarness;

beforeAll(async () => {
  sandbox = await startSandbox({ dcIds: [2] });
  app = await AppHarness.start(sandbox);
  await useSandboxProfile(app);
});
afterAll(async () => {
  await app.stop();
  await sandbox.close();
});

function describePayload(payload: unknown): string {
  const json = JSON.stringify(payload) as string | undefined;
  return json === undefined ? 'undefined' : json.slice(0, 80);
}

const deep = (depth: number): unknown => (depth === 0 ? 'x' : { a: deep(depth - 1) });

const NOT_A_PHONE = { phone: 'call me' };
const TOO_LONG_PHONE = { phone: '+1'.repeat(100) };
const BAD_CREDENTIALS = { apiId: -1, apiHash: 'zz' };

const GARBAGE: readonly unknown[] = [
  undefined,
  null,
  42,
  'login',
  true,
  [],
  [1, 2, 3],
  { loginId: 'not-a-uuid' },
  { loginId: '6f1c9c52-0000-4000-8000-000000000000', extra: 'field' },
  NOT_A_PHONE,
  TOO_LONG_PHONE,
  { code: 12345 },
  { password: '' },
  { accountId: '../../etc/passwd' },
  { url: 'javascript:alert(1)' },
  { profile: { kind: 'nope' } },
  BAD_CREDENTIALS,
  JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  deep(200),
  { loginId: 'x'.repeat(100_000) },
];

describe('the IPC boundary', () => {
  it('refuses garbage on every channel with BAD_INPUT, and keeps serving', async () => {
    // Well-formed requests whose typed values break a rule get the code the contract names for them.
    const typed = new Map<unknown, Partial<Record<string, ErrorCode>>>([
      [NOT_A_PHONE, { 'login:start': 'PHONE_NUMBER_INVALID' }],
      [TOO_LONG_PHONE, { 'login:start': 'PHONE_NUMBER_INVALID' }],
      [BAD_CREDENTIALS, { 'settings:setApiCredentials': 'API_ID_INVALID' }],
    ]);
    let refusals = 0;
    for (const channel of INVOKE_CHANNELS) {
      for (const payload of GARBAGE) {
        const result = await app.raw(channel, payload);
        if (result.ok) throw new Error(`${channel} accepted ${describePayload(payload)}`);
        const code = typed.get(payload)?.[channel] ?? 'BAD_INPUT';
        expect(result.error, `${channel} ${describePayload(payload)}`).toEqual(appError(code));
        refusals++;
      }
    }
    expect(refusals).toBe(INVOKE_CHANNELS.length * GARBAGE.length);
    expect((await app.ok('accounts:list', {})).length).toBe(0);
    expect(({}.constructor.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a payload whose getters or proxy traps throw, instead of throwing itself', async () => {
    const trap = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('trap');
        },
        get: () => {
          throw new Error('trap');
        },
      },
    );
    const getter = Object.defineProperty({}, 'phone', {
      enumerable: true,
      get: () => {
        throw new Error('getter');
      },
    });
    for (const payload of [trap, getter]) {
      const result = await app.raw('login:start', payload);
      expect(result.ok ? 'ok' : result.error.code).toBe('BAD_INPUT');
    }
  });

  it('without a system browser, hands an allowed link back for the page to open, and refuses others', async () => {
    expect(await app.ok('app:openExternal', { url: 'https://fragment.com/number/88800000001/code' })).toEqual(
      {
        by: 'page',
        url: 'https://fragment.com/number/88800000001/code',
      },
    );
    expect(await app.fails('app:openExternal', { url: 'https://evil.example/phish' })).toBe(
      'URL_NOT_ALLOWED',
    );
  });

  it('names the log folder in the settings, and hands it to the page when it cannot show it itself', async () => {
    const { logFolder } = await app.ok('settings:get', {});
    expect(logFolder).toBe(join(app.userDataDir, 'logs'));
    expect(await app.ok('app:openLogFolder', {})).toEqual({ by: 'page', path: logFolder });
  });

  it('refuses a channel that is not in the contract', async () => {
    for (const channel of ['login:delete', '__proto__', 'constructor', '', 'settings:get ']) {
      const result = await app.raw(channel, {});
      expect(result.ok ? 'ok' : result.error.code).toBe('BAD_INPUT');
    }
  });

  it('refuses every sender but the app window’s own top-level frame', async () => {
    const senders = [
      { ...APP_SENDER, frameUrl: 'https://evil.example/index.html' },
      { ...APP_SENDER, frameUrl: 'file:///etc/index.html' },
      { ...APP_SENDER, frameUrl: 'app://switchboard.evil/index.html' },
      { ...APP_SENDER, frameUrl: 'not a url' },
      { ...APP_SENDER, isMainFrame: false },
      { ...APP_SENDER, isAppWindow: false },
    ];
    for (const sender of senders) {
      for (const channel of INVOKE_CHANNELS) {
        const result = await app.raw(channel, {}, sender);
        expect(result.ok ? 'ok' : result.error.code).toBe('FORBIDDEN_SENDER');
      }
    }
    expect(APP_SENDER.frameUrl).toBe(APP_ENTRY_URL);
  });

  it('the contract and the preload allowlist name the same channels', () => {
    expect(Object.keys(contract).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });
});
