import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * eslint.config.js rejects every insecure setting of Electron's security checklist, and the two APIs that
 * have one wrapper each, wherever they appear. Each snippet is linted with the project's own config, as
 * the text of a real file (typescript-eslint's project service then type-checks the snippet in that file's
 * place; a path that does not exist is refused), so the rules are proven for that file's config block.
 */
const ROOT = join(import.meta.dirname, '../..');

// One real file per config block that sets no-restricted-syntax.
const WINDOW = 'main/electron/main-window.ts'; // electron allowed
const BRIDGE = 'main/electron/ipc-bridge.ts'; // the ipcMain wrapper
const LINKS = 'main/electron/external-links.ts'; // the shell.openExternal wrapper
const BOOTSTRAP = 'main/index.ts'; // electron allowed
const SERVICES = 'main/app/app-services.ts'; // electron not allowed
const PRELOAD = 'preload/index.ts';
const RENDERER = 'renderer/src/main.tsx';
const TEST = 'test/electron/web-preferences.test.ts';

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: join(ROOT, 'eslint.config.js') });
});

async function lint(code: string, filePath: string): Promise<Linter.LintMessage[]> {
  expect(existsSync(join(ROOT, filePath)), `${filePath} must exist for the project service`).toBe(true);
  const results = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return results.flatMap((result) => result.messages);
}

function describeMessages(messages: readonly Linter.LintMessage[]): string {
  return messages.map((m) => `${String(m.line)}: ${m.ruleId ?? 'parser'}: ${m.message}`).join('\n');
}

interface BadCase {
  readonly name: string;
  readonly code: string;
  /** What the security message must say. */
  readonly says: RegExp;
  readonly files: readonly string[];
}

const windowWith = (preferences: string): string =>
  [
    "import { BrowserWindow } from 'electron';",
    `export const open = (): BrowserWindow => new BrowserWindow({ webPreferences: { ${preferences} } });`,
  ].join('\n');

const setting = (key: string, value: string): BadCase => ({
  name: `${key}: ${value}`,
  code: windowWith(`${key}: ${value}`),
  says: new RegExp(`\`${key}(: ${value})?\` is an insecure Electron setting`),
  files: [WINDOW, BOOTSTRAP, SERVICES, BRIDGE, LINKS, PRELOAD, RENDERER, TEST],
});

