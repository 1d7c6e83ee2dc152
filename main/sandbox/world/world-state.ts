import { z } from 'zod';
import { AuthKeyRecord, type AuthKeyStore } from '../mtproto/auth-keys.ts';
import { Account } from './accounts.ts';
import type { SandboxWorld } from './world.ts';
import { rungSchema } from './world-file.ts';

/**
 * What a sandbox has learnt while it ran, as JSON: the accounts (those signed up or first used since
 * included), the auth keys each DC knows, which key is signed in as whom, the future auth tokens and the
 * flood windows. Saved and loaded again, it lets the demo's accounts stay signed in across a restart of
 * the demo. It is the sandbox's own made-up data: no user's secret is ever in it. Codes in flight and
 * QR tokens are not kept (they live for minutes).
 */
const decimal = z.string().regex(/^-?\d{1,20}$/);
const hex = z.string().regex(/^(?:[0-9a-f]{2})*$/);
const dcId = z.int().min(1).max(1000);
const ms = z.number();

const AccountStateSchema = z.strictObject({
  id: decimal,
  phone: z.string().regex(/^\d{1,20}$/),
  homeDc: dcId,
  registered: z.boolean(),
  firstName: z.string().max(128),
  lastName: z.string().max(128),
  username: z.string().max(64).nullable(),
  twoFactor: z
    .strictObject({ salt1: hex, salt2: hex, verifier: hex, hint: z.string().max(256).nullable() })
    .nullable(),
  loginEmail: z.string().max(254).nullable(),
  banned: z.boolean(),
  acceptedTerms: z.array(z.string().max(256)),
  lastMessageId: z.int().min(0),
  pts: z.int().min(0),
  delivery: z.strictObject({
    fixedCode: z.string().max(32).nullable(),
    codeLength: z.int().min(1).max(32),
    ladder: z.array(rungSchema),
    codeTtlSeconds: z.int().min(1),
  }),
});

const ClientInfoSchema = z.strictObject({
  apiId: z.int(),
  deviceModel: z.string(),
  systemVersion: z.string(),
  appVersion: z.string(),
  systemLangCode: z.string(),
  langCode: z.string(),
});

const AuthKeyStateSchema = z.strictObject({
  id: decimal,
  dcId,
  key: hex,
  salt: decimal,
  createdAtMs: ms,
  lastActiveAtMs: ms,
  layer: z.int().nullable(),
  clientInfo: ClientInfoSchema.nullable(),
});

const KeyRefSchema = z.strictObject({ dcId, authKeyId: decimal });

const LimiterStateSchema = z.array(z.strictObject({ key: z.string(), at: z.array(ms) }));

export const WorldStateSchema = z.strictObject({
  version: z.literal(1),
  accounts: z.array(AccountStateSchema),
  authKeys: z.array(AuthKeyStateSchema),
  signedIn: z.array(z.strictObject({ key: KeyRefSchema, userId: decimal, signedInAtMs: ms })),
  revoked: z.array(z.strictObject({ key: KeyRefSchema, reason: z.literal('SESSION_REVOKED') })),
  futureAuthTokens: z.array(z.strictObject({ token: hex, userId: decimal, expiresAtMs: ms })),
  limits: z.strictObject({
    codesSent: LimiterStateSchema,
    wrongCodes: LimiterStateSchema,
    wrongPasswords: LimiterStateSchema,
  }),
});
export type WorldState = z.infer<typeof WorldStateSchema>;

const toHex = (bytes: Buffer): string => bytes.toString('hex');
const fromHex = (text: string): Buffer => Buffer.from(text, 'hex');

