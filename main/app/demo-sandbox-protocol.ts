import { z } from 'zod';

/**
 * Messages between main and the demo sandbox host (demo-sandbox-host.ts): main asks it to start on the
 * demo's data folder and later to close; the host answers with the DCs' ports and the server's public key,
 * and sends its log lines. Main validates everything it receives (HostMessageSchema).
 */
export type DemoSandboxRequest =
  { readonly kind: 'start'; readonly dataDir: string } | { readonly kind: 'close' };

const LogLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);

export const DemoSandboxHostMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('ready'),
    pid: z.number().int().positive(),
    /** DC id -> TCP port on 127.0.0.1. */
    ports: z.record(z.string().regex(/^\d+$/), z.number().int().min(1).max(65_535)),
    publicKeyPem: z.string().startsWith('-----BEGIN '),
  }),
  z.strictObject({ kind: z.literal('log'), level: LogLevelSchema, message: z.string().max(2_000) }),
  z.strictObject({ kind: z.literal('failed'), message: z.string().max(2_000) }),
  z.strictObject({ kind: z.literal('closed') }),
]);
export type DemoSandboxHostMessage = z.infer<typeof DemoSandboxHostMessageSchema>;
