import type { ServerProfile } from '../contract/server-profile.ts';
import type { HandshakeGate } from './handshake-gate.ts';
import type { Logger, LogLevel } from '../logging/log.ts';

/** Where the Telegram layer's lines go (main's one Logger). */
export type LogSink = Logger;

/** What Telegram is told about this installation in initConnection (users see it under Devices). */
export interface DeviceInfo {
  readonly deviceModel: string;
  readonly systemVersion: string;
  readonly appVersion: string;
  readonly langCode: string;
  readonly systemLangCode: string;
}

/** Where the sandbox DC listens and the key it signs the handshake with (sandbox profile only). */
export interface SandboxEndpoint {
  portFor(dcId: number): number;
  readonly publicKeyPem: string;
}

export interface TelegramGatewayOptions {
  readonly profile: ServerProfile;
  readonly apiId: number;
  readonly apiHash: string;
  /** Required for the sandbox profile. */
  readonly sandbox?: SandboxEndpoint;
  readonly device: DeviceInfo;
  /** The app's own deadline for every Telegram request (GramJS has none); default 15 s. */
  readonly requestTimeoutMs?: number;
  /** How much of GramJS's own logging reaches `log` (always redacted); default 'warn'. */
  readonly gramLogLevel?: LogLevel | 'none';
  /** Connection attempts per connect (> 1, so the rare failed handshake is retried); default 3. */
  readonly connectionRetries?: number;
  /** Pause between connection attempts; default 300 ms. */
  readonly retryDelayMs?: number;
  /**
   * How many clients of this gateway may create an auth key at once; default: a limit of 3 shared by all
   * gateways of the process (see create-gateway.ts). For measurements.
   */
  readonly concurrentHandshakes?: number;
  /**
   * The gate every socket dial of this gateway's clients goes through (GramJS's own reconnects too);
   * default: one shared by all gateways of the process, CONCURRENT_DIALS wide (see create-gateway.ts).
   * For tests and measurements, which read its counters.
   */
  readonly dialGate?: HandshakeGate;
  /**
   * Where 2FA checks run their 100,000-round PBKDF2: libuv's thread pool (the default), or the calling
   * thread, for a Telegram worker whose priority is lowered (see srp-check.ts).
   */
  readonly passwordStretching?: 'threadPool' | 'thisThread';
  readonly log: LogSink;
  /** The wall clock, for resend and flood-wait times; default Date.now. */
  readonly now?: () => number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
export const DEFAULT_CONNECTION_RETRIES = 3;
export const DEFAULT_RETRY_DELAY_MS = 300;
