import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { createAppServices, type AppServices } from '../../main/app/app-services.ts';
import type { Result } from '../../main/contract/errors.ts';
import type { LoginCard } from '../../main/contract/login-state.ts';
import {
  harnessOrigin,
  HARNESS_WS_PATH,
  reserveHarnessPort,
  startBrowserHarness,
  type BrowserHarness,
} from '../../main/harness/browser-harness.ts';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import type { SwitchboardApi } from '../../preload/api-types.ts';
import { deleteServices, servicesOf, testSecretStore, testServiceBase } from '../support/keychain.ts';
import { launchChromium, RENDERER_DIR } from '../support/browser-app.ts';
import { lastCode } from '../support/login.ts';

/**
 * The built renderer in Debian's Chromium (through playwright-core, never a downloaded browser), served by
 * the browser harness against the real app services, a test sandbox DC and the real keychain.
 */

const PHONE = '+15550601001';
const API_ID = 515151;
const API_HASH = '9a3c5e7f1b2d4f6a8c0e2a4c6e8a0c2e';

/**
 * What the page's global object holds, typed for page.evaluate (the test's tsconfig has no DOM lib). The
 * callbacks are serialised into the page, so each spells the cast out instead of calling a helper.
 */
interface HarnessPage {
  readonly api: SwitchboardApi;
  loginEvents: LoginCard[];
}

let sandbox: Sandbox;
let services: AppServices;
let harness: BrowserHarness;
let browser: Browser | undefined;
let userDataDir: string;
const serviceBase = testServiceBase();
const store = testSecretStore(serviceBase);
const logs: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('no built renderer in out/renderer: run `npm run build` first (npm test does)');
  }
  sandbox = await startSandbox({ dcIds: [1, 2, 3, 4, 5] });
  await sandbox.world.addAccount({ phone: PHONE, firstName: 'Browser' });
  userDataDir = mkdtempSync(join(tmpdir(), 'switchboard-harness-'));
  const port = await reserveHarnessPort();
  services = await createAppServices({
    userDataDir,
    secretStore: store,
    appVersion: '0.0.0-test',
    trustedOrigins: [harnessOrigin(port)],
    log: (level, message) => {
      logs.push(`${level} ${message}`);
    },
    sandbox,
    tuning: { requestTimeoutMs: 8_000, reconnectDelaysMs: [200, 500, 1_000] },
    vaultServiceBase: serviceBase,
  });
  harness = await startBrowserHarness({
    services,
    rendererDir: RENDERER_DIR,
    port,
    log: (level, message) => {
      logs.push(`${level} ${message}`);
    },
  });
  await services.start();
  const profile = await services.dispatcher.dispatch(
    'settings:setServerProfile',
    { profile: { kind: 'sandbox' } },
    { frameUrl: `${harness.origin}/index.html`, isMainFrame: true, isAppWindow: true },
  );
  expect(profile.ok).toBe(true);
  browser = await launchChromium();
});

afterAll(async () => {
  // Chromium first, whatever else fails.
  await browser?.close().catch(() => undefined);
  await harness.close();
  await services.shutdown();
  await deleteServices(serviceBase, servicesOf(serviceBase, [{ kind: 'sandbox' }]));
  await sandbox.close();
  rmSync(userDataDir, { recursive: true, force: true });
});

async function newPage(): Promise<{ page: Page; console: string[] }> {
  if (!browser) throw new Error('Chromium did not start');
  const page = await browser.newPage();
  const lines: string[] = [];
  page.on('console', (message) => lines.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => lines.push(`pageerror: ${error.message}`));
  return { page, console: lines };
}

/** The shell's message when main refused to give the page its first data. */
const loadError = (page: Page) => page.locator('.load-error[role="alert"]');

