import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { appError } from '../../main/contract/errors.ts';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { accountsService, futureTokensService } from '../../main/vault/service-names.ts';
import type { SwitchboardApi } from '../../preload/api-types.ts';
import { launchChromium, newContext, startBrowserApp, type BrowserApp } from '../support/browser-app.ts';
import { testSecretStore } from '../support/keychain.ts';
import { lastCode } from '../support/login.ts';

/**
 * The board end to end: Debian's Chromium drives the built renderer, served by the browser harness,
 * against the real main-process services, the real keychain and the sandbox DC. Every step leaves a
 * screenshot under test-results/board/. All WebSocket frames of every page are kept, and at the end
 * none may contain a session, an auth key, a future auth token or the 2FA password. axe-core checks
 * every view for serious or critical accessibility violations.
 */

const SHOTS = 'test-results/board';
const PASSWORD = 'orchid-Sandbox-9';
const PHONES = {
  app: '+15550701001',
  ladder: '+15550701002',
  twoStep: '+15550701003',
  newcomer: '+15550701004',
  expiring: '+15550701005',
  flooded: '+15550701006',
} as const;

let sandbox: Sandbox;
let app: BrowserApp;
let browser: Browser;
let context: BrowserContext;
/** What the page sent to main (the password the user typed goes this way, once) and what came back. */
const sentFrames: string[] = [];
const receivedFrames: string[] = [];
const pageProblems: string[] = [];
const axeFindings: string[] = [];
let shot = 0;
/** True while the test has stopped the harness on purpose. */
let harnessDown = false;

beforeAll(async () => {
  // Only this run's pictures: numbering changes when steps are added, and old ones would linger.
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  sandbox = await startSandbox({ dcIds: [1, 2, 3, 4, 5] });
  const world = sandbox.world;
  await world.addAccount({ phone: PHONES.app, firstName: 'Ada', lastName: 'App', username: 'ada_app' });
  await world.addAccount({
    phone: PHONES.ladder,
    firstName: 'Lars',
    lastName: 'Ladder',
    ladder: [
      { type: 'app', length: 5, timeout: 1 },
      { type: 'sms', length: 5, timeout: 1 },
      { type: 'call', length: 5, timeout: 1 },
    ],
  });
  await world.addAccount({
    phone: PHONES.twoStep,
    firstName: 'Tove',
    lastName: 'TwoStep',
    password: PASSWORD,
    passwordHint: 'a flower',
  });
  await world.addAccount({ phone: PHONES.newcomer, registered: false });
  await world.addAccount({ phone: PHONES.expiring, firstName: 'Eve', codeTtlSeconds: 2 });
  await world.addAccount({ phone: PHONES.flooded, firstName: 'Flo' });
  app = await startBrowserApp({ sandbox });
  browser = await launchChromium();
  context = await newContext(browser);
}, 60_000);

afterAll(async () => {
  // Each may be missing when beforeAll failed half-way.
  await (browser as Browser | undefined)?.close().catch(() => undefined);
  await (app as BrowserApp | undefined)?.destroy();
  await (sandbox as Sandbox | undefined)?.close();
});

