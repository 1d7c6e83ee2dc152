import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { releaseGateProblems } from './release-gate.ts';

/** `tsx scripts/check-release.ts`: exits 1, saying why, when this runner must not publish (release-gate.ts). */
const root = join(import.meta.dirname, '..');
let shippedPublicKeyPem: string | undefined;
try {
  shippedPublicKeyPem = readFileSync(join(root, 'build/update-signing-key.pem'), 'utf8');
} catch {
  shippedPublicKeyPem = undefined;
}
const problems = releaseGateProblems({
  os: process.env.RUNNER_OS ?? 'unknown',
  env: process.env,
  shippedPublicKeyPem,
});
for (const problem of problems) console.error(`release refused: ${problem}`);
if (problems.length > 0) process.exit(1);
console.log(`release checks passed for ${process.env.RUNNER_OS ?? 'unknown'}`);