/** The board is up once its form is drawn and main's first answers (accounts, settings) arrived. */
async function boardReady(page: Page): Promise<void> {
  await page.getByRole('form', { name: 'Add phones' }).waitFor({ timeout: 15_000 });
  await page.getByRole('heading', { name: 'Switchboard', level: 1 }).waitFor();
  expect(await loadError(page).count()).toBe(0);
}

describe('the built renderer through the browser harness', () => {
  it('loads with the harness CSP, and shows the board', async () => {
    const { page, console } = await newPage();
    try {
      const response = await page.goto(harness.url);
      expect(response?.headers()['cross-origin-resource-policy']).toBe('same-origin');
      const policy = response?.headers()['content-security-policy'] ?? '';
      expect(policy).toContain(`connect-src 'self' ws://127.0.0.1:${new URL(harness.origin).port};`);
      expect(policy).toContain("script-src 'self';");
      await boardReady(page);
      expect(
        await page.evaluate(() => Object.keys((globalThis as unknown as HarnessPage).api).sort()),
      ).toEqual(['invoke', 'on', 'onConnection']);
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/harness-start.png' });
      expect(console.filter((line) => /Content Security Policy|Refused to|pageerror/i.test(line))).toEqual(
        [],
      );
    } finally {
      await page.close();
    }
  });

  it('takes the token out of the address bar and history, and still works after a reload', async () => {
    const { page } = await newPage();
    try {
      await page.goto(harness.url);
      await boardReady(page);
      expect(page.url()).toBe(`${harness.origin}/index.html`);
      await page.reload();
      await boardReady(page);
      expect(page.url()).toBe(`${harness.origin}/index.html`);
      const accounts = await page.evaluate(async () => {
        const answer = await (globalThis as unknown as HarnessPage).api.invoke('accounts:list', {});
        return answer.ok ? 'ok' : answer.error.code;
      });
      expect(accounts).toBe('ok');
    } finally {
      await page.close();
    }
  });

  it.each([
    ['without a token', ''],
    ['with a wrong token', '#token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  ])('gives a page opened %s no working api', async (_, fragment) => {
    const refusalsBefore = logs.filter((line) => line.includes('missing or wrong token')).length;
    const { page } = await newPage();
    try {
      await page.goto(`${harness.origin}/index.html${fragment}`);
      await expect
        .poll(() => loadError(page).textContent(), { timeout: 15_000 })
        .toBe('The request did not come from the Switchboard window.');
      const codes = await page.evaluate(async () => {
        const api = (globalThis as unknown as HarnessPage).api;
        const answers: Result<unknown>[] = [
          await api.invoke('accounts:list', {}),
          await api.invoke('settings:get', {}),
          await api.invoke('login:start', { phone: '+15550601009' }),
        ];
        return answers.map((a) => (a.ok ? 'ok' : a.error.code));
      });
      expect(codes).toEqual(['FORBIDDEN_SENDER', 'FORBIDDEN_SENDER', 'FORBIDDEN_SENDER']);
      expect(logs.filter((line) => line.includes('missing or wrong token')).length).toBeGreaterThan(
        refusalsBefore,
      );
    } finally {
      await page.close();
    }
  });

  it('refuses a WebSocket from a foreign Origin', async () => {
    const wsUrl = `${harness.origin.replace('http:', 'ws:')}${HARNESS_WS_PATH}`;
    const status = await new Promise<number | string>((done) => {
      const socket = new NodeWebSocket(wsUrl, { origin: 'http://evil.example' });
      socket.on('unexpected-response', (_request, response) => {
        done(response.statusCode ?? 'no status');
        socket.terminate();
      });
      socket.on('open', () => {
        done('opened');
        socket.close();
      });
      socket.on('error', () => {
        done('error');
      });
    });
    expect(status).toBe(403);
    expect(logs).toContain('warn refused a WebSocket connection: foreign Origin');
  });

  it('answers malformed messages with BAD_INPUT and keeps serving', async () => {
    const token = new URLSearchParams(new URL(harness.url).hash.slice(1)).get('token') ?? '';
    const socket = new NodeWebSocket(`${harness.origin.replace('http:', 'ws:')}${HARNESS_WS_PATH}`, {
      origin: harness.origin,
    });
    const answers: unknown[] = [];
    socket.on('message', (data: Buffer) => answers.push(JSON.parse(data.toString('utf8'))));
    await new Promise((opened) => socket.once('open', opened));
    socket.send(JSON.stringify({ type: 'hello', token }));
    socket.send('{not json');
    socket.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'no:such', payload: {} }));
    socket.send(
      JSON.stringify({ type: 'invoke', id: 2, channel: 'accounts:list', payload: 'x'.repeat(70_000) }),
    );
    socket.send(Buffer.from([1, 2, 3]));
    socket.send(JSON.stringify({ type: 'invoke', id: 3, channel: 'accounts:list', payload: {} }));
    await expect.poll(() => answers.length, { timeout: 10_000 }).toBe(6);
    socket.close();
    const BAD_INPUT = { code: 'BAD_INPUT', message: 'The request was not valid.' };
    expect(answers).toEqual([
      { type: 'welcome' },
      { type: 'result', id: null, result: { ok: false, error: BAD_INPUT } },
      { type: 'result', id: 1, result: { ok: false, error: BAD_INPUT } },
      { type: 'result', id: null, result: { ok: false, error: BAD_INPUT } },
      { type: 'result', id: null, result: { ok: false, error: BAD_INPUT } },
      { type: 'result', id: 3, result: { ok: true, value: [] } },
    ]);
  });

  it('signs in from the page, and no secret ever reaches the page over the WebSocket', async () => {
    const { page } = await newPage();
    const received: string[] = [];
    const sent: string[] = [];
    page.on('websocket', (socket) => {
      socket.on('framereceived', (frame) => received.push(String(frame.payload)));
      socket.on('framesent', (frame) => sent.push(String(frame.payload)));
    });
    try {
      await page.goto(harness.url);
      await boardReady(page);
      await page.evaluate(() => {
        const page = globalThis as unknown as HarnessPage;
        page.loginEvents = [];
        page.api.on('login:changed', (card) => page.loginEvents.push(card));
      });
      const settings = await page.evaluate(
        ([apiId, apiHash]) =>
          (globalThis as unknown as HarnessPage).api.invoke('settings:setApiCredentials', { apiId, apiHash }),
        [API_ID, API_HASH] as const,
      );
      expect(settings.ok).toBe(true);

      const started = await page.evaluate(
        (phone) => (globalThis as unknown as HarnessPage).api.invoke('login:start', { phone }),
        PHONE,
      );
      if (!started.ok) throw new Error(`login:start failed: ${started.error.code}`);
      const loginId = started.value.id;
      await page.waitForFunction(
        (id) =>
          (globalThis as unknown as HarnessPage).loginEvents.some(
            (card) => card.id === id && card.state.step === 'codeSent' && card.state.pending === null,
          ),
        loginId,
        { timeout: 20_000 },
      );
      const code = lastCode(sandbox, PHONE);
      const signedIn = await page.evaluate(
        ([id, code]) =>
          (globalThis as unknown as HarnessPage).api.invoke('login:perform', {
            loginId: id,
            request: { type: 'submitCode', code },
          }),
        [loginId, code] as const,
      );
      if (!signedIn.ok) throw new Error(`login:perform (submitCode) failed: ${signedIn.error.code}`);
      expect(signedIn.value.state.step).toBe('signedIn');
      const accounts = await page.evaluate(() =>
        (globalThis as unknown as HarnessPage).api.invoke('accounts:list', {}),
      );
      if (!accounts.ok) throw new Error(`accounts:list failed: ${accounts.error.code}`);
      expect(accounts.value.map((a) => a.firstName)).toEqual(['Browser']);
      // A log-out keeps a future auth token in the keychain: one more secret that must stay in main.
      const loggedOut = await page.evaluate(
        (accountId) => (globalThis as unknown as HarnessPage).api.invoke('accounts:logOut', { accountId }),
        accounts.value[0]?.id ?? '',
      );
      expect(loggedOut.ok).toBe(true);

      const secrets = new Set<string>([API_HASH]);
      for (const service of servicesOf(serviceBase, [{ kind: 'sandbox' }])) {
        for (const { secret } of await store.list(service)) {
          if (secret === null) throw new Error(`an entry of ${service} could not be read`);
          secrets.add(secret);
          const session = /"session":"([^"]+)"/.exec(secret)?.[1];
          if (session) secrets.add(session);
        }
      }
      for (const keys of sandbox.world.topology.keyStores.values()) {
        for (const record of keys.all()) {
          secrets.add(record.key.toString('hex'));
          secrets.add(record.key.toString('base64'));
        }
      }
      expect(secrets.size).toBeGreaterThan(3);

      // The frames were recorded: the code the user typed went out, answers and events came in.
      expect(sent.some((frame) => frame.includes(code))).toBe(true);
      expect(received.some((frame) => frame.includes('"type":"event"'))).toBe(true);
      const inbound = received.join('\n');
      const outbound = sent.join('\n');
      for (const secret of secrets) {
        if (secret.length < 8) continue;
        expect(inbound.includes(secret), 'a secret was received by the page').toBe(false);
        if (secret !== API_HASH)
          expect(outbound.includes(secret), 'a secret was sent by the page').toBe(false);
      }
    } finally {
      await page.close();
    }
  });
});

