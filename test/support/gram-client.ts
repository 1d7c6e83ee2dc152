import { TelegramClient } from 'telegram';
import { Logger, LogLevel } from 'telegram/extensions/Logger';
import { StringSession } from 'telegram/sessions';
import type { GramConnectionClass } from '../../main/sandbox/index.ts';
import { registerSandboxRsaKey, sandboxConnection } from '../../main/sandbox/index.ts';

/** A sandbox to point clients at: the in-process one, or one started as its own process. */
export interface SandboxEndpoint {
  readonly portFor: (dcId: number) => number;
  readonly publicKeyPem: string;
}

export const TEST_API_ID = 12345;
export const TEST_API_HASH = '0123456789abcdef0123456789abcdef';

export interface ClientOptions {
  readonly dcId?: number;
  readonly session?: string;
  readonly connection?: GramConnectionClass;
  readonly connectionRetries?: number;
}

/**
 * A real, unmodified GramJS client pointed at the sandbox through the two seams. Every client made here is
 * destroyed by `destroyClients()` (call it in afterEach), so no test leaves sockets or timers behind.
 */
export class ClientPool {
  private readonly clients = new Set<TelegramClient>();

  constructor(private readonly sandbox: SandboxEndpoint) {
    registerSandboxRsaKey(sandbox.publicKeyPem);
  }

  create(options: ClientOptions = {}): TelegramClient {
    const session = new StringSession(options.session ?? '');
    if (!options.session) {
      // The port is ignored by GramJS (the connection class supplies it) and must fit in an int16 for save().
      session.setDC(options.dcId ?? 2, '127.0.0.1', 443);
    }
    const client = new TelegramClient(session, TEST_API_ID, TEST_API_HASH, {
      connection: options.connection ?? sandboxConnection(this.sandbox.portFor),
      connectionRetries: options.connectionRetries ?? 3,
      retryDelay: 50,
      floodSleepThreshold: 0,
      baseLogger: new Logger(LogLevel.NONE),
      deviceModel: 'Switchboard test',
      systemVersion: 'test',
      appVersion: '0.0.0',
    });
    this.clients.add(client);
    return client;
  }

  async connected(options: ClientOptions = {}): Promise<TelegramClient> {
    const client = this.create(options);
    if (!(await client.connect())) throw new Error('client.connect() returned false');
    return client;
  }

  async destroyClients(): Promise<void> {
    const all = [...this.clients];
    this.clients.clear();
    await Promise.all(all.map((c) => c.destroy().catch(() => undefined)));
  }
}
