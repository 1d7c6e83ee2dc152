import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
// electron-builder's own loader and schema check (its app-builder-lib, pinned by electron-builder's exact
// version in the lockfile), run without packaging, which would need the Electron binary.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { RELEASE_OWNER, RELEASE_REPO, SHIPPED_KEY_FILE } from '../../main/update/linux-update-trust.ts';

type Configuration = Awaited<ReturnType<typeof getConfig>>;

const ROOT = join(import.meta.dirname, '../..');

let config: Configuration;
beforeAll(async () => {
  config = await getConfig(ROOT, null, null);
});

/** A section of the loaded configuration as plain JSON, to compare with toEqual. */
const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null)) as unknown;

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is what electron-builder loads, and the schema check is not a no-op', async () => {
    expect(config.appId).toBe('app.switchboard.desktop');
    expect(config.productName).toBe('Switchboard');
    const typo = { ...config, electronFuses: { runAsNod: false } } as unknown as Configuration;
    await expect(validateConfiguration(typo, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
    const badNsis = { ...config, nsis: { oneClick: 'no' } } as unknown as Configuration;
    await expect(validateConfiguration(badNsis, new DebugLogger(false))).rejects.toThrow(/oneClick/);
  });

  it('packs only the built bundles and package.json, and unpacks keytar rebuilt for Electron', () => {
    expect(config.directories).toEqual({ output: 'dist', buildResources: 'build' });
    // getConfig normalises the list into one FileSet.
    expect(config.files).toEqual([{ filter: ['out/**', '!out/**/*.map', 'package.json'] }]);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/node_modules/keytar/**/*.node']);
    // @electron/rebuild compiles keytar against Electron's ABI before packing.
    expect(config.npmRebuild).toBe(true);
    // From source: a prebuilt keytar would be a download the lockfile does not cover.
    expect(config.buildDependenciesFromSource).toBe(true);
  });

  it('sets every fuse: no Node mode, no NODE_OPTIONS or --inspect, asar integrity and asar only, cookie encryption', () => {
    expect(json(config.electronFuses)).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('registers no file types and no URL schemes', () => {
    expect(config.fileAssociations ?? []).toEqual([]);
    expect(config.protocols ?? []).toEqual([]);
  });
});

describe('Windows', () => {
  it('builds an NSIS installer for x64 and arm64', () => {
    expect(json(config.win?.target)).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
  });

  it('installs per user by default and lets the user choose the folder', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
    });
    expect(config.nsis?.selectPerMachineByDefault ?? false).toBe(false);
  });
});

describe('macOS', () => {
  it('builds dmgs for x64 and arm64 with the hardened runtime, notarized from the environment', () => {
    expect(json(config.mac?.target)).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(config.mac?.hardenedRuntime).toBe(true);
    // true: @electron/notarize runs after signing when APPLE_* credentials are in the environment.
    expect(config.mac?.notarize).toBe(true);
  });

  it('grants the app and its helpers only allow-jit', () => {
    expect(config.mac?.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.mac?.entitlementsInherit).toBe('build/entitlements.mac.plist');
    const plist = readFileSync(join(ROOT, 'build/entitlements.mac.plist'), 'utf8').replace(
      /<!--[\s\S]*?-->/g,
      '',
    );
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map(
      (m) => `${m[1] ?? ''}=${m[2] ?? ''}`,
    );
    expect(keys).toEqual(['com.apple.security.cs.allow-jit=true']);
    expect(plist.match(/<key>/g)).toHaveLength(1);
  });
});

describe('Linux', () => {
  it('builds an AppImage and a deb', () => {
    expect(json(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux?.executableName).toBe('switchboard');
    expect(config.linux?.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
  });

  it("makes the deb depend on libsecret (keytar's keychain) and keeps electron-builder's defaults", () => {
    const scheme = z
      .object({
        definitions: z.object({
          DebOptions: z.object({
            properties: z.object({ depends: z.object({ default: z.array(z.string()) }) }),
          }),
        }),
      })
      .parse(JSON.parse(readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')));
    const defaults = scheme.definitions.DebOptions.properties.depends.default;
    const depends = config.deb?.depends ?? [];
    expect(depends).toContain('libsecret-1-0');
    expect(depends).toEqual(expect.arrayContaining(defaults));
  });
});

describe('icons', () => {
  it('points every platform at the generated icons in build/', () => {
    expect(config.mac?.icon).toBe('build/icon.icns');
    expect(config.win?.icon).toBe('build/icon.ico');
    expect(config.linux?.icon).toBe('build/icons');
    for (const path of ['build/icon.icns', 'build/icon.ico', 'build/icon.png', 'build/icons/512x512.png']) {
      expect(existsSync(join(ROOT, path)), path).toBe(true);
    }
  });
});

describe('publishing and auto-update metadata', () => {
  const pkg = z
    .object({
      homepage: z.string(),
      repository: z.object({ type: z.literal('git'), url: z.string() }),
      author: z.object({ name: z.string(), email: z.string() }),
    })
    .parse(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')));

  it('publishes to the GitHub releases of the repository package.json names (latest*.yml come with it)', () => {
    expect(json(config.publish)).toEqual({
      provider: 'github',
      owner: 'switchboard-app',
      repo: 'switchboard',
      releaseType: 'draft',
    });
    expect(pkg.repository.url).toBe('git+https://github.com/switchboard-app/switchboard.git');
    // The deb's control file needs a homepage and a maintainer with an email.
    expect(pkg.homepage).toBe('https://github.com/switchboard-app/switchboard');
    expect(pkg.author.email).toMatch(/@/);
  });

  it('downloads Linux update signatures from the same releases it publishes to', () => {
    expect(json(config.publish)).toMatchObject({ owner: RELEASE_OWNER, repo: RELEASE_REPO });
  });

  it('ships the Linux update signing key, when the repository has one, under the name the app reads', () => {
    expect(json(config.linux?.extraResources)).toEqual([
      { from: 'build', to: '.', filter: [SHIPPED_KEY_FILE] },
    ]);
  });
});
