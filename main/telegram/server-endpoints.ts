import { ConnectionTCPFull } from 'telegram/network';
import type { ServerProfile } from '../contract/server-profile.ts';
import { addressedConnection, type ConnectionClass, type DcAddress } from './gramjs/connection-classes.ts';
import type { SandboxEndpoint } from './gateway-options.ts';
import { keysOfServer, telegramKeys, trustingConnection } from './gramjs/server-trust.ts';

/** Where one server profile's DCs are, as GramJS needs it: a connection class and the DC to start at. */
export interface ServerEndpoints {
  readonly connection: ConnectionClass;
  /** The DC a new login starts on; undefined: GramJS's default (production DC 4). */
  readonly initialDc: { readonly id: number; readonly ip: string } | undefined;
}

/** Telegram's test DCs (my.telegram.org); port 443. */
export const TEST_DC_ADDRESSES: Readonly<Record<number, DcAddress>> = {
  1: { ip: '149.154.175.10', port: 443 },
  2: { ip: '149.154.167.40', port: 443 },
  3: { ip: '149.154.175.117', port: 443 },
};

const SANDBOX_HOST = '127.0.0.1';
/** Test numbers 99966XYYYY and the sandbox's new accounts live on DC 2. */
const DEFAULT_START_DC = 2;

/**
 * Builds the profile's endpoints: where each DC is, and which RSA keys its handshake accepts (Telegram's
 * own for production and test, the server's own key for the sandbox and a custom server; never a table
 * shared with another profile, see gramjs/server-trust.ts).
 */
export function serverEndpoints(
  profile: ServerProfile,
  sandbox: SandboxEndpoint | undefined,
): ServerEndpoints {
  switch (profile.kind) {
    case 'production':
      return { connection: trustingConnection(ConnectionTCPFull, telegramKeys()), initialDc: undefined };
    case 'test': {
      const start = TEST_DC_ADDRESSES[DEFAULT_START_DC];
      return {
        connection: trustingConnection(
          addressedConnection((dcId) => TEST_DC_ADDRESSES[dcId]),
          telegramKeys(),
        ),
        initialDc: start ? { id: DEFAULT_START_DC, ip: start.ip } : undefined,
      };
    }
    case 'sandbox': {
      if (!sandbox) throw new Error('the sandbox profile needs the sandbox endpoint (ports and public key)');
      // A DC the sandbox does not run is one the profile lacks (SERVER_DC_UNKNOWN), never a crash.
      const address = (dcId: number): DcAddress | undefined => {
        try {
          return { ip: SANDBOX_HOST, port: sandbox.portFor(dcId) };
        } catch {
          return undefined;
        }
      };
      return {
        connection: trustingConnection(addressedConnection(address), keysOfServer(sandbox.publicKeyPem)),
        initialDc: { id: DEFAULT_START_DC, ip: SANDBOX_HOST },
      };
    }
    case 'custom': {
      const byId = new Map(profile.dcs.map((dc) => [dc.id, { ip: dc.host, port: dc.port }]));
      const first = profile.dcs[0];
      return {
        connection: trustingConnection(
          addressedConnection((dcId) => byId.get(dcId)),
          keysOfServer(profile.publicKeyPem),
        ),
        initialDc: first ? { id: first.id, ip: first.host } : undefined,
      };
    }
  }
}
