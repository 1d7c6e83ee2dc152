import { warmUpPqPrimes } from './crypto/pq-primes.ts';
import { loadServerRsaKey } from './crypto/rsa.ts';
import { SANDBOX_RSA_PRIVATE_KEY_PEM } from './crypto/sandbox-rsa-key.ts';
import { systemClock, type Clock } from './clock.ts';
import { DcServer, emptyStats } from './dc-server.ts';
import { FaultPlan } from './faults.ts';
import { AuthKeyStore } from './mtproto/auth-keys.ts';
import { DEFAULT_DC_LIMITS, type DcLimits, type DcStats } from './mtproto/client-connection.ts';
import { ServerMessageIds } from './mtproto/message-ids.ts';
import { registerAccountMethods } from './rpc/account.ts';
import { registerAuthMethods } from './rpc/auth.ts';
import { registerHelpMethods } from './rpc/help.ts';
import { registerUpdatesMethods } from './rpc/updates.ts';
import { registerUsersMethods } from './rpc/users.ts';
import { RpcRouter } from './rpc/router.ts';
import { registerSandboxRsaKey, sandboxConnection, type GramConnectionClass } from './client-seams.ts';
import { SandboxTopology } from './world/topology.ts';
import { SandboxWorld } from './world/world.ts';
import { parseWorldFile, type WorldFileInput } from './world/world-file.ts';
import { captureWorldState, restoreWorldState, type WorldState } from './world/world-state.ts';

export { registerSandboxRsaKey, sandboxConnection } from './client-seams.ts';
export type { GramConnectionClass } from './client-seams.ts';
export { ManualClock, systemClock, type Clock } from './clock.ts';
export type { FaultPlan, RpcFault, HandshakeFault } from './faults.ts';
export { SandboxWorld, type LoginResult } from './world/world.ts';
export { WorldStateSchema, type WorldState } from './world/world-state.ts';
export type { Account } from './world/accounts.ts';
export { DEFAULT_DC_LIMITS, type DcLimits } from './mtproto/client-connection.ts';
export type { Outbox, OutboxEntry, OutboxKind } from './world/outbox.ts';
export {
  loadWorldFile,
  parseWorldFile,
  WorldFileError,
  DEFAULT_LADDER,
  type AccountSpec,
  type DeliveryRung,
  type RungType,
  type WorldFile,
  type WorldFileInput,
  type WorldSettings,
  type WorldSettingsInput,
} from './world/world-file.ts';

export const DEFAULT_DC_IDS: readonly number[] = [1, 2, 3, 4, 5];

export interface SandboxOptions {
  /** Which DCs to run, each on its own listener; default 1 to 5. */
  readonly dcIds?: readonly number[];
  /** Fixed ports per DC; any DC left out listens on an ephemeral port. */
  readonly ports?: Readonly<Record<number, number>>;
  /** The world's clock (code TTLs, flood windows); default the system clock. */
  readonly clock?: Clock;
  /** Always 256-byte auth keys, as Telegram; see HandshakeOptions.strictAuthKeyPadding. Default false. */
  readonly strictAuthKeyPadding?: boolean;
  /** Override the committed sandbox key (PEM, PKCS#8 or PKCS#1). */
  readonly rsaPrivateKeyPem?: string;
  /**
   * The world's accounts and settings: a parsed world file (`await loadWorldFile(path)`) or the same
   * shape written in code; validated either way. More accounts can be added later with
   * `sandbox.world.addAccount`. Test numbers 99966XYYYY work without being listed.
   */
  readonly world?: WorldFileInput;
  /** What an earlier run learnt (Sandbox.captureState), loaded over the world file's accounts. */
  readonly state?: WorldState;
  /** Per-DC limits on connections, pre-auth bytes and idle time; default DEFAULT_DC_LIMITS. */
  readonly limits?: Partial<DcLimits>;
  /** Called with errors that are bugs in the sandbox itself; default prints them to stderr. */
  readonly onInternalError?: (error: unknown, method: string) => void;
}