const BAD: readonly BadCase[] = [
  setting('nodeIntegration', 'true'),
  setting('nodeIntegrationInWorker', 'true'),
  setting('nodeIntegrationInSubFrames', 'true'),
  setting('contextIsolation', 'false'),
  setting('sandbox', 'false'),
  setting('webSecurity', 'false'),
  setting('allowRunningInsecureContent', 'true'),
  setting('experimentalFeatures', 'true'),
  setting('webviewTag', 'true'),
  setting('enableBlinkFeatures', "'CSSVariables'"),
  {
    name: 'a quoted key, and a value `as const`',
    code: windowWith("'sandbox': false as const"),
    says: /`sandbox: false` is an insecure/,
    files: [WINDOW],
  },
  {
    name: 'a setting assigned after the fact',
    code: [
      "import type { WebPreferences } from 'electron';",
      'export function weaken(preferences: WebPreferences): void {',
      '  preferences.contextIsolation = false;',
      "  preferences.enableBlinkFeatures = 'CSSVariables';",
      '}',
    ].join('\n'),
    says: /`contextIsolation: false` is an insecure/,
    files: [WINDOW],
  },
  {
    name: 'exposing ipcRenderer itself',
    code: [
      "import { contextBridge, ipcRenderer } from 'electron';",
      "contextBridge.exposeInMainWorld('ipc', ipcRenderer);",
    ].join('\n'),
    says: /Never hand ipcRenderer/,
    files: [PRELOAD],
  },
  {
    name: 'exposing a pass-through to ipcRenderer',
    code: [
      "import { contextBridge, ipcRenderer } from 'electron';",
      "contextBridge.exposeInMainWorld('api', {",
      '  invoke: (channel: string, payload: unknown) => ipcRenderer.invoke(channel, payload),',
      '});',
    ].join('\n'),
    says: /Never hand ipcRenderer/,
    files: [PRELOAD],
  },
  {
    name: 'exposing one of its methods',
    code: [
      "import { contextBridge, ipcRenderer } from 'electron';",
      "contextBridge.exposeInMainWorld('api', { send: ipcRenderer.send.bind(ipcRenderer) });",
    ].join('\n'),
    says: /Never hand ipcRenderer/,
    files: [PRELOAD],
  },
  {
    name: "loadURL('http:…')",
    code: [
      "import type { BrowserWindow } from 'electron';",
      'export async function show(window: BrowserWindow): Promise<void> {',
      "  await window.loadURL('http://example.com/');",
      '}',
    ].join('\n'),
    says: /never plain http/,
    files: [WINDOW, BOOTSTRAP],
  },
  {
    name: 'loadURL(`http://${host}`)',
    code: [
      "import type { BrowserWindow } from 'electron';",
      'export async function show(window: BrowserWindow, host: string): Promise<void> {',
      '  await window.webContents.loadURL(`HTTP://${host}/index.html`);',
      '}',
    ].join('\n'),
    says: /never plain http/,
    files: [WINDOW, BOOTSTRAP],
  },
  {
    name: 'ipcMain outside ipc-bridge.ts',
    code: [
      "import { ipcMain } from 'electron';",
      "ipcMain.handle('settings:get', () => ({ ok: true }));",
    ].join('\n'),
    says: /Only main\/electron\/ipc-bridge\.ts uses ipcMain/,
    files: [WINDOW, BOOTSTRAP, LINKS, SERVICES, PRELOAD],
  },
  {
    name: 'ipcMain reached through the module object',
    code: ["import electron from 'electron';", "electron.ipcMain.on('settings:get', () => undefined);"].join(
      '\n',
    ),
    says: /Only main\/electron\/ipc-bridge\.ts uses ipcMain/,
    files: [WINDOW],
  },
  {
    name: 'shell.openExternal outside external-links.ts',
    code: [
      "import { shell } from 'electron';",
      'export async function open(url: string): Promise<void> {',
      '  await shell.openExternal(url);',
      '}',
    ].join('\n'),
    says: /external-links\.ts (uses `shell`|calls shell\.openExternal)/,
    files: [WINDOW, BOOTSTRAP, BRIDGE, SERVICES],
  },
  {
    name: 'shell reached through the module object',
    code: [
      "import electron from 'electron';",
      'export async function open(url: string): Promise<void> {',
      '  await electron.shell.openExternal(url);',
      '}',
    ].join('\n'),
    says: /Only main\/electron\/external-links\.ts uses `shell`/,
    files: [WINDOW],
  },
];

interface GoodCase {
  readonly name: string;
  readonly code: string;
  readonly file: string;
}

const GOOD: readonly GoodCase[] = [
  {
    name: 'the secure settings, spelt out',
    code: windowWith(
      [
        'contextIsolation: true',
        'sandbox: true',
        'nodeIntegration: false',
        'nodeIntegrationInWorker: false',
        'nodeIntegrationInSubFrames: false',
        'webSecurity: true',
        'allowRunningInsecureContent: false',
        'experimentalFeatures: false',
        'webviewTag: false',
      ].join(', '),
    ),
    file: WINDOW,
  },
  {
    name: 'a table of checks keyed by setting name (functions, not settings)',
    code: [
      'export const checks: Record<string, (value: unknown) => boolean> = {',
      '  nodeIntegration: (value) => value === true,',
      '  enableBlinkFeatures: () => true,',
      '};',
    ].join('\n'),
    file: TEST,
  },
  {
    name: 'exposing an API built elsewhere',
    code: [
      "import { contextBridge } from 'electron';",
      'const api = { version: 1 };',
      "contextBridge.exposeInMainWorld('api', api);",
    ].join('\n'),
    file: PRELOAD,
  },
  {
    name: 'loadURL of the app bundle, https, or a checked variable',
    code: [
      "import type { BrowserWindow } from 'electron';",
      'export async function show(window: BrowserWindow, entryUrl: string): Promise<void> {',
      "  await window.loadURL('app://switchboard/index.html');",
      "  await window.loadURL('https://telegram.org/');",
      '  await window.loadURL(`https://${entryUrl}/`);',
      '  await window.loadURL(entryUrl);',
      '}',
    ].join('\n'),
    file: WINDOW,
  },
  {
    name: 'ipcMain in ipc-bridge.ts',
    code: [
      "import { ipcMain } from 'electron';",
      "ipcMain.handle('settings:get', () => ({ ok: true }));",
    ].join('\n'),
    file: BRIDGE,
  },
  {
    name: 'shell.openExternal in external-links.ts',
    code: [
      "import { shell } from 'electron';",
      'export async function open(url: string): Promise<void> {',
      '  await shell.openExternal(url);',
      '}',
    ].join('\n'),
    file: LINKS,
  },
  {
    name: 'the injected wrapper, called by the services',
    code: [
      'interface Options {',
      '  readonly openExternal: (url: string) => Promise<void>;',
      '}',
      'export async function open(options: Options, url: string): Promise<void> {',
      '  await options.openExternal(url);',
      '}',
    ].join('\n'),
    file: SERVICES,
  },
];

