import { createPrivateKey, createPublicKey } from 'node:crypto';

/**
 * What must be true before a release is published, per OS (GitHub's runner.os). Each rule closes a way for
 * an installed app to take an update nobody signed:
 * - Windows: electron-updater checks an update's publisher only when the installed build is signed, so an
 *   unsigned release would teach every install to accept unsigned updates.
 * - macOS: Squirrel.Mac installs only code-signed updates, and Gatekeeper wants them notarized.
 * - Linux: the app installs an update only with an Ed25519 signature by the key whose public half it ships
 *   (main/update/update-signature.ts), so the release needs that private key, and the two must match.
 * scripts/check-release.ts runs it in .github/workflows/release.yml before electron-builder.
 */
export type RunnerOs = 'Windows' | 'macOS' | 'Linux';

export interface ReleaseInput {
  readonly os: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** build/update-signing-key.pem, undefined when the repository has none. */
  readonly shippedPublicKeyPem: string | undefined;
}

const NOTARIZATION_SETS: readonly (readonly string[])[] = [
  ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
  ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  ['APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE'],
];

/** Why this release must not be published; empty when it may. */
export function releaseGateProblems(input: ReleaseInput): string[] {
  const has = (name: string): boolean => (input.env[name] ?? '').trim() !== '';
  switch (input.os) {
    case 'Windows':
      return has('WIN_CSC_LINK')
        ? []
        : [
            'Windows: WIN_CSC_LINK is not set. An unsigned installer would make every installed copy accept unsigned updates; add the code-signing certificate (WIN_CSC_LINK, WIN_CSC_KEY_PASSWORD) to the repository secrets.',
          ];
    case 'macOS': {
      const problems: string[] = [];
      if (!has('CSC_LINK'))
        problems.push(
          'macOS: CSC_LINK is not set. Squirrel.Mac installs only code-signed updates; add the Developer ID certificate (CSC_LINK, CSC_KEY_PASSWORD).',
        );
      if (!NOTARIZATION_SETS.some((set) => set.every(has)))
        problems.push(
          `macOS: no notarization credentials. Set one of: ${NOTARIZATION_SETS.map((set) => set.join(' + ')).join('; or ')}.`,
        );
      return problems;
    }
    case 'Linux':
      return linuxProblems(input);
    default:
      return [`${input.os}: Switchboard is released only from Windows, macOS and Linux runners.`];
  }
}

function linuxProblems(input: ReleaseInput): string[] {
  const privatePem = input.env.UPDATE_SIGNING_KEY ?? '';
  if (privatePem.trim() === '')
    return [
      'Linux: UPDATE_SIGNING_KEY is not set. Installed copies install a Linux update only with its Ed25519 release signature; add the private key to the repository secrets.',
    ];
  if (input.shippedPublicKeyPem === undefined)
    return [
      'Linux: build/update-signing-key.pem is missing. Commit the public half of UPDATE_SIGNING_KEY there, or installed copies cannot check any update.',
    ];
  let privateKey;
  try {
    privateKey = createPrivateKey(privatePem);
  } catch {
    return ['Linux: UPDATE_SIGNING_KEY is not a PEM private key.'];
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') return ['Linux: UPDATE_SIGNING_KEY is not an Ed25519 key.'];
  let shipped;
  try {
    shipped = createPublicKey(input.shippedPublicKeyPem);
  } catch {
    return ['Linux: build/update-signing-key.pem is not a PEM public key.'];
  }
  const derived = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return derived.equals(shipped.export({ type: 'spki', format: 'der' }))
    ? []
    : [
        'Linux: UPDATE_SIGNING_KEY does not match build/update-signing-key.pem; installed copies would refuse every update of this release.',
      ];
}
