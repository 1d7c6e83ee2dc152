import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testTiers } from '../../scripts/test-tiers.ts';

/** `npm run test:fast` takes the test files whose imports reach none of the slow real parts. */
const root = mkdtempSync(join(tmpdir(), 'switchboard-tiers-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});
const files: Record<string, string> = {
  'main/sandbox/index.ts': "import { createServer } from 'node:net';\nexport const s = createServer;\n",
  'main/auth/machine.ts': 'export const step = 1;\n',
  'main/auth/uses-sandbox.ts': "import { s } from '../sandbox/index.ts';\nexport const u = s;\n",
  'test/pure.test.ts':
    "import { step } from '../main/auth/machine.ts';\nimport type { u } from '../main/auth/uses-sandbox.ts';\nexport const t = [step];\nexport type U = typeof u;\n",
  'test/through.test.ts': "import { u } from '../main/auth/uses-sandbox.ts';\nexport const t = u;\n",
  'test/spawns.test.ts': "import { spawn } from 'node:child_process';\nexport const t = spawn;\n",
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('testTiers', () => {
  it('keeps a test fast when it reaches the slow parts by type only, and says why the others are slow', () => {
    const tiers = testTiers(root, ['test/pure.test.ts', 'test/through.test.ts', 'test/spawns.test.ts']);
    expect(tiers.fast).toEqual(['test/pure.test.ts']);
    expect(tiers.slow).toEqual([
      {
        file: 'test/through.test.ts',
        because: ['test/through.test.ts', 'main/auth/uses-sandbox.ts', 'main/sandbox/index.ts'],
      },
      { file: 'test/spawns.test.ts', because: ['test/spawns.test.ts'] },
    ]);
  });
});
