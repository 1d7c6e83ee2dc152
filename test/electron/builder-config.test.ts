import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
// electron-builder's own loader and schema check (its app-builder-lib, pinned by electron-builder's exact
// version in the lockfile), run without packaging, which would need the Electron binary.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema", async () => {
    const config = await getConfig(ROOT, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is what electron-builder loads, and the schema check is not a no-op', async () => {
    const config = await getConfig(ROOT, null, null);
    expect(config.appId).toBe('app.switchboard.desktop');
    expect(config.productName).toBe('Switchboard');
    const typo = { ...config, electronFuses: { runAsNod: false } } as unknown as typeof config;
    await expect(validateConfiguration(typo, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('packs only the built bundles and package.json, and unpacks keytar', async () => {
    const config = await getConfig(ROOT, null, null);
    expect(config.directories).toEqual({ output: 'dist', buildResources: 'build' });
    // getConfig normalises the list into one FileSet.
    expect(config.files).toEqual([{ filter: ['out/**', '!out/**/*.map', 'package.json'] }]);
    expect(config.asarUnpack).toEqual(['**/node_modules/keytar/**/*.node']);
  });

  it('turns off the fuses that would let the binary run as Node or be inspected', async () => {
    const { electronFuses } = await getConfig(ROOT, null, null);
    expect(electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