export interface Sandbox {
  readonly world: SandboxWorld;
  readonly faults: FaultPlan;
  readonly dcIds: readonly number[];
  /** Port of each DC's listener on 127.0.0.1. */
  readonly ports: Readonly<Record<number, number>>;
  readonly portFor: (dcId: number) => number;
  readonly publicKeyPem: string;
  readonly fingerprint: bigint;
  /** Seam 2 with TCPFull; call `sandboxConnection(sandbox.portFor, Base)` for another transport. */
  readonly connectionClass: GramConnectionClass;
  /** Seam 1: registers this sandbox's RSA key with GramJS in the calling process. */
  registerRsaKey(): void;
  stats(dcId: number): DcStats;
  /** How many auth keys a DC knows. */
  authKeyCount(dcId: number): number;
  /** What the sandbox has learnt so far (accounts, auth keys, sessions, tokens, flood windows), as JSON. */
  captureState(): WorldState;
  /** Closes every connection of every DC, as a network outage would; listeners stay up. */
  dropAllConnections(): number;
  close(): Promise<void>;
}

function defaultInternalError(error: unknown, method: string): void {
  console.error(`[sandbox] internal error in ${method}:`, error);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const dcIds = [...(options.dcIds ?? DEFAULT_DC_IDS)];
  if (dcIds.length === 0) throw new RangeError('a sandbox needs at least one DC');
  const clock = options.clock ?? systemClock;
  const rsaKey = loadServerRsaKey(options.rsaPrivateKeyPem ?? SANDBOX_RSA_PRIVATE_KEY_PEM);
  warmUpPqPrimes();

  const keyStores = new Map(dcIds.map((id) => [id, new AuthKeyStore(id)]));
  const topology = new SandboxTopology(dcIds, keyStores, clock);
  const worldFile = parseWorldFile(options.world ?? {}, 'options.world');
  const world = new SandboxWorld({ topology, clock, settings: worldFile.settings });
  for (const account of worldFile.accounts) await world.addAccount(account);
  if (options.state) restoreWorldState(world, keyStores, options.state);
  const faults = new FaultPlan();
  const router = new RpcRouter();
  registerHelpMethods(router, topology);
  registerAuthMethods(router, world);
  registerAccountMethods(router, world);
  registerUsersMethods(router, world);
  registerUpdatesMethods(router, world);

  const msgIds = new ServerMessageIds();
  const limits: DcLimits = { ...DEFAULT_DC_LIMITS, ...options.limits };
  const onInternalError = options.onInternalError ?? defaultInternalError;
  const servers = dcIds.map(
    (dcId) =>
      new DcServer({
        dcId,
        limits,
        keys: keyStores.get(dcId) ?? new AuthKeyStore(dcId),
        handshake: {
          rsaKey,
          strictAuthKeyPadding: options.strictAuthKeyPadding ?? false,
          nowSeconds: () => Math.floor(Date.now() / 1000),
        },
        msgIds,
        faults,
        dispatch: router.dispatch,
        stats: emptyStats(),
        nowMs: () => clock.now(),
        onInternalError,
      }),
  );
  try {
    for (const server of servers) {
      topology.setPort(server.dcId, await server.listen(options.ports?.[server.dcId] ?? 0));
    }
  } catch (error) {
    await Promise.all(servers.map((s) => s.close().catch(() => undefined)));
    throw error;
  }

  const ports = Object.fromEntries(servers.map((s) => [s.dcId, s.port]));
  const portFor = (dcId: number): number => topology.portFor(dcId);
  const byId = new Map(servers.map((s) => [s.dcId, s]));
  return {
    world,
    faults,
    dcIds,
    ports,
    portFor,
    publicKeyPem: rsaKey.publicKeyPem,
    fingerprint: rsaKey.fingerprint,
    connectionClass: sandboxConnection(portFor),
    registerRsaKey: () => {
      registerSandboxRsaKey(rsaKey.publicKeyPem);
    },
    stats: (dcId) => {
      const server = byId.get(dcId);
      if (!server) throw new RangeError(`the sandbox has no DC ${dcId}`);
      return server.stats;
    },
    authKeyCount: (dcId) => keyStores.get(dcId)?.size ?? 0,
    captureState: () => captureWorldState(world, keyStores.values()),
    dropAllConnections: () => servers.reduce((n, s) => n + s.dropAllConnections(), 0),
    close: async () => {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
