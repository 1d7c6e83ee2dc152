import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

/**
 * package-lock.json is what `npm ci` installs: it must be lockfile v3, agree exactly with package.json
 * (npm ci refuses a lockfile that does not), and pin every package to a registry.npmjs.org tarball with
 * its integrity hash, so every install (CI, a release build, a newcomer's) gets the same bytes.
 */
const ROOT = join(import.meta.dirname, '../..');
const REGISTRY = 'https://registry.npmjs.org/';

const Versions = z.record(z.string(), z.string());
const ManifestSchema = z.looseObject({
  name: z.string(),
  version: z.string(),
  dependencies: Versions.optional(),
  devDependencies: Versions.optional(),
  optionalDependencies: Versions.optional(),
  peerDependencies: Versions.optional(),
  allowScripts: z.record(z.string(), z.boolean()).optional(),
});
const LockedPackageSchema = z.looseObject({
  version: z.string().optional(),
  resolved: z.string().optional(),
  integrity: z.string().optional(),
  link: z.boolean().optional(),
  name: z.string().optional(),
  hasInstallScript: z.boolean().optional(),
});
const LockfileSchema = z.looseObject({
  name: z.string(),
  version: z.string(),
  lockfileVersion: z.number(),
  packages: z.record(z.string(), LockedPackageSchema),
});

const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')));
const lockfile = LockfileSchema.parse(JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')));
const root = ManifestSchema.partial({ name: true, version: true }).parse(lockfile.packages['']);
const installed = Object.entries(lockfile.packages).filter(([path]) => path !== '');

/** `node_modules/a/node_modules/@s/b` is the package `@s/b` (unless the entry names an alias's target). */
function packageName(path: string, entry: z.infer<typeof LockedPackageSchema>): string {
  return entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/** Where npm publishes `name@version`: https://registry.npmjs.org/@s/b/-/b-1.2.3.tgz */
function tarballUrl(name: string, version: string): string {
  return `${REGISTRY}${name}/-/${name.split('/').at(-1) ?? name}-${version}.tgz`;
}

describe('package-lock.json', () => {
  it('is lockfile version 3, for this package', () => {
    expect(lockfile.lockfileVersion).toBe(3);
    expect(lockfile.name).toBe(manifest.name);
    expect(lockfile.version).toBe(manifest.version);
    expect(root.name).toBe(manifest.name);
  });

  it("lists exactly package.json's dependencies, so npm ci reproduces it", () => {
    for (const field of [
      'dependencies',
      'devDependencies',
      'optionalDependencies',
      'peerDependencies',
    ] as const) {
      expect(root[field] ?? {}, field).toEqual(manifest[field] ?? {});
    }
  });

  it('pins every direct dependency to an exact version, and installs that version', () => {
    const direct = { ...manifest.dependencies, ...manifest.devDependencies };
    expect(Object.keys(direct).length).toBeGreaterThan(10);
    for (const [name, version] of Object.entries(direct)) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
      expect(lockfile.packages[`node_modules/${name}`]?.version, name).toBe(version);
    }
  });

  it('takes every package from registry.npmjs.org, with an integrity hash', () => {
    expect(installed.length).toBeGreaterThan(100);
    const problems: string[] = [];
    for (const [path, entry] of installed) {
      if (entry.link === true) {
        problems.push(`${path}: a link, not a registry package`);
        continue;
      }
      if (entry.version === undefined) problems.push(`${path}: no version`);
      if (!/^sha512-[A-Za-z0-9+/]{86}==$/.test(entry.integrity ?? '')) {
        problems.push(`${path}: no sha512 integrity`);
      }
      // npm leaves `resolved` out for packages from the default registry when omit-lockfile-registry-resolved
      // is set (this machine's user npmrc sets it); npm ci then fetches them from that registry. Anything
      // it does write must be the registry's own tarball: no git, file, or other-host sources.
      if (entry.resolved !== undefined && entry.version !== undefined) {
        const expected = tarballUrl(packageName(path, entry), entry.version);
        if (entry.resolved !== expected)
          problems.push(`${path}: resolved ${entry.resolved}, not ${expected}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('decides every install script: a pinned name@version where one runs, none for keytar (built from source)', () => {
    const withScripts = installed
      .filter(([, entry]) => entry.hasInstallScript === true)
      .map(([path, entry]) => ({ name: packageName(path, entry), version: entry.version }));
    expect(withScripts.map((p) => p.name)).toContain('keytar');
    const allowed = manifest.allowScripts ?? {};
    const problems: string[] = [];
    for (const { name, version } of withScripts) {
      const pinned = `${name}@${version ?? ''}`;
      // A script that runs is pinned to the locked version, so a new version is reviewed before it runs.
      if (allowed[pinned] === true) continue;
      if (allowed[name] !== false) problems.push(`${name}: neither ${pinned}: true nor ${name}: false`);
    }
    for (const [key, value] of Object.entries(allowed)) {
      if (value && !withScripts.some((p) => key === `${p.name}@${p.version ?? ''}`))
        problems.push(`${key}: allowed, but no locked package of that exact version has an install script`);
    }
    expect(problems).toEqual([]);
    // keytar's script would download a prebuilt binary the lockfile does not cover; install-deps.sh builds it.
    expect(allowed.keytar).toBe(false);
    expect(readFileSync(join(ROOT, 'scripts/install-deps.sh'), 'utf8')).toContain(
      'cd node_modules/keytar && node ../node-gyp/bin/node-gyp.js rebuild',
    );
    expect(manifest.devDependencies?.['node-gyp']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('names no registry but the default one', () => {
    const npmrc = ((): string => {
      try {
        return readFileSync(join(ROOT, '.npmrc'), 'utf8');
      } catch {
        return '';
      }
    })();
    for (const line of npmrc.match(/^\s*(@[\w-]+:)?registry\s*=.*$/gm) ?? []) {
      expect(line).toMatch(/=\s*https:\/\/registry\.npmjs\.org\/?\s*$/);
    }
  });
});