describe('the Electron security lint rules', () => {
  const badRuns = BAD.flatMap((bad) => bad.files.map((file) => ({ ...bad, file })));

  it.each(badRuns)('reports $name in $file', async ({ code, file, says }) => {
    const messages = await lint(code, file);
    const security = messages.filter((m) => m.ruleId === 'no-restricted-syntax' && says.test(m.message));
    expect(security, describeMessages(messages)).not.toHaveLength(0);
    expect(security.every((m) => m.severity === 2)).toBe(true);
  });

  it.each(GOOD)('accepts $name ($file)', async ({ code, file }) => {
    const messages = await lint(code, file);
    expect(describeMessages(messages)).toBe('');
  });

  it('reports every occurrence, not just the first one in a file', async () => {
    const code = windowWith(
      [
        'nodeIntegration: true',
        'nodeIntegrationInWorker: true',
        'nodeIntegrationInSubFrames: true',
        'contextIsolation: false',
        'sandbox: false',
        'webSecurity: false',
        'allowRunningInsecureContent: true',
        'experimentalFeatures: true',
        'webviewTag: true',
        "enableBlinkFeatures: 'CSSVariables'",
      ].join(', '),
    );
    const messages = await lint(code, WINDOW);
    const insecure = messages.filter((m) => m.message.includes('is an insecure Electron setting'));
    expect(insecure, describeMessages(messages)).toHaveLength(10);
  });

  it('keeps the import boundary alongside the security selectors', async () => {
    const code = [
      "import { ipcMain } from 'electron';",
      "export const load = (): Promise<unknown> => import('telegram');",
      'export const handle = ipcMain.handle.bind(ipcMain);',
    ].join('\n');
    const messages = await lint(code, SERVICES);
    const text = describeMessages(messages);
    expect(text).toMatch(/no-restricted-imports: .*Import `electron` only from/);
    expect(text).toMatch(/no-restricted-syntax: Import GramJS/);
    expect(text).toMatch(/no-restricted-syntax: Only main\/electron\/ipc-bridge\.ts uses ipcMain/);
  });

  it('keeps electron-updater (it loads electron) out of the services, the preload and the renderer', async () => {
    const code = [
      "import electronUpdater from 'electron-updater';",
      'export const updater = electronUpdater;',
    ].join('\n');
    for (const file of [SERVICES, PRELOAD, RENDERER, TEST]) {
      const text = describeMessages(await lint(code, file));
      expect(text, file).toMatch(
        /no-restricted-imports: .*Import `electron-updater` \(it loads `electron`\) only from/,
      );
    }
    expect(describeMessages(await lint(code, WINDOW))).toBe('');
  });

  it('passes the repository’s own Electron files', async () => {
    const results = await eslint.lintFiles(
      [
        WINDOW,
        BRIDGE,
        LINKS,
        PRELOAD,
        'main/electron/web-preferences.ts',
        'main/electron/auto-updater.ts',
      ].map((f) => join(ROOT, f)),
    );
    const messages = results.flatMap((r) => r.messages.map((m) => `${r.filePath}: ${m.message}`));
    expect(messages).toEqual([]);
  });
});
