import { z } from 'zod';

/**
 * Which MTProto servers the app talks to. Sessions of different profiles never mix: each profile has its
 * own keychain service name (see profileId).
 */
export const CustomDcSchema = z.object({
  id: z.number().int().min(1).max(1000),
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535),
});
export type CustomDc = z.infer<typeof CustomDcSchema>;

export const ServerProfileSchema = z.discriminatedUnion('kind', [
  /** Telegram's production DCs. */
  z.object({ kind: z.literal('production') }),
  /** Telegram's test DCs (test accounts, 99966XYYYY numbers). */
  z.object({ kind: z.literal('test') }),
  /** The offline sandbox DC the app runs itself (demo mode). */
  z.object({ kind: z.literal('sandbox') }),
  /** Any MTProto server: its DC addresses and the RSA public key it uses for the handshake. */
  z.object({
    kind: z.literal('custom'),
    name: z.string().min(1).max(64),
    dcs: z.array(CustomDcSchema).min(1).max(16),
    publicKeyPem: z.string().regex(/-----BEGIN (RSA )?PUBLIC KEY-----/, 'an RSA public key in PEM form'),
  }),
]);
export type ServerProfile = z.infer<typeof ServerProfileSchema>;
export type ServerProfileKind = ServerProfile['kind'];

/** A stable, filesystem- and keychain-safe name for a profile. */
export function profileId(profile: ServerProfile): string {
  switch (profile.kind) {
    case 'production':
    case 'test':
    case 'sandbox':
      return profile.kind;
    case 'custom':
      return `custom-${profile.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  }
}
