import type { ServerProfile, ServerProfileKind } from '../../../main/contract/server-profile.ts';

/** The server choices as the Settings radio group names them. */
export const PROFILE_OPTIONS: readonly { kind: ServerProfileKind; label: string; description: string }[] = [
  { kind: 'production', label: 'Telegram', description: 'Real Telegram accounts.' },
  {
    kind: 'test',
    label: 'Telegram test servers',
    description: "Telegram's test servers, for test accounts with numbers like +999 66 2 1234.",
  },
  {
    kind: 'sandbox',
    label: 'Sandbox demo',
    description: 'A practice server inside this app with made-up accounts; nothing reaches Telegram.',
  },
  {
    kind: 'custom',
    label: 'Custom server',
    description: 'Any MTProto server, by its addresses and RSA key.',
  },
];

export function profileLabel(profile: ServerProfile): string {
  if (profile.kind === 'custom') return `Custom server "${profile.name}"`;
  return PROFILE_OPTIONS.find((option) => option.kind === profile.kind)?.label ?? profile.kind;
}

/** The header badge's text; null on production Telegram, where there is nothing to warn about. */
export function badgeText(profile: ServerProfile): string | null {
  switch (profile.kind) {
    case 'production':
      return null;
    case 'test':
      return 'Test servers';
    case 'sandbox':
      return 'Sandbox demo';
    case 'custom':
      return `Custom: ${profile.name}`;
  }
}
