// ESLint flat config for Switchboard.
// Type-aware linting (typescript-eslint strict + stylistic) for every .ts file in tsconfig.json,
// plus an import boundary that keeps `telegram` (GramJS) and `electron` in their own corners.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

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
// The renderer is a web page and the preload is sandboxed: neither has Node's modules at runtime.
const nodeBuiltins = {
  source: `^(node:.*|(${builtinModules.filter((name) => !name.startsWith('_')).join('|')})(/.*)?)$`,
  message: 'The renderer and the sandboxed preload cannot use Node modules; ask main over IPC.',
};

/**
 * `no-restricted-imports` covers static `import`/`export ... from`; `no-restricted-syntax` adds dynamic
 * `import('x')` and type-level `import('x').T`, which the former does not see.
 * @param {...{ source: string, message: string }} packages
 */
const restrict = (...packages) => ({
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
  ],
});

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

  // Import boundary. Only one setting per rule applies to a file (the last matching block wins), so each
  // block lists the full set of restrictions for its files. If you need `no-restricted-syntax` for
  // something else, add it inside `restrict` so it is not silently overridden here.
  { files: ['**/*.{ts,mts,cts,tsx,js,mjs,cjs}'], rules: restrict(telegram, electron) },
  { files: telegramAllowed, rules: restrict(electron) },
  { files: electronAllowed, rules: restrict(telegram) },
  { files: ['preload/**'], rules: restrict(telegram, nodeBuiltins) },
  { files: ['renderer/**'], rules: restrict(telegram, electron, nodeBuiltins) },

  // Plain JS (this file and any other config scripts) is not in tsconfig.json: lint without types.
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
