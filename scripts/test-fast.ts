import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repositoryTestFiles, testTiers } from './test-tiers.ts';

/** `npm run test:fast`: the pure units and the renderer's components (test-tiers.ts), for the inner loop. */
const root = join(import.meta.dirname, '..');
const { fast, slow } = testTiers(root, repositoryTestFiles(root));
console.log(
  `test:fast: ${String(fast.length)} files; ${String(slow.length)} need the sandbox, a keyring, a browser or sockets (npm test runs them)`,
);
const run = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2), ...fast], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
