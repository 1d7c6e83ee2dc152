import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyLinuxUpdate, releaseFileUrl } from '../../main/update/linux-update-trust.ts';
import { checkUpdateSignature, publicKeyOf, sha512OfFile } from '../../main/update/update-signature.ts';
import { releaseGateProblems } from '../../scripts/release-gate.ts';
import { signLinuxUpdates } from '../../scripts/sign-linux-updates.ts';

/**
 * The release side of update trust: the gate that refuses to publish what installed copies could not
 * verify, and the Linux signing step, checked against the app's own verification with real keys and files.
 */
const ed25519Pem = (): string =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('releaseGateProblems', () => {
  it('refuses an unsigned Windows build and passes a signed one', () => {
    expect(releaseGateProblems({ os: 'Windows', env: {}, shippedPublicKeyPem: undefined })).toEqual([
      expect.stringContaining('Windows: WIN_CSC_LINK is not set'),
    ]);
    expect(
      releaseGateProblems({ os: 'Windows', env: { WIN_CSC_LINK: '  ' }, shippedPublicKeyPem: undefined }),
    ).toHaveLength(1);
    expect(
      releaseGateProblems({
        os: 'Windows',
        env: { WIN_CSC_LINK: 'MIIK...' },
        shippedPublicKeyPem: undefined,
      }),
    ).toEqual([]);
  });

  it('refuses macOS without the Developer ID or without a full set of notarization credentials', () => {
    const mac = (env: Record<string, string>): string[] =>
      releaseGateProblems({ os: 'macOS', env, shippedPublicKeyPem: undefined });
    expect(mac({})).toEqual([
      expect.stringContaining('macOS: CSC_LINK is not set'),
      expect.stringContaining('macOS: no notarization credentials'),
    ]);
    expect(mac({ CSC_LINK: 'p12', APPLE_ID: 'a@b.c', APPLE_TEAM_ID: 'T' })).toEqual([
      expect.stringContaining('no notarization credentials'),
    ]);
    expect(
      mac({ CSC_LINK: 'p12', APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'x', APPLE_TEAM_ID: 'T' }),
    ).toEqual([]);
    expect(mac({ CSC_LINK: 'p12', APPLE_KEYCHAIN: 'k', APPLE_KEYCHAIN_PROFILE: 'p' })).toEqual([]);
  });

  it('refuses Linux without the signing key, without the shipped public key, or when the two differ', () => {
    const key = ed25519Pem();
    const linux = (env: Record<string, string>, shipped: string | undefined): string[] =>
      releaseGateProblems({ os: 'Linux', env, shippedPublicKeyPem: shipped });
    expect(linux({}, publicKeyOf(key))).toEqual([expect.stringContaining('UPDATE_SIGNING_KEY is not set')]);
    expect(linux({ UPDATE_SIGNING_KEY: key }, undefined)).toEqual([
      expect.stringContaining('build/update-signing-key.pem is missing'),
    ]);
    expect(linux({ UPDATE_SIGNING_KEY: key }, publicKeyOf(ed25519Pem()))).toEqual([
      expect.stringContaining('does not match build/update-signing-key.pem'),
    ]);
    expect(linux({ UPDATE_SIGNING_KEY: 'not a key' }, publicKeyOf(key))).toEqual([
      'Linux: UPDATE_SIGNING_KEY is not a PEM private key.',
    ]);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(linux({ UPDATE_SIGNING_KEY: rsa }, publicKeyOf(key))).toEqual([
      'Linux: UPDATE_SIGNING_KEY is not an Ed25519 key.',
    ]);
    expect(linux({ UPDATE_SIGNING_KEY: key }, publicKeyOf(key))).toEqual([]);
  });

  it('refuses a runner that is none of the three', () => {
    expect(releaseGateProblems({ os: 'unknown', env: {}, shippedPublicKeyPem: undefined })).toHaveLength(1);
  });
});

describe('signLinuxUpdates and the app that installs what it signed', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-release-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('signs each AppImage and deb, and the app verifies exactly those bytes for exactly that version', async () => {
    const key = ed25519Pem();
    const appImage = 'Switchboard-2.0.0-x86_64.AppImage';
    const deb = 'switchboard_2.0.0_amd64.deb';
    await writeFile(join(dir, appImage), 'appimage bytes');
    await writeFile(join(dir, deb), 'deb bytes');
    await writeFile(join(dir, 'latest-linux.yml'), 'version: 2.0.0');
    expect(await signLinuxUpdates(dir, '2.0.0', key)).toEqual([
      join(dir, `${appImage}.sig`),
      join(dir, `${deb}.sig`),
    ]);

    // The release as the app downloads it: the signature files served at their release URLs.
    const served = new Map<string, string>();
    for (const name of [appImage, deb])
      served.set(releaseFileUrl('2.0.0', `${name}.sig`), await readFile(join(dir, `${name}.sig`), 'utf8'));
    const files = [
      { url: appImage, sha512: await sha512OfFile(join(dir, appImage)) },
      { url: deb, sha512: await sha512OfFile(join(dir, deb)) },
    ];
    const deps = {
      publicKeyPem: publicKeyOf(key),
      hashFile: sha512OfFile,
      fetchText: (url: string) => Promise.resolve(served.get(url) ?? ''),
    };
    for (const name of [appImage, deb]) {
      expect(
        await verifyLinuxUpdate({ version: '2.0.0', downloadedFile: join(dir, name), files }, deps),
      ).toEqual({ ok: true });
    }

    // The same signature does not vouch for changed bytes or for another version.
    const sig = served.get(releaseFileUrl('2.0.0', `${appImage}.sig`)) ?? '';
    const tampered = { version: '2.0.0', sha512: await sha512OfFile(join(dir, deb)) };
    expect(checkUpdateSignature(tampered, sig, publicKeyOf(key))).toEqual({
      ok: false,
      reason: 'the signature does not match',
    });
    expect(
      checkUpdateSignature({ version: '2.0.1', sha512: files[0]?.sha512 ?? '' }, sig, publicKeyOf(key)),
    ).toEqual({
      ok: false,
      reason: 'the signature does not match',
    });
  });

  it('names the release file in the signature URL safely, whatever the metadata says', () => {
    expect(releaseFileUrl('1.0.0', '../../evil?x=1.sig')).toBe(
      'https://github.com/switchboard-app/switchboard/releases/download/v1.0.0/..%2F..%2Fevil%3Fx%3D1.sig',
    );
  });

  it('refuses a shipped key that is not Ed25519', () => {
    const rsaPublic = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(checkUpdateSignature({ version: '1', sha512: 'x' }, 'A'.repeat(88), rsaPublic)).toEqual({
      ok: false,
      reason: 'the shipped key is not Ed25519',
    });
  });
});
