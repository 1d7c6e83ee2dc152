import { execFileSync } from 'node:child_process';
import { ImportGraph } from './lint/import-graph.js';

/**
 * Which test files are fast: those whose value imports (followed through the whole graph) reach none of
 * the real parts that make a test slow: the sandbox DC, the app harness, the browser, a private keyring,
 * child processes, worker threads, sockets. Worked out from the imports on every run, so a test that
 * starts using one of them leaves the fast tier by itself. `npm test` runs every file either way.
 */
const SLOW_FILES = [
  /^main\/sandbox\/index\.ts$/,
  /^main\/process\/node-host\.ts$/,
  /^main\/vault\/keytar-secret-store\.ts$/,
  /^test\/support\/(app-harness|browser-app|private-keyring|shell-sandbox|gram-client)\.ts$/,
];
const SLOW_PACKAGES = [
  'keytar',
  'playwright-core',
  'ws',
  'node:child_process',
  'node:worker_threads',
  'node:net',
  'node:http',
];

const isSlowPackage = (specifier: string): boolean =>
  SLOW_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`));

export interface TestTiers {
  readonly fast: string[];
  /** Each slow file with the chain of imports that makes it slow. */
  readonly slow: { readonly file: string; readonly because: string[] }[];
}

export function testTiers(root: string, testFiles: readonly string[]): TestTiers {
  const graph = new ImportGraph(root);
  const fast: string[] = [];
  const slow: { file: string; because: string[] }[] = [];
  for (const file of testFiles) {
    const because = graph.valuePath(
      file,
      (candidate) =>
        SLOW_FILES.some((pattern) => pattern.test(candidate)) ||
        graph
          .importsFrom(candidate)
          .some((edge) => !edge.typeOnly && edge.target === null && isSlowPackage(edge.specifier)),
    );
    if (because === null) fast.push(file);
    else slow.push({ file, because });
  }
  return { fast, slow };
}

/** The repository's test files, as git knows them (new files too, once added). */
export function repositoryTestFiles(root: string): string[] {
  return execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  )
    .split('\n')
    .filter(Boolean);
}
