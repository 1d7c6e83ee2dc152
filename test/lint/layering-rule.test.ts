import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { layeringRule } from '../../scripts/lint/layering-rule.js';

/**
 * The layering rule (scripts/lint/layering-rule.js) on a made-up repository in a temporary folder: each
 * breach it exists for is reported, with the chain that proves it, and what is allowed passes.
 */
const root = mkdtempSync(join(tmpdir(), 'switchboard-layers-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

write({
  'main/contract/types.ts': 'export interface Card { readonly id: string }\nexport const STEPS = 3;\n',
  'main/contract/schemas.ts':
    "import { z } from 'zod';\nexport const CardSchema = z.object({ id: z.string() });\n",
  'main/contract/derived.ts': "export { CardSchema } from './schemas.ts';\n",
  'main/app/services.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  'main/a/first.ts': "import { second } from './second.ts';\nexport const first = second;\n",
  'main/a/second.ts':
    "import type { first } from './first.ts';\nexport const second = 1;\nexport type F = typeof first;\n",
});

const linter = new Linter({ configType: 'flat', cwd: root });
function lint(file: string, code: string): string[] {
  write({ [file]: code });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { local: { rules: { layering: layeringRule } } },
        rules: { 'local/layering': ['error', { root }] },
      },
    ],
    join(root, file),
  );
  return messages.map((message) => message.message);
}

describe('the layering rule', () => {
  it('lets renderer and preload import main/contract only', () => {
    expect(
      lint(
        'renderer/src/ok.ts',
        "import { STEPS } from '../../main/contract/types.ts';\nexport const s = STEPS;\n",
      ),
    ).toEqual([]);
    expect(
      lint(
        'renderer/src/bad.ts',
        "import type { read } from '../../main/app/services.ts';\nexport type R = typeof read;\n",
      ),
    ).toEqual([
      'renderer/ may import from main/ only main/contract/**, the layer both sides share (found main/app/services.ts).',
    ]);
    expect(lint('preload/bad.ts', "export { read } from '../main/app/services.ts';\n")).toEqual([
      'preload/ may import from main/ only main/contract/**, the layer both sides share (found main/app/services.ts).',
    ]);
  });

  it('keeps zod and Node out of the renderer bundle, through any number of value imports', () => {
    expect(
      lint(
        'renderer/src/types-only.ts',
        "import type { CardSchema } from '../../main/contract/schemas.ts';\nexport type S = typeof CardSchema;\n",
      ),
    ).toEqual([]);
    expect(
      lint(
        'renderer/src/inline-types.ts',
        "import { type CardSchema } from '../../main/contract/derived.ts';\nexport type S = typeof CardSchema;\n",
      ),
    ).toEqual([]);
    expect(
      lint(
        'renderer/src/schema.ts',
        "import { CardSchema } from '../../main/contract/derived.ts';\nexport const s = CardSchema;\n",
      ),
    ).toEqual([
      'This import brings zod into the renderer bundle (renderer/src/schema.ts -> main/contract/derived.ts -> main/contract/schemas.ts). Import only its types (`import type`), or move the value into a module without it.',
    ]);
    expect(lint('renderer/src/direct.ts', "import { z } from 'zod';\nexport const s = z;\n")).toEqual([
      'This import brings zod into the renderer bundle (renderer/src/direct.ts -> zod). Import only its types (`import type`), or move the value into a module without it.',
    ]);
    expect(lint('renderer/src/node.ts', "export const m = import('../../main/app/services.ts');\n")).toEqual([
      'renderer/ may import from main/ only main/contract/**, the layer both sides share (found main/app/services.ts).',
      'This import brings a Node module into the renderer bundle (renderer/src/node.ts -> main/app/services.ts). Import only its types (`import type`), or move the value into a module without it.',
    ]);
  });

  it('lets the contract import only itself and zod', () => {
    expect(
      lint(
        'main/contract/fine.ts',
        "import { z } from 'zod';\nimport type { Card } from './types.ts';\nexport const c = z;\nexport type C = Card;\n",
      ),
    ).toEqual([]);
    expect(
      lint(
        'main/contract/escape.ts',
        "import { read } from '../app/services.ts';\nimport { useState } from 'react';\nexport const r = [read, useState];\n",
      ),
    ).toEqual([
      'main/contract/ imports nothing else from the repository and no package but zod (found main/app/services.ts).',
      'main/contract/ imports nothing else from the repository and no package but zod (found react).',
    ]);
  });

  it('keeps the sandbox to the demo wiring, tests and benchmarks', () => {
    write({ 'main/sandbox/index.ts': 'export const startSandbox = 1;\n' });
    const code = "import { startSandbox } from '../sandbox/index.ts';\nexport const s = startSandbox;\n";
    expect(lint('main/app/demo-sandbox.ts', code)).toEqual([]);
    expect(lint('main/telegram/endpoints.ts', code)).toEqual([
      'Only the demo wiring (main/app/demo-sandbox.ts), tests and benchmarks import the sandbox (found main/sandbox/index.ts); give the product its address and key as data.',
    ]);
    expect(
      lint(
        'test/app/uses-sandbox.test.ts',
        "import { startSandbox } from '../../main/sandbox/index.ts';\nexport const s = startSandbox;\n",
      ),
    ).toEqual([]);
  });

  it('reports an import cycle, type imports included, from either side', () => {
    const cycle =
      'Import cycle: main/a/first.ts -> main/a/second.ts -> main/a/first.ts. Give one side the narrow piece it needs instead.';
    expect(
      lint('main/a/first.ts', "import { second } from './second.ts';\nexport const first = second;\n"),
    ).toEqual([cycle]);
    expect(
      lint(
        'main/a/second.ts',
        "import type { first } from './first.ts';\nexport const second = 1;\nexport type F = typeof first;\n",
      ),
    ).toEqual([
      'Import cycle: main/a/second.ts -> main/a/first.ts -> main/a/second.ts. Give one side the narrow piece it needs instead.',
    ]);
    // The narrow piece: second no longer imports first, and the cycle is gone.
    expect(lint('main/a/second.ts', 'export const second = 1;\n')).toEqual([]);
    expect(
      lint('main/a/first.ts', "import { second } from './second.ts';\nexport const first = second;\n"),
    ).toEqual([]);
  });
});
