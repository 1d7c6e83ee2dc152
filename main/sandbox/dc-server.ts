import { createServer, type Server, type Socket } from 'node:net';
import { ClientConnection, type DcContext, type DcStats } from './mtproto/client-connection.ts';

export function emptyStats(): DcStats {
  return {
    connections: 0,
    handshakes: 0,
    rpcCalls: 0,
    pings: 0,
    closedForBadInput: 0,
    refusedConnections: 0,
    gzippedResults: 0,
    callsByMethod: new Map(),
    transports: new Map(),
  };
}

/** One sandbox DC: a TCP listener on 127.0.0.1 and the connections it accepted. */
export class DcServer {
  private readonly server: Server;
  private readonly live = new Set<ClientConnection>();
  private readonly sockets = new Set<Socket>();
  private boundPort = 0;

  constructor(private readonly ctx: DcContext) {
    this.server = createServer((socket) => {
      if (this.live.size >= ctx.limits.maxConnections) {
        ctx.stats.refusedConnections++;
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      const connection = new ClientConnection(socket, ctx);
      this.live.add(connection);
      socket.once('close', () => {
        this.sockets.delete(socket);
        this.live.delete(connection);
      });
    });
  }

  get dcId(): number {
    return this.ctx.dcId;
  }

  get port(): number {
    return this.boundPort;
  }

  get stats(): DcStats {
    return this.ctx.stats;
  }

  get connectionCount(): number {
    return this.live.size;
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      // Loopback only: the sandbox is never reachable from another machine.
      this.server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        if (address === null || typeof address === 'string') {
          reject(new Error('the DC listener has no TCP address'));
          return;
        }
        this.boundPort = address.port;
        resolve(address.port);
      });
    });
  }

  /** Drops every live connection at once, as a network outage would; the listener stays up. */
  dropAllConnections(): number {
    const count = this.live.size;
    for (const c of this.live) c.close('fault');
    return count;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}