/** Opens the board on the current harness, keeping every WebSocket frame and every page error. */
async function openBoard(): Promise<Page> {
  const page = await context.newPage();
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => sentFrames.push(String(payload)));
    socket.on('framereceived', ({ payload }) => receivedFrames.push(String(payload)));
  });
  page.on('pageerror', (error) => pageProblems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // While the harness is down on purpose (the restart below), the page's reconnect attempts fail.
    if (message.type() === 'error' && !(harnessDown && message.text().includes('WebSocket'))) {
      pageProblems.push(`console: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    // The favicon included: the page names its own, so Chromium never asks for /favicon.ico.
    if (response.status() >= 400) {
      pageProblems.push(`HTTP ${response.status()} for ${new URL(response.url()).pathname}`);
    }
  });
  await page.goto(app.harness.url);
  await page.getByRole('form', { name: 'Add phones' }).waitFor();
  return page;
}

async function screenshot(page: Page, name: string): Promise<void> {
  shot += 1;
  await page.screenshot({ path: `${SHOTS}/${String(shot).padStart(2, '0')}-${name}.png`, fullPage: true });
}

const card = (page: Page, phone: string): Locator =>
  page.getByRole('article', { name: `Login for ${phone}` });

/** Types the code the sandbox delivered last to `phone`, once the card asks for it. */
async function typeCode(target: Locator, phone: string, label = 'Login code'): Promise<string> {
  const input = target.getByLabel(label, { exact: true });
  await input.waitFor();
  await expect.poll(() => input.isEnabled()).toBe(true);
  const code = lastCode(sandbox, phone);
  await input.pressSequentially(code);
  return code;
}

async function addPhones(page: Page, phones: readonly string[]): Promise<void> {
  const list = page.getByLabel('Phone numbers, one per line');
  // "Paste a list" opens and closes the list; it stays open after a start.
  if ((await list.count()) === 0) await page.getByRole('button', { name: 'Paste a list' }).click();
  await list.fill(phones.join('\n'));
  await page.getByRole('button', { name: /^Start/ }).click();
}

async function checkAccessibility(page: Page, where: string): Promise<void> {
  const require = createRequire(import.meta.url);
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated over the DevTools protocol, so the page's CSP (script-src 'self') does not apply to it.
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    interface AxeResult {
      violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
    }
    const axe = (globalThis as unknown as { axe: { run(): Promise<AxeResult> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  for (const violation of violations) {
    if (violation.impact === 'serious' || violation.impact === 'critical') {
      axeFindings.push(`${where}: ${violation.id} (${violation.impact}) at ${violation.targets.join(', ')}`);
    }
  }
}

describe('the login board in Chromium', () => {
  let page: Page;

  afterEach(async (context) => {
    // A failed step leaves a picture of the page as it was, next to the step screenshots.
    const current = page as Page | undefined;
    if (context.task.result?.state === 'fail' && current && !current.isClosed()) {
      await current.screenshot({
        path: `${SHOTS}/failed-${context.task.name.slice(0, 40)}.png`,
        fullPage: true,
      });
    }
  });

  it('runs three logins side by side: app code, the whole resend ladder, 2FA with a wrong password first', async () => {
    page = await openBoard();
    await checkAccessibility(page, 'empty board');
    await screenshot(page, 'empty-board');
    await addPhones(page, [PHONES.app, PHONES.ladder, PHONES.twoStep]);

    for (const phone of [PHONES.app, PHONES.ladder, PHONES.twoStep]) {
      await card(page, phone).getByLabel('Login code', { exact: true }).waitFor();
    }
    await expect.poll(() => card(page, PHONES.app).textContent()).toMatch(/Telegram app/i);
    await expect.poll(() => card(page, PHONES.app).textContent()).toMatch(/never.*(anyone|share)/i);
    await checkAccessibility(page, 'three cards at the code step');
    await screenshot(page, 'three-codes-sent');

    // The ladder: app -> SMS -> call, each resend once its countdown allows it; then no next medium.
    const ladder = card(page, PHONES.ladder);
    const bySms = ladder.getByRole('button', { name: /^Send code by SMS/ });
    await expect.poll(() => bySms.isEnabled(), { timeout: 5_000 }).toBe(true);
    await bySms.click();
    await expect.poll(() => ladder.textContent()).toMatch(/SMS/);
    const byCall = ladder.getByRole('button', { name: /^Call me with the code/ });
    await expect.poll(() => byCall.isEnabled(), { timeout: 5_000 }).toBe(true);
    await screenshot(page, 'ladder-sms');
    await byCall.click();
    await expect
      .poll(() => ladder.getByRole('button', { name: /^(Send code|Call me|Get code)/ }).count())
      .toBe(0);
    await expect.poll(() => ladder.textContent()).toMatch(/call/i);
    await screenshot(page, 'ladder-end');

    // 2FA: the code, a wrong password (the card stays, with the error), then the right one.
    const twoStep = card(page, PHONES.twoStep);
    await typeCode(twoStep, PHONES.twoStep);
    const password = twoStep.getByLabel('Password', { exact: true });
    await password.waitFor();
    await expect.poll(() => twoStep.textContent()).toContain('a flower');
    await password.fill(`${PASSWORD}-wrong`);
    await twoStep.getByRole('button', { name: 'Check password' }).click();
    await expect
      .poll(() => twoStep.getByRole('alert').first().textContent())
      .toMatch(/password is not right/i);
    await screenshot(page, 'two-step-wrong-password');
    await password.fill(PASSWORD);
    await twoStep.getByRole('button', { name: 'Check password' }).click();

    // The app code and the last (call) code of the ladder.
    await typeCode(card(page, PHONES.app), PHONES.app);
    await typeCode(ladder, PHONES.ladder);
    for (const phone of [PHONES.app, PHONES.ladder, PHONES.twoStep]) {
      await expect.poll(() => card(page, phone).textContent(), { timeout: 15_000 }).toMatch(/signed in/i);
    }
    await checkAccessibility(page, 'three cards signed in');
    await screenshot(page, 'three-signed-in');
  });

  it('signs up a number that has no account, with the terms of service', async () => {
    await addPhones(page, [PHONES.newcomer]);
    const newcomer = card(page, PHONES.newcomer);
    await typeCode(newcomer, PHONES.newcomer);
    // A blank first name: main's sentence, and what was typed stays.
    await newcomer.getByLabel('Last name').fill('Newcomer');
    await newcomer.getByLabel('First name').fill('   ');
    const terms = newcomer.getByLabel('I accept the Terms of Service');
    if ((await terms.count()) > 0) await terms.check();
    await newcomer.getByRole('button', { name: 'Sign up' }).click();
    await expect
      .poll(() => newcomer.getByRole('alert').first().textContent())
      .toContain('Enter a first name');
    expect(await newcomer.getByLabel('Last name').inputValue()).toBe('Newcomer');
    expect(await newcomer.getByLabel('First name').inputValue()).toBe('   ');
    expect(await newcomer.textContent()).not.toMatch(/firstName|too small|expected string/i);
    await screenshot(page, 'sign-up-blank-name');
    await newcomer.getByLabel('First name').fill('Nora');
    await checkAccessibility(page, 'sign-up step');
    await screenshot(page, 'sign-up');
    await newcomer.getByRole('button', { name: 'Sign up' }).click();
    await expect.poll(() => newcomer.textContent(), { timeout: 15_000 }).toMatch(/signed in/i);
  });

  it('explains an expired code and starts over with a new one', async () => {
    await addPhones(page, [PHONES.expiring]);
    const expiring = card(page, PHONES.expiring);
    await expiring.getByLabel('Login code', { exact: true }).waitFor();
    const stale = lastCode(sandbox, PHONES.expiring);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // the account's codes live 2 s
    expect(await typeCode(expiring, PHONES.expiring)).toBe(stale);
    await expect.poll(() => expiring.getByRole('alert').first().textContent()).toMatch(/expired/i);
    await screenshot(page, 'code-expired');
    await expiring.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => lastCode(sandbox, PHONES.expiring) !== stale).toBe(true);
    await typeCode(expiring, PHONES.expiring);
    await expect.poll(() => expiring.textContent(), { timeout: 15_000 }).toMatch(/signed in/i);
  });

  it('shows a flood wait with a live countdown and the time it ends', async () => {
    sandbox.faults.inject({
      method: 'auth.sendCode',
      phone: PHONES.flooded,
      error: { code: 420, message: 'FLOOD_WAIT_300' },
    });
    await addPhones(page, [PHONES.flooded]);
    const flooded = card(page, PHONES.flooded);
    const countdown = flooded.getByText(/\d:\d\d/).first();
    await countdown.waitFor();
    const first = await countdown.textContent();
    await expect.poll(() => countdown.textContent(), { timeout: 4_000 }).not.toBe(first);
    await expect.poll(() => flooded.textContent()).toMatch(/wait/i);
    expect(
      await flooded
        .getByRole('button', { name: 'Try again' })
        .isEnabled()
        .catch(() => false),
    ).toBe(false);
    await checkAccessibility(page, 'flood wait');
    await screenshot(page, 'flood-wait');
  });

  it('lists the accounts and logs one out after confirmation', async () => {
    await page.getByRole('button', { name: 'Accounts' }).click();
    const row = page.getByLabel(`Account ${PHONES.app}`);
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('@ada_app');
    await expect.poll(() => page.getByLabel(/^Account \+/).count()).toBe(5);
    await checkAccessibility(page, 'accounts');
    await screenshot(page, 'accounts');
    await row.getByRole('button', { name: 'Log out' }).click();
    await screenshot(page, 'log-out-confirm');
    await row.getByRole('button', { name: 'Confirm log out' }).click();
    await expect.poll(() => page.getByLabel(`Account ${PHONES.app}`).count(), { timeout: 15_000 }).toBe(0);
    await screenshot(page, 'logged-out');
    // Its card on the board no longer claims it is signed in.
    await page.getByRole('button', { name: 'Board' }).click();
    await expect
      .poll(() => card(page, PHONES.app).textContent())
      .toMatch(/Was signed in as .*logged out since/);

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('API ID').waitFor();
    // The browser cannot open a folder: the page shows where the log is instead.
    const logPanel = page.getByRole('region', { name: 'Log file' });
    await logPanel.getByRole('button', { name: 'Open log folder' }).click();
    await expect.poll(() => logPanel.getByRole('status').textContent()).toContain(`${app.userDataDir}/logs`);
    await checkAccessibility(page, 'settings');
    await screenshot(page, 'settings');
    await page.close();
  });

  it('restores the accounts after a restart; an open tab says the connection is lost, then reconnects', async () => {
    page = await openBoard();
    await page.getByRole('button', { name: 'Accounts' }).click();
    await page.getByLabel(`Account ${PHONES.ladder}`).waitFor();
    const kept = {
      serviceBase: app.serviceBase,
      userDataDir: app.userDataDir,
      port: app.port,
      token: app.token,
    };
    harnessDown = true;
    await app.stop();
    const lost = page.getByRole('alert').filter({ hasText: 'Connection lost' });
    await lost.waitFor();
    expect(await page.getByLabel(/^Account \+/).count()).toBe(0);
    const whileDown = await page.evaluate(async () => {
      const api = (globalThis as unknown as { api: SwitchboardApi }).api;
      return api.invoke('accounts:list', {});
    });
    expect(whileDown).toEqual({ ok: false, error: appError('DISCONNECTED') });
    await screenshot(page, 'connection-lost');
    // Meanwhile Eve's sessions are ended on her phone.
    expect(sandbox.world.signOutEverywhere(PHONES.expiring)).toBe(1);

    app = await startBrowserApp({ sandbox, reuse: kept });
    for (const phone of [PHONES.ladder, PHONES.twoStep, PHONES.newcomer]) {
      const row = page.getByLabel(`Account ${phone}`);
      await expect.poll(() => row.textContent(), { timeout: 20_000 }).toMatch(/Online/);
    }
    harnessDown = false;
    expect(await lost.count()).toBe(0);
    expect(await page.getByLabel(`Account ${PHONES.app}`).count()).toBe(0);
    const eve = page.getByLabel(`Account ${PHONES.expiring}`);
    await expect.poll(() => eve.textContent(), { timeout: 20_000 }).toMatch(/Signed out/);
    await screenshot(page, 'restored-after-restart');

    // Eve logs in again from her row: a card on the board, signed in without a code (the future auth
    // token her first login left in the keychain does it).
    const codesBefore = sandbox.world.outbox.entries(PHONES.expiring).length;
    await eve.getByRole('button', { name: 'Log in again' }).click();
    const again = card(page, PHONES.expiring);
    await expect.poll(() => again.textContent(), { timeout: 15_000 }).toMatch(/Signed in as Eve/);
    expect(sandbox.world.outbox.entries(PHONES.expiring).length).toBe(codesBefore);
    await screenshot(page, 'logged-in-again');
    await page.getByRole('button', { name: 'Accounts' }).click();
    await expect.poll(() => eve.textContent(), { timeout: 15_000 }).toMatch(/Online/);
    await page.close();
  });

  it('never sent a secret over the WebSocket, met no accessibility violation and logged no page error', async () => {
    const secrets = new Set<string>();
    const store = testSecretStore(app.serviceBase);
    for (const service of [
      accountsService({ kind: 'sandbox' }, app.serviceBase),
      futureTokensService({ kind: 'sandbox' }, app.serviceBase),
    ]) {
      for (const { secret } of await store.list(service)) {
        if (secret === null) throw new Error(`an entry of ${service} could not be read`);
        secrets.add(secret);
        for (const value of stringsIn(JSON.parse(secret))) if (value.length >= 16) secrets.add(value);
      }
    }
    for (const keys of sandbox.world.topology.keyStores.values()) {
      for (const record of keys.all()) {
        secrets.add(record.key.toString('hex'));
        secrets.add(record.key.toString('base64'));
      }
    }
    expect(secrets.size).toBeGreaterThan(8);
    expect(receivedFrames.length).toBeGreaterThan(20);
    const traffic = [...sentFrames, ...receivedFrames].join('\n');
    const leaked = [...secrets].filter((secret) => traffic.includes(secret));
    // The password went to main when the user typed it; it must never come back to the page.
    if (receivedFrames.join('\n').includes(PASSWORD)) leaked.push(PASSWORD);
    expect(sentFrames.join('\n')).toContain(PASSWORD);
    expect(leaked.map((secret) => `${secret.slice(0, 6)}… (${secret.length} chars)`)).toEqual([]);
    expect(axeFindings).toEqual([]);
    expect(pageProblems).toEqual([]);
  });
});

/** Every string inside a parsed JSON value. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}
