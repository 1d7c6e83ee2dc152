/**
 * The bounds of a custom server profile, shared by the contract's schema (server-profile.ts) and the
 * renderer's form, which checks them without bundling zod.
 */
export const CUSTOM_PROFILE_LIMITS = {
  nameLength: { min: 1, max: 64 },
  dcCount: { min: 1, max: 16 },
  dcId: { min: 1, max: 1000 },
  hostLength: { min: 1, max: 253 },
  port: { min: 1, max: 65535 },
} as const;

export const PUBLIC_KEY_PEM_PATTERN = /-----BEGIN (RSA )?PUBLIC KEY-----/;
