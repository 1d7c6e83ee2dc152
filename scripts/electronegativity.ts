/**
 * `npm test`'s electronegativity step: scans what ships in the app (main/, preload/, renderer/) with
 * Doyensec's Electronegativity, writes test-results/electronegativity.sarif, and fails if a finding above
 * informational is not in security/electronegativity-allowlist.json, if an allowlist entry no longer
 * matches anything, or if a file could not be parsed. Run: npx tsx scripts/electronegativity.ts
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  AllowlistSchema,
  judge,
  passes,
  scan,
  stageSources,
  toolVersion,
  toSarif,
  type Finding,
} from './electronegativity-gate.ts';

const ROOT = join(import.meta.dirname, '..');
const SCANNED = ['main', 'preload', 'renderer', 'package.json'];
const ALLOWLIST = 'security/electronegativity-allowlist.json';
const SARIF = 'test-results/electronegativity.sarif';

function describe(finding: Finding): string {
  const where = `${finding.file}:${String(finding.line)}:${String(finding.column)}`;
  const review = finding.reviewRequired ? ' (review required)' : '';
  return `${finding.severity.padEnd(6)} ${finding.rule} ${where}: ${finding.description}${review}`;
}

async function main(): Promise<number> {
  const manifest = z
    .object({ devDependencies: z.object({ electron: z.string() }).loose() })
    .loose()
    .parse(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')));
  const allowlist = AllowlistSchema.parse(JSON.parse(readFileSync(join(ROOT, ALLOWLIST), 'utf8')));

  const stage = stageSources(ROOT, SCANNED);
  let result;
  try {
    result = await scan(stage, manifest.devDependencies.electron);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const verdict = judge(result.findings, allowlist);

  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(join(ROOT, SARIF), `${JSON.stringify(toSarif(result, verdict, toolVersion()), null, 2)}\n`);

  console.log(
    `electronegativity ${toolVersion()}: ${String(result.checks)} checks on ${SCANNED.join(', ')}; ` +
      `${String(result.findings.length)} findings (SARIF: ${SARIF})`,
  );
  for (const { finding, reason } of verdict.allowed)
    console.log(`  allowed  ${describe(finding)}\n           ${reason}`);
  for (const finding of verdict.informational) console.log(`  info     ${describe(finding)}`);
  for (const finding of verdict.blocking) console.log(`  BLOCKING ${describe(finding)}`);
  for (const entry of verdict.stale) {
    console.log(
      `  STALE    ${ALLOWLIST}: ${entry.rule} in ${entry.file} matches nothing; review and remove it`,
    );
  }
  for (const error of result.parseErrors) console.log(`  UNPARSED ${error.file}: ${error.message}`);

  if (passes(verdict, result)) return 0;
  console.log(
    `Fix the blocking findings, or after review add them to ${ALLOWLIST} with the reason they are safe.`,
  );
  return 1;
}

process.exitCode = await main();