describe('the harness WebSocket limits', () => {
  // A harness of its own with short limits; its services are never reached (no socket gets past hello).
  let limited: BrowserHarness;
  const limitLogs: string[] = [];
  const dispatched: string[] = [];

  beforeAll(async () => {
    limited = await startBrowserHarness({
      services: {
        dispatcher: {
          channels: [],
          dispatch: (channel) => {
            dispatched.push(channel);
            return Promise.resolve({ ok: true, value: null });
          },
        },
        setEventSink: () => undefined,
      },
      rendererDir: RENDERER_DIR,
      helloTimeoutMs: 300,
      maxConnections: 2,
      log: (level, message) => {
        limitLogs.push(`${level} ${message}`);
      },
    });
  });

  afterAll(async () => {
    await limited.close();
  });

  const open = (): NodeWebSocket =>
    new NodeWebSocket(`${limited.origin.replace('http:', 'ws:')}${HARNESS_WS_PATH}`, {
      origin: limited.origin,
    });

  it('closes a socket that sends no hello', async () => {
    const socket = open();
    const closed = await new Promise<{ code: number; reason: string }>((done) => {
      socket.on('close', (code, reason) => {
        done({ code, reason: reason.toString('utf8') });
      });
    });
    expect(closed).toEqual({ code: 1008, reason: 'no hello' });
    expect(limitLogs).toContain('warn closed a WebSocket connection that sent no hello');
  });

  it('refuses a connection beyond the cap, and takes one again once a socket closed', async () => {
    const first = open();
    const second = open();
    await Promise.all([first, second].map((socket) => new Promise((opened) => socket.once('open', opened))));
    const status = await new Promise<number | string>((done) => {
      const third = open();
      // terminate() before the handshake ends reports an error: expected here.
      third.on('error', () => undefined);
      third.on('unexpected-response', (_request, response) => {
        done(response.statusCode ?? 'no status');
        third.terminate();
      });
      third.on('open', () => {
        done('opened');
        third.close();
      });
    });
    expect(status).toBe(503);
    expect(limitLogs).toContain('warn refused a WebSocket connection: too many connections');
    await new Promise((closed) => {
      first.once('close', closed);
      first.close();
    });
    const fourth = open();
    await new Promise((opened) => fourth.once('open', opened));
    fourth.close();
    second.close();
    expect(dispatched).toEqual([]);
  });
});
