import { mkdirSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SettingsViewSchema } from '../../main/contract/ipc-contract.ts';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { launchChromium, newContext, startBrowserApp, type BrowserApp } from '../support/browser-app.ts';

/**
 * A custom server chosen in the page is confirmed outside it: the browser harness prints the server and a
 * one-time code to its terminal, and the switch happens only once the page sends that code back. Chromium
 * drives the built renderer against the real services, keychain and sandbox DC; screenshots go to
 * test-results/custom-server/.
 */

const SHOTS = 'test-results/custom-server';
let sandbox: Sandbox;
let app: BrowserApp;
let browser: Browser;

beforeAll(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  sandbox = await startSandbox({ dcIds: [2] });
  app = await startBrowserApp({ sandbox });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await (browser as Browser | undefined)?.close().catch(() => undefined);
  await (app as BrowserApp | undefined)?.destroy();
  await (sandbox as Sandbox | undefined)?.close();
});

/** The newest code the harness printed, as the user reads it in the terminal (XXXX-XXXX). */
function printedCode(): string {
  const last = app.terminal.at(-1) ?? '';
  const match = /type this code in the page: ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(last);
  if (match?.[1] === undefined) throw new Error('the harness printed no code');
  return match[1];
}

async function fillCustomServer(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'Custom server' }).check();
  const form = page.getByRole('form', { name: 'Custom server' });
  await form.getByLabel('Profile name').fill('Lab');
  await form.getByLabel('Data centers').fill(`2 127.0.0.1:${String(sandbox.portFor(2))}`);
  await form.getByLabel('RSA public key').fill(sandbox.publicKeyPem);
  await form.getByRole('button', { name: 'Use this server' }).click();
}

describe('a custom server in Chromium', () => {
  it('switches only with the code printed in the terminal; a wrong code is refused and changes nothing', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto(app.harness.url);
    await page.getByRole('form', { name: 'Add phones' }).waitFor();
    await fillCustomServer(page);

    const prompt = page.getByRole('form', { name: 'Confirm the server with the terminal code' });
    await prompt.waitFor();
    expect(app.terminal).toHaveLength(1);
    const printed = app.terminal[0] ?? '';
    expect(printed).toContain(`127.0.0.1:${String(sandbox.portFor(2))}`);
    const code = printedCode();
    // The code is shown in the terminal only, never in the page.
    expect(await page.content()).not.toContain(code);
    await page.screenshot({ path: `${SHOTS}/01-code-asked.png`, fullPage: true });

    await prompt.getByLabel('Code from the terminal').fill('AAAA-AAAA');
    await prompt.getByRole('button', { name: 'Confirm server' }).click();
    await expect
      .poll(() => prompt.getByRole('alert').textContent())
      .toContain('not the code in the terminal');
    expect(await currentProfileKind()).toBe('sandbox');
    await page.screenshot({ path: `${SHOTS}/02-wrong-code.png`, fullPage: true });

    await prompt.getByLabel('Code from the terminal').fill(code.toLowerCase());
    await prompt.getByRole('button', { name: 'Confirm server' }).click();
    await page.getByText('Now using Custom server "Lab"', { exact: false }).first().waitFor();
    expect(await currentProfileKind()).toBe('custom');
    await expect.poll(() => prompt.count()).toBe(0);
    await page.getByRole('heading', { name: 'API credentials for Lab' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/03-now-using-lab.png`, fullPage: true });
  });
});

function appFrame(): { frameUrl: string; isMainFrame: boolean; isAppWindow: boolean } {
  return { frameUrl: `${app.harness.origin}/index.html`, isMainFrame: true, isAppWindow: true };
}

async function currentProfileKind(): Promise<string> {
  const settings = await app.services.dispatcher.dispatch('settings:get', {}, appFrame());
  if (!settings.ok) throw new Error(settings.error.code);
  return SettingsViewSchema.parse(settings.value).serverProfile.kind;
}
