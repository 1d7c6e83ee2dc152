import { z } from 'zod';
import { CUSTOM_PROFILE_LIMITS as L, PUBLIC_KEY_PEM_PATTERN } from './server-profile-limits.ts';

/**
 * Which MTProto servers the app talks to. Sessions of different profiles never mix: each profile has its
 * own keychain service names (main/vault/profile-id.ts).
 */
export const CustomDcSchema = z.object({
  id: z.number().int().min(L.dcId.min).max(L.dcId.max),
  host: z.string().min(L.hostLength.min).max(L.hostLength.max),
  port: z.number().int().min(L.port.min).max(L.port.max),
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
    name: z.string().min(L.nameLength.min).max(L.nameLength.max),
    dcs: z.array(CustomDcSchema).min(L.dcCount.min).max(L.dcCount.max),
    publicKeyPem: z.string().regex(PUBLIC_KEY_PEM_PATTERN, 'an RSA public key in PEM form'),
  }),
]);
export type ServerProfile = z.infer<typeof ServerProfileSchema>;
export type ServerProfileKind = ServerProfile['kind'];
