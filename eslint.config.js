// ESLint flat config for Switchboard.
// Type-aware linting (typescript-eslint strict + stylistic) for every .ts file in tsconfig.json,
// plus an import boundary that keeps `telegram` (GramJS) and `electron` in their own corners, and Electron's
// security checklist as syntax rules.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { layeringRule } from './scripts/lint/layering-rule.js';

// Who may import what. Everything else gets both packages restricted.
const telegramAllowed = ['main/telegram/**', 'main/sandbox/**', 'test/**', 'bench/**'];
const electronAllowed = ['main/index.ts', 'main/electron/**', 'preload/**'];

// Regexes (not gitignore-style `group`s) so that only the bare package and its subpaths match:
// `telegram`, `telegram/tl` yes; `./telegram/client.js` or `telegram-foo` no.
const telegram = {
  source: '^telegram(/.*)?$',
  message: 'Import GramJS (`telegram`) only from main/telegram/**, main/sandbox/**, test/** or bench/**.',
};
const electron = {
  source: '^electron(/.*)?$',
  message: 'Import `electron` only from main/index.ts, main/electron/** or preload/**.',
};
// electron-updater loads `electron` itself, so it lives where electron may (and not in the sandboxed preload).
const electronUpdater = {
  source: '^electron-updater(/.*)?$',
  message: 'Import `electron-updater` (it loads `electron`) only from main/index.ts or main/electron/**.',
};
// The renderer is a web page and the preload is sandboxed: neither has Node's modules at runtime.
const nodeBuiltins = {
  source: `^(node:.*|(${builtinModules.filter((name) => !name.startsWith('_')).join('|')})(/.*)?)$`,
  message: 'The renderer and the sandboxed preload cannot use Node modules; ask main over IPC.',
};

// Electron's security checklist (electronjs.org/docs/latest/tutorial/security), as syntax selectors:
// insecure webPreferences, exposing ipcRenderer to the page, loading plain http, and the two APIs that
// have exactly one wrapper each. test/electron/security-lint.test.ts feeds each a bad and a good snippet.
const SETTING_MESSAGE =
  'is an insecure Electron setting (security checklist); keep web-preferences.ts as it is.';
/** `{ key: value }`, `{ 'key': value }`, `{ key: value as const }` and `x.key = value`. */
const insecureSetting = (key, value) => {
  const message = `\`${key}: ${String(value)}\` ${SETTING_MESSAGE}`;
  const named = `:matches([key.name='${key}'], [key.value='${key}'])`;
  return [
    { selector: `Property${named}[value.value=${String(value)}]`, message },
    { selector: `Property${named}[value.expression.value=${String(value)}]`, message },
    { selector: `AssignmentExpression[left.property.name='${key}'][right.value=${String(value)}]`, message },
  ];
};
const loadUrl = "CallExpression[callee.property.name='loadURL']";
const plainHttp = 'Load only the app:// bundle (or https); never plain http (security checklist #1).';
const electronSecurity = {
  settings: [
    ...insecureSetting('nodeIntegration', true),
    ...insecureSetting('nodeIntegrationInWorker', true),
    ...insecureSetting('nodeIntegrationInSubFrames', true),
    ...insecureSetting('contextIsolation', false),
    ...insecureSetting('sandbox', false),
    ...insecureSetting('webSecurity', false),
    ...insecureSetting('allowRunningInsecureContent', true),
    ...insecureSetting('experimentalFeatures', true),
    ...insecureSetting('webviewTag', true),
    {
      // Any value turns Blink features on; a function-valued key is not a webPreferences setting.
      selector:
        "Property:matches([key.name='enableBlinkFeatures'], [key.value='enableBlinkFeatures']):not([value.type=/Function/])",
      message: `\`enableBlinkFeatures\` ${SETTING_MESSAGE}`,
    },
    {
      selector: "AssignmentExpression[left.property.name='enableBlinkFeatures']",
      message: `\`enableBlinkFeatures\` ${SETTING_MESSAGE}`,
    },
  ],
  exposeIpc: [
    {
      selector:
        "CallExpression[callee.property.name=/^expose(InMainWorld|InIsolatedWorld)$/] Identifier[name='ipcRenderer']",
      message:
        'Never hand ipcRenderer (or a pass-through to it) to the page: expose the allowlisted API from preload/bridge.ts.',
    },
  ],
  insecureUrl: [
    { selector: `${loadUrl}[arguments.0.value=/^http:/i]`, message: plainHttp },
    { selector: `${loadUrl}[arguments.0.quasis.0.value.cooked=/^http:/i]`, message: plainHttp },
  ],
  ipcMainOutsideBridge: [
    {
      selector: "Identifier[name='ipcMain']",
      message: 'Only main/electron/ipc-bridge.ts uses ipcMain: every request must go through the dispatcher.',
    },
  ],
  shellOutsideLinks: [
    {
      selector: "ImportSpecifier[imported.name='shell']",
      message: 'Only main/electron/external-links.ts uses `shell`: call openExternalLink() instead.',
    },
    {
      selector: "MemberExpression[property.name='shell']",
      message: 'Only main/electron/external-links.ts uses `shell`: call openExternalLink() instead.',
    },
    {
      selector: "MemberExpression[object.name='shell'][property.name='openExternal']",
      message:
        'Only main/electron/external-links.ts calls shell.openExternal: call openExternalLink() instead.',
    },
  ],
};

