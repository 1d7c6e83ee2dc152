import { cpSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Electronegativity (Doyensec's static checker for Electron apps) as a build gate: scan the sources, keep
 * what is above informational, and fail on anything not in the reviewed allowlist
 * (security/electronegativity-allowlist.json). scripts/electronegativity.ts runs it; this module holds the
 * parts a test can drive.
 */

export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  /** The check's id, e.g. CONTEXT_ISOLATION_JS_CHECK. */
  readonly rule: string;
  /** Relative to the scanned folder, with forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: Severity;
  readonly confidence: string;
  /** The tool cannot decide; a person has to. */
  readonly reviewRequired: boolean;
  readonly description: string;
  readonly sample: string;
}

export interface ParseError {
  readonly file: string;
  readonly message: string;
}

export interface ScanResult {
  readonly findings: readonly Finding[];
  /** Files the tool could not parse, and so did not check. */
  readonly parseErrors: readonly ParseError[];
  readonly checks: number;
}

export const AllowlistSchema = z
  .object({
    $comment: z.string().optional(),
    entries: z.array(
      z
        .object({
          rule: z.string().regex(/^[A-Z_]+$/),
          file: z.string().min(1),
          /** Why this finding is not a problem here: what the tool cannot see. */
          reason: z.string().min(40),
        })
        .strict(),
    ),
  })
  .strict();
export type Allowlist = z.infer<typeof AllowlistSchema>;
export type AllowEntry = Allowlist['entries'][number];

export interface Verdict {
  /** Above informational and not allowlisted: these fail the build. */
  readonly blocking: readonly Finding[];
  readonly allowed: readonly { readonly finding: Finding; readonly reason: string }[];
  readonly informational: readonly Finding[];
  /** Allowlist entries that match no finding: the code changed, so the entry must be reviewed again. */
  readonly stale: readonly AllowEntry[];
}

/** Sorts the findings into blocking, allowed (by rule and file) and informational. */
export function judge(findings: readonly Finding[], allowlist: Allowlist): Verdict {
  const blocking: Finding[] = [];
  const allowed: { finding: Finding; reason: string }[] = [];
  const informational: Finding[] = [];
  const used = new Set<AllowEntry>();
  for (const finding of findings) {
    if (finding.severity === 'INFORMATIONAL') {
      informational.push(finding);
      continue;
    }
    const entry = allowlist.entries.find((e) => e.rule === finding.rule && e.file === finding.file);
    if (entry === undefined) {
      blocking.push(finding);
    } else {
      used.add(entry);
      allowed.push({ finding, reason: entry.reason });
    }
  }
  return { blocking, allowed, informational, stale: allowlist.entries.filter((e) => !used.has(e)) };
}

/** Whether the gate passes: nothing blocking, no stale entry, and every file parsed. */
export function passes(verdict: Verdict, scan: ScanResult): boolean {
  return verdict.blocking.length === 0 && verdict.stale.length === 0 && scan.parseErrors.length === 0;
}

const SARIF_LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  HIGH: 'error',
  MEDIUM: 'warning',
  LOW: 'warning',
  INFORMATIONAL: 'note',
};

/**
 * SARIF 2.1.0 for GitHub code scanning and editors. Unlike the tool's own SARIF (which only says "note"
 * or "warning") it carries each finding's severity and confidence, and marks allowlisted findings as
 * suppressed with the reviewed reason.
 */
