import { randomBytes } from 'node:crypto';
import { AppFailure, type AppError } from '../../main/contract/errors.ts';
import type { Sandbox } from '../../main/sandbox/index.ts';
import { createTelegramGateway } from '../../main/telegram/create-gateway.ts';
import type { LoginClient, SendCodeOutcome, TelegramGateway } from '../../main/telegram/gateway.ts';
import type { TelegramGatewayOptions } from '../../main/telegram/gateway-options.ts';
import type { LogLevel } from '../../main/logging/log.ts';

/** Gateways pointed at a test's sandbox, with their log captured and every client destroyed after each test. */

export const API_ID = 12345;
export const API_HASH = '0123456789abcdef0123456789abcdef';

export const DEVICE = {
  deviceModel: 'Switchboard test',
  systemVersion: 'test',
  appVersion: '0.0.0',
  langCode: 'en',
  systemLangCode: 'en',
} as const;

export interface LogLine {
  readonly level: LogLevel;
  readonly message: string;
}

interface Destroyable {
  destroy(): Promise<void>;
}

export class GatewayHarness {
  readonly logs: LogLine[] = [];
  private readonly clients = new Set<Destroyable>();

  constructor(private readonly sandbox: Sandbox) {}

  gateway(overrides: Partial<TelegramGatewayOptions> = {}): TelegramGateway {
    return createTelegramGateway({
      profile: { kind: 'sandbox' },
      apiId: API_ID,
      apiHash: API_HASH,
      sandbox: this.sandbox,
      device: DEVICE,
      requestTimeoutMs: 5_000,
      retryDelayMs: 50,
      log: (level, message) => {
        this.logs.push({ level, message });
      },
      ...overrides,
    });
  }

  /** Keeps a client for destroyAll(). */
  track<T extends Destroyable>(client: T): T {
    this.clients.add(client);
    return client;
  }

  async login(gateway: TelegramGateway = this.gateway(), label = 'login'): Promise<LoginClient> {
    return this.track(await gateway.startLogin(label));
  }

  async destroyAll(): Promise<void> {
    const all = [...this.clients];
    this.clients.clear();
    await Promise.all(all.map((c) => c.destroy()));
  }
}

/** The AppError a promise fails with; fails the test if it resolves or throws anything else. */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppFailure) return error.error;
    throw new Error(`expected an AppFailure, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export function codeSent(outcome: SendCodeOutcome): Extract<SendCodeOutcome, { kind: 'codeSent' }> {
  if (outcome.kind !== 'codeSent') throw new Error(`expected codeSent, got ${outcome.kind}`);
  return outcome;
}

export function lastCode(sandbox: Sandbox, phone: string): string {
  const code = sandbox.world.outbox.lastCode(phone);
  if (code === undefined) throw new Error(`no code was delivered to ${phone}`);
  return code;
}

/**
 * A session string in GramJS's StringSession layout ("1" + base64 of DC id, address, port and a 2048-bit
 * auth key; GramJS drops a key's leading zero bytes) for a random key no server knows: for tests that need a
 * readable session, not a signed-in one.
 */
export function wellFormedSession(dcId: number, keyBytes = 256): string {
  const address = Buffer.from('127.0.0.1');
  const header = Buffer.alloc(3);
  header.writeUInt8(dcId, 0);
  header.writeInt16BE(address.length, 1);
  const port = Buffer.alloc(2);
  port.writeInt16BE(443, 0);
  return `1${Buffer.concat([header, address, port, randomBytes(keyBytes)]).toString('base64')}`;
}