export function captureWorldState(world: SandboxWorld, keyStores: Iterable<AuthKeyStore>): WorldState {
  const authKeys = [...keyStores].flatMap((store) =>
    [...store.all()].map((record) => ({
      id: String(record.id),
      dcId: record.dcId,
      key: toHex(record.key),
      salt: String(record.salt),
      createdAtMs: record.createdAtMs,
      lastActiveAtMs: record.lastActiveAtMs,
      layer: record.layer ?? null,
      clientInfo: record.clientInfo ?? null,
    })),
  );
  const keyRef = (key: { dcId: number; authKeyId: bigint }): z.infer<typeof KeyRefSchema> => ({
    dcId: key.dcId,
    authKeyId: String(key.authKeyId),
  });
  return {
    version: 1,
    accounts: world.accounts.all().map((account) => ({
      id: String(account.id),
      phone: account.phone,
      homeDc: account.homeDc,
      registered: account.registered,
      firstName: account.firstName,
      lastName: account.lastName,
      username: account.username ?? null,
      twoFactor: account.twoFactor
        ? {
            salt1: toHex(account.twoFactor.verifier.salt1),
            salt2: toHex(account.twoFactor.verifier.salt2),
            verifier: toHex(account.twoFactor.verifier.verifier),
            hint: account.twoFactor.hint ?? null,
          }
        : null,
      loginEmail: account.loginEmail ?? null,
      banned: account.banned,
      acceptedTerms: [...account.acceptedTerms],
      lastMessageId: account.lastMessageId,
      pts: account.pts,
      delivery: {
        fixedCode: account.delivery.fixedCode ?? null,
        codeLength: account.delivery.codeLength,
        ladder: [...account.delivery.ladder],
        codeTtlSeconds: account.delivery.codeTtlSeconds,
      },
    })),
    authKeys,
    signedIn: world.authorizations.entries().map((record) => ({
      key: keyRef(record.key),
      userId: String(record.userId),
      signedInAtMs: record.signedInAtMs,
    })),
    revoked: world.authorizations.revokedEntries().map(({ key, reason }) => ({ key: keyRef(key), reason })),
    futureAuthTokens: world.futureAuthTokens.entries().map((entry) => ({
      token: toHex(entry.token),
      userId: String(entry.userId),
      expiresAtMs: entry.expiresAtMs,
    })),
    limits: {
      codesSent: world.limits.codesSent.entries(),
      wrongCodes: world.limits.wrongCodes.entries(),
      wrongPasswords: world.limits.wrongPasswords.entries(),
    },
  };
}

/**
 * Loads a saved state into a new world (before any client connects). Accounts the world already has
 * (from its world file) take their saved form; keys of DCs that are not running are dropped.
 */
export function restoreWorldState(
  world: SandboxWorld,
  keyStores: ReadonlyMap<number, AuthKeyStore>,
  state: WorldState,
): void {
  for (const saved of state.accounts) {
    // A world file that now gives this id to another number wins over the saved account.
    const holder = world.accounts.byId(BigInt(saved.id));
    if (holder !== undefined && holder.phone !== saved.phone) continue;
    const account = new Account(
      BigInt(saved.id),
      saved.phone,
      saved.homeDc,
      {
        registered: saved.registered,
        firstName: saved.firstName,
        lastName: saved.lastName,
        username: saved.username ?? undefined,
        twoFactor: saved.twoFactor
          ? {
              verifier: {
                salt1: fromHex(saved.twoFactor.salt1),
                salt2: fromHex(saved.twoFactor.salt2),
                verifier: fromHex(saved.twoFactor.verifier),
              },
              hint: saved.twoFactor.hint ?? undefined,
            }
          : undefined,
        loginEmail: saved.loginEmail ?? undefined,
        banned: saved.banned,
      },
      {
        fixedCode: saved.delivery.fixedCode ?? undefined,
        codeLength: saved.delivery.codeLength,
        ladder: saved.delivery.ladder,
        codeTtlSeconds: saved.delivery.codeTtlSeconds,
      },
    );
    for (const terms of saved.acceptedTerms) account.acceptedTerms.add(terms);
    account.lastMessageId = saved.lastMessageId;
    account.pts = saved.pts;
    world.accounts.replace(account);
  }
  for (const saved of state.authKeys) {
    const store = keyStores.get(saved.dcId);
    if (!store) continue;
    const record = new AuthKeyRecord(
      BigInt(saved.id),
      fromHex(saved.key),
      saved.dcId,
      BigInt(saved.salt),
      saved.createdAtMs,
    );
    record.lastActiveAtMs = saved.lastActiveAtMs;
    record.layer = saved.layer ?? undefined;
    record.clientInfo = saved.clientInfo ?? undefined;
    store.add(record);
  }
  const keyRef = (key: z.infer<typeof KeyRefSchema>): { dcId: number; authKeyId: bigint } => ({
    dcId: key.dcId,
    authKeyId: BigInt(key.authKeyId),
  });
  for (const saved of state.signedIn) {
    world.authorizations.bind(keyRef(saved.key), BigInt(saved.userId), saved.signedInAtMs);
  }
  for (const saved of state.revoked) world.authorizations.markRevoked(keyRef(saved.key), saved.reason);
  world.futureAuthTokens.restore(
    state.futureAuthTokens.map((saved) => ({
      token: fromHex(saved.token),
      userId: BigInt(saved.userId),
      expiresAtMs: saved.expiresAtMs,
    })),
  );
  world.limits.codesSent.restore(state.limits.codesSent);
  world.limits.wrongCodes.restore(state.limits.wrongCodes);
  world.limits.wrongPasswords.restore(state.limits.wrongPasswords);
}