export function toSarif(scan: ScanResult, verdict: Verdict, toolVersion: string): unknown {
  const reasons = new Map(verdict.allowed.map(({ finding, reason }) => [finding, reason]));
  const rules = [...new Set(scan.findings.map((f) => f.rule))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Electronegativity',
            version: toolVersion,
            informationUri: 'https://github.com/doyensec/electronegativity',
            rules: rules.map((id) => ({
              id,
              helpUri: `https://github.com/doyensec/electronegativity/wiki/${id}`,
            })),
          },
        },
        results: scan.findings.map((finding) => {
          const reason = reasons.get(finding);
          return {
            ruleId: finding.rule,
            level: SARIF_LEVEL[finding.severity],
            message: { text: finding.description },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: finding.file },
                  region: { startLine: Math.max(1, finding.line), startColumn: finding.column + 1 },
                },
              },
            ],
            properties: {
              severity: finding.severity,
              confidence: finding.confidence,
              reviewRequired: finding.reviewRequired,
            },
            ...(reason === undefined
              ? {}
              : { suppressions: [{ kind: 'external', status: 'accepted', justification: reason }] }),
          };
        }),
        invocations: [
          {
            executionSuccessful: scan.parseErrors.length === 0,
            toolExecutionNotifications: scan.parseErrors.map((error) => ({
              level: 'error',
              message: { text: `could not parse: ${error.message}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: error.file } } }],
            })),
          },
        ],
      },
    ],
  };
}

/**
 * Copies what ships in the app (main, preload, the renderer's page and sources) and package.json (for the
 * Electron version) into a temporary folder, so the scan sees neither tests, which hold insecure snippets
 * on purpose, nor build output. Returns the folder; the caller deletes it.
 */
export function stageSources(root: string, paths: readonly string[]): string {
  const stage = mkdtempSync(join(tmpdir(), 'switchboard-electronegativity-'));
  for (const path of paths) {
    cpSync(join(root, path), join(stage, path), {
      recursive: true,
      filter: (source) => !source.split(/[\\/]/).includes('node_modules'),
    });
  }
  return stage;
}

// What electronegativity's runner (its package's main export) resolves to, checked rather than trusted.
const ToolResultSchema = z.looseObject({
  globalChecks: z.number(),
  atomicChecks: z.number(),
  errors: z.array(z.looseObject({ file: z.string(), message: z.string(), tolerable: z.boolean() })),
  issues: z.array(
    z.looseObject({
      id: z.string(),
      file: z.string(),
      description: z.string(),
      sample: z.unknown().optional(),
      location: z.looseObject({ line: z.number(), column: z.number() }),
      severity: z.looseObject({ name: z.enum(SEVERITIES) }),
      confidence: z.looseObject({ name: z.string() }),
      manualReview: z.boolean().optional(),
    }),
  ),
});

export const TOOL_PACKAGE = '@doyensec/electronegativity';

/** The installed tool's version, from its package.json. */
export function toolVersion(): string {
  const require = createRequire(import.meta.url);
  const manifest: unknown = require(`${TOOL_PACKAGE}/package.json`);
  return z.object({ version: z.string() }).parse(manifest).version;
}

/**
 * Runs electronegativity's checks on `folder`, offline: the check that downloads Electron's release list
 * is left out (Dependabot keeps Electron current instead).
 * @param electronVersion the version the checks assume (package.json's electron).
 */
export async function scan(folder: string, electronVersion: string): Promise<ScanResult> {
  const require = createRequire(import.meta.url);
  const run: unknown = require(TOOL_PACKAGE);
  if (typeof run !== 'function') throw new Error(`${TOOL_PACKAGE} did not export its runner`);
  const raw: unknown = await (run as (options: object, forCli: boolean) => Promise<unknown>)(
    {
      input: folder,
      isRelative: true,
      customScan: [],
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
  const result = ToolResultSchema.parse(raw);
  return {
    checks: result.globalChecks + result.atomicChecks,
    parseErrors: result.errors
      .filter((error) => !error.tolerable)
      .map((error) => ({ file: relativeTo(folder, error.file), message: error.message })),
    findings: result.issues.map((issue) => ({
      rule: issue.id,
      file: relativeTo(folder, issue.file),
      line: issue.location.line,
      column: issue.location.column,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      reviewRequired: issue.manualReview ?? false,
      description: issue.description,
      sample: typeof issue.sample === 'string' ? issue.sample : '',
    })),
  };
}

/** The tool reports relative paths for findings but absolute ones for parse errors. */
function relativeTo(folder: string, file: string): string {
  const normalized = file.split('\\').join('/');
  const base = `${folder.split('\\').join('/')}/`;
  return normalized.startsWith(base) ? normalized.slice(base.length) : normalized;
}