/**
 * `no-restricted-imports` covers static `import`/`export ... from`; `no-restricted-syntax` adds dynamic
 * `import('x')` and type-level `import('x').T`, which the former does not see. Both rules also carry the
 * Electron security selectors above, so every file gets them whichever block sets the rule last.
 * @param {readonly (keyof typeof electronSecurity)[]} exempt security groups this file may break (its wrapper)
 * @param {readonly { source: string, message: string }[]} packages
 */
const boundary = (exempt, packages) => ({
  'no-restricted-imports': [
    'error',
    { patterns: packages.map(({ source, message }) => ({ regex: source, message })) },
  ],
  'no-restricted-syntax': [
    'error',
    ...packages.flatMap(({ source, message }) => [
      { selector: `ImportExpression[source.value=/${source.replaceAll('/', '\\/')}/]`, message },
      { selector: `TSImportType[argument.literal.value=/${source.replaceAll('/', '\\/')}/]`, message },
    ]),
    ...Object.entries(electronSecurity)
      .filter(([group]) => !exempt.includes(group))
      .flatMap(([, selectors]) => selectors),
  ],
});
/** @param {...{ source: string, message: string }} packages */
const restrict = (...packages) => boundary([], packages);

export default defineConfig(
  {
    ignores: ['node_modules/', 'out/', 'dist/', '.tools/', 'coverage/', 'test-results/'],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      // stylisticTypeChecked's rule asks for `x!` instead of `x as T`, which the rule above forbids.
      '@typescript-eslint/non-nullable-type-assertion-style': 'off',
      // strictTypeChecked's settings, except numbers (allowNumber also covers bigint) may be interpolated.
      // Every flag is spelled out: omitted ones fall back to the rule's lenient defaults, not to strict's.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        {
          allowAny: false,
          allowBoolean: false,
          allowNever: false,
          allowNullish: false,
          allowNumber: true,
          allowRegExp: false,
        },
      ],
    },
  },

  // Import boundary and Electron security. Only one setting per rule applies to a file (the last matching
  // block wins), so each block lists the full set of restrictions for its files. If you need
  // `no-restricted-syntax` for something else, add it inside `boundary` (as `electronSecurity` is) so it is
  // not silently overridden here.
  { files: ['**/*.{ts,mts,cts,tsx,js,mjs,cjs}'], rules: restrict(telegram, electron, electronUpdater) },
  { files: telegramAllowed, rules: restrict(electron, electronUpdater) },
  { files: electronAllowed, rules: restrict(telegram) },
  // The one wrapper of each API the security selectors otherwise ban.
  { files: ['main/electron/ipc-bridge.ts'], rules: boundary(['ipcMainOutsideBridge'], [telegram]) },
  { files: ['main/electron/external-links.ts'], rules: boundary(['shellOutsideLinks'], [telegram]) },
  { files: ['preload/**'], rules: restrict(telegram, electronUpdater, nodeBuiltins) },
  { files: ['renderer/**'], rules: restrict(telegram, electron, electronUpdater, nodeBuiltins) },

  // The layers: renderer and preload reach main only through main/contract, the contract imports nothing
  // else, the page's bundle has no zod or Node, and no import cycles (scripts/lint/layering-rule.js).
  {
    files: ['**/*.{ts,mts,cts,tsx,js,mjs,cjs}'],
    plugins: { local: { rules: { layering: layeringRule } } },
    rules: { 'local/layering': 'error' },
  },

  // Plain JS (this file and any other config scripts) is not in tsconfig.json: lint without types.
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
