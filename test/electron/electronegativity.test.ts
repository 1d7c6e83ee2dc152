import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AllowlistSchema,
  judge,
  passes,
  scan,
  stageSources,
  toSarif,
  type Allowlist,
  type Finding,
  type ScanResult,
} from '../../scripts/electronegativity-gate.ts';

/**
 * The electronegativity gate (npm test's `electronegativity` step): its verdict on findings, the reviewed
 * allowlist, and one real scan of an insecure window, which the tool must flag.
 */
const ROOT = join(import.meta.dirname, '../..');

const finding = (overrides: Partial<Finding>): Finding => ({
  rule: 'CONTEXT_ISOLATION_JS_CHECK',
  file: 'main/electron/main-window.ts',
  line: 13,
  column: 17,
  severity: 'HIGH',
  confidence: 'FIRM',
  reviewRequired: false,
  description: 'Review the use of the contextIsolation option',
  sample: 'new BrowserWindow({',
  ...overrides,
});

const REASON = 'A reviewed reason, long enough to say what the tool cannot see here.';
const allowlist = (entries: Allowlist['entries']): Allowlist => AllowlistSchema.parse({ entries });
const result = (findings: Finding[], parseErrors: ScanResult['parseErrors'] = []): ScanResult => ({
  findings,
  parseErrors,
  checks: 41,
});

describe('the electronegativity verdict', () => {
  it('blocks a finding above informational that is not allowlisted', () => {
    const findings = [finding({}), finding({ rule: 'CSP_GLOBAL_CHECK', severity: 'LOW', file: 'x.html' })];
    const verdict = judge(findings, allowlist([]));
    expect(verdict.blocking).toEqual(findings);
    expect(passes(verdict, result(findings))).toBe(false);
  });

  it('lets an allowlisted rule and file pass, and only that file', () => {
    const here = finding({});
    const elsewhere = finding({ file: 'main/electron/other-window.ts' });
    const verdict = judge(
      [here, elsewhere],
      allowlist([{ rule: here.rule, file: here.file, reason: REASON }]),
    );
    expect(verdict.allowed).toEqual([{ finding: here, reason: REASON }]);
    expect(verdict.blocking).toEqual([elsewhere]);
  });

  it('ignores informational findings', () => {
    const info = finding({ rule: 'ELECTRON_VERSION_JSON_CHECK', severity: 'INFORMATIONAL' });
    const verdict = judge([info], allowlist([]));
    expect(verdict.informational).toEqual([info]);
    expect(passes(verdict, result([info]))).toBe(true);
  });

  it('fails on an allowlist entry that matches nothing, and on a file the tool could not parse', () => {
    const stale = { rule: 'SANDBOX_JS_CHECK', file: 'main/gone.ts', reason: REASON };
    const verdict = judge([], allowlist([stale]));
    expect(verdict.stale).toEqual([stale]);
    expect(passes(verdict, result([]))).toBe(false);
    const clean = judge([], allowlist([]));
    expect(passes(clean, result([], [{ file: 'main/x.ts', message: 'Unexpected token' }]))).toBe(false);
    expect(passes(clean, result([]))).toBe(true);
  });

  it('writes SARIF with severities and the allowlist reasons as suppressions', () => {
    const allowed = finding({});
    const blocking = finding({ rule: 'SANDBOX_JS_CHECK', severity: 'MEDIUM' });
    const scanned = result([allowed, blocking]);
    const verdict = judge(
      scanned.findings,
      allowlist([{ rule: allowed.rule, file: allowed.file, reason: REASON }]),
    );
    const sarif = JSON.parse(JSON.stringify(toSarif(scanned, verdict, '1.10.3'))) as {
      version: string;
      runs: { results: { ruleId: string; level: string; suppressions?: { justification: string }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results).toEqual([
      expect.objectContaining({
        ruleId: allowed.rule,
        level: 'error',
        suppressions: [expect.objectContaining({ justification: REASON })],
      }),
      expect.not.objectContaining({ suppressions: expect.anything() as unknown }),
    ]);
    expect(sarif.runs[0]?.results[1]).toMatchObject({ ruleId: 'SANDBOX_JS_CHECK', level: 'warning' });
  });
});

describe('security/electronegativity-allowlist.json', () => {
  const list = AllowlistSchema.parse(
    JSON.parse(readFileSync(join(ROOT, 'security/electronegativity-allowlist.json'), 'utf8')),
  );

  it('names real files, each rule and file once, each with a reason', () => {
    const keys = list.entries.map((entry) => `${entry.rule} ${entry.file}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of list.entries) {
      expect(existsSync(join(ROOT, entry.file)), entry.file).toBe(true);
      expect(entry.file).toMatch(/^(main|preload|renderer)\//);
    }
  });
});

describe('a real scan', () => {
  let folder: string;
  let scanned: ScanResult;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'switchboard-electronegativity-test-'));
    mkdirSync(join(folder, 'main'));
    writeFileSync(
      join(folder, 'main/window.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        'export function open(): BrowserWindow {',
        '  const window = new BrowserWindow({',
        '    webPreferences: { contextIsolation: false, experimentalFeatures: true },',
        '  });',
        "  void window.loadURL('http://example.com/');",
        '  return window;',
        '}',
        // Syntax the tool must understand: the contract uses `satisfies`.
        'export const ok = { a: 1 } satisfies { a: number };',
      ].join('\n'),
    );
    writeFileSync(join(folder, 'main/broken.ts'), 'export const = ;\n');
    mkdirSync(join(folder, 'main/node_modules/dep'), { recursive: true });
    writeFileSync(join(folder, 'main/node_modules/dep/index.js'), 'module.exports = {};\n');
    scanned = await scan(folder, '45.5.0');
  }, 60_000);
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('flags an insecure window and plain http', () => {
    const flagged = scanned.findings.map((f) => `${f.rule} ${f.file}`);
    expect(flagged).toEqual(
      expect.arrayContaining([
        'CONTEXT_ISOLATION_JS_CHECK main/window.ts',
        'EXPERIMENTAL_FEATURES_JS_CHECK main/window.ts',
        'HTTP_RESOURCES_JS_CHECK main/window.ts',
      ]),
    );
    const verdict = judge(scanned.findings, allowlist([]));
    expect(verdict.blocking.some((f) => f.severity === 'HIGH')).toBe(true);
  });

  it('reports the file it could not parse, and only that one', () => {
    expect(scanned.parseErrors.map((error) => error.file)).toEqual(['main/broken.ts']);
  });

  it('stages only the given paths, without node_modules', () => {
    const stage = stageSources(folder, ['main']);
    try {
      expect(existsSync(join(stage, 'main/window.ts'))).toBe(true);
      expect(existsSync(join(stage, 'main/node_modules'))).toBe(false);
      expect(existsSync(join(stage, 'package.json'))).toBe(false);
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
  });
});
