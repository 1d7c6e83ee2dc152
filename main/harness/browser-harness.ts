import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { AppServices } from '../app/app-services.ts';
import { appError, type Result } from '../contract/errors.ts';
import { createRendererRequestHandler } from '../electron/renderer-protocol.ts';
import { META_CONTENT_SECURITY_POLICY } from '../electron/content-security-policy.ts';
import { APP_ORIGIN } from '../ipc/renderer-origin.ts';
import { EVENT_CHANNELS, INVOKE_CHANNELS, isInvokeChannel } from '../contract/channels.ts';
import type { SenderInfo } from '../contract/transport-types.ts';
import { harnessContentSecurityPolicies } from './harness-csp.ts';
import type { Logger, LogLevel } from '../logging/log.ts';

/**
 * The browser harness: serves the built renderer over http://127.0.0.1 and gives it a `window.api` that
 * speaks JSON over a WebSocket to main's real IPC dispatcher, so the renderer runs in a plain browser
 * (Playwright's Chromium) against the real services. Loopback only; a random token in the page's URL
 * fragment, the Origin and the Host header decide who may talk to it.
 */

export interface BrowserHarnessOptions {
  /** App services built with `trustedOrigins` containing the harness origin (see `harnessOrigin`). */
  readonly services: Pick<AppServices, 'dispatcher' | 'setEventSink'>;
  /** The built renderer, `out/renderer`. */
  readonly rendererDir: string;
  /** Default 0: an ephemeral port. */
  readonly port?: number;
  readonly log?: Logger;
  /** A fixed token (a demo's kept one, tests); default newHarnessToken(). */
  readonly token?: string;
  /** How long a new WebSocket may take to send its hello; default HELLO_TIMEOUT_MS. */
  readonly helloTimeoutMs?: number;
  /** WebSockets open at once (authenticated or not); default MAX_CONNECTIONS. */
  readonly maxConnections?: number;
}

export interface BrowserHarness {
  /** The page to open, with `#token=...`. */
  readonly url: string;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Where the page's `window.api` script and WebSocket live. */
export const HARNESS_API_PATH = '/__harness/api.js';
export const HARNESS_WS_PATH = '/__harness/ws';
/** Larger frames close the socket (ws's maxPayload); anything above MAX_MESSAGE_BYTES answers BAD_INPUT. */
export const MAX_FRAME_BYTES = 1024 * 1024;
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Requests one socket may have in flight; more answer BAD_INPUT. */
export const MAX_IN_FLIGHT = 64;
/** A socket that has not said hello by then is closed: a page sends it as soon as the socket opens. */
export const HELLO_TIMEOUT_MS = 5_000;
/** A few tabs of the board reconnecting need a handful; more is someone else's flood. */
export const MAX_CONNECTIONS = 32;

const HOST = '127.0.0.1';
/** The errors api-client.js answers with itself, worded by the one catalogue. */
const CLIENT_ERRORS = ['BAD_INPUT', 'INTERNAL', 'FORBIDDEN_SENDER', 'DISCONNECTED'] as const;

/** The renderer origin a harness on this port has, for `trustedOrigins`. */
export function harnessOrigin(port: number): string {
  return `http://${HOST}:${port}`;
}

/**
 * Binds the port first, so the caller can build the services with the harness origin trusted before
 * starting the harness on it. Resolves to `preferred` when it is free (a demo keeps its address across
 * restarts, so its open tab reconnects), else to any free port on 127.0.0.1.
 */
export async function reserveHarnessPort(preferred?: number): Promise<number> {
  const bind = async (port: number): Promise<number | null> => {
    const server = createServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => {
        resolve(false);
      });
      server.listen(port, HOST, () => {
        resolve(true);
      });
    });
    if (!bound) return null;
    const { port: chosen } = server.address() as AddressInfo;
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
    return chosen;
  };
  const port = (preferred === undefined ? null : await bind(preferred)) ?? (await bind(0));
  if (port === null) throw new Error('no free port on 127.0.0.1 for the browser harness');
  return port;
}

/** 32 crypto-random bytes: what a page must show to talk to the harness. */
export function newHarnessToken(): string {
  return randomBytes(32).toString('base64url');
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Timing-safe: both sides are hashed to the same length first, so neither length nor content leaks. */
function tokenMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  return timingSafeEqual(digest(expected), digest(given)) && given.length === expected.length;
}

function send(socket: WebSocket, message: unknown): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : data.toString('utf8');
}

const badInput = (): Result<unknown> => ({ ok: false, error: appError('BAD_INPUT') });

interface ParsedInvoke {
  readonly id: number;
  readonly channel: string;
  readonly payload: unknown;
}

function parseMessage(
  text: string,
): { readonly type: 'hello'; readonly token: unknown } | ParsedInvoke | { readonly id: number | null } {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { id: null };
  }
  if (typeof message !== 'object' || message === null || !('type' in message)) return { id: null };
  const id =
    'id' in message && typeof message.id === 'number' && Number.isSafeInteger(message.id) ? message.id : null;
  if (message.type === 'hello')
    return { type: 'hello', token: 'token' in message ? message.token : undefined };
  if (
    message.type !== 'invoke' ||
    id === null ||
    !('channel' in message) ||
    typeof message.channel !== 'string'
  )
    return { id };
  return { id, channel: message.channel, payload: 'payload' in message ? message.payload : undefined };
}

export async function startBrowserHarness(options: BrowserHarnessOptions): Promise<BrowserHarness> {
  const log =
    options.log ??
    ((level: LogLevel, message: string) => {
      (level === 'warn' || level === 'error' ? console.error : console.log)(`[harness] ${level} ${message}`);
    });
  const token = options.token ?? newHarnessToken();
  if (token.length < 22) throw new RangeError('the harness token must carry at least 128 bits');
  const clientSource = await readFile(new URL('./api-client.js', import.meta.url), 'utf8');
  const channels = JSON.stringify({ invoke: INVOKE_CHANNELS, events: EVENT_CHANNELS });
  const errors = JSON.stringify(Object.fromEntries(CLIENT_ERRORS.map((code) => [code, appError(code)])));
  const apiScript =
    `(function () {\n'use strict';\nconst HARNESS_CHANNELS = Object.freeze(${channels});\n` +
    `const HARNESS_ERRORS = Object.freeze(${errors});\n${clientSource}\n})();\n`;
  const renderer = createRendererRequestHandler(options.rendererDir, log);

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = harnessOrigin(port);
  const host = `${HOST}:${port}`;
  const policies = harnessContentSecurityPolicies(`ws://${host}`);
  const sender: SenderInfo = { frameUrl: `${origin}/index.html`, isMainFrame: true, isAppWindow: true };
  // Lower case, so they replace the app handler's own (the harness's policy differs in connect-src).
  const securityHeaders: Record<string, string> = {
    'content-security-policy': policies.header,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    // No other origin may embed the page, its script or its files (the app's JS names every channel).
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-cache',
  };

  const plain = (response: ServerResponse, status: number, text: string): void => {
    response.writeHead(status, { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' });
    response.end(text);
  };

  const handleHttp = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    // DNS rebinding: only requests addressed to this very host:port.
    if (request.headers.host !== host) {
      plain(response, 421, 'Misdirected Request');
      return;
    }
    const method = request.method ?? 'GET';
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path === HARNESS_API_PATH && (method === 'GET' || method === 'HEAD')) {
      response.writeHead(200, { ...securityHeaders, 'content-type': 'text/javascript; charset=utf-8' });
      response.end(method === 'HEAD' ? undefined : apiScript);
      return;
    }
    // The app's own handler (path checks, symlinks, MIME types), on the URL it would see under app://.
    const answer = await renderer(new Request(`${APP_ORIGIN}${request.url ?? '/'}`, { method }));
    const isIndex = answer.ok && (path === '/' || path === '/index.html') && method === 'GET';
    let body = answer.body === null ? null : Buffer.from(await answer.arrayBuffer());
    if (isIndex && body !== null) {
      body = Buffer.from(injectHarness(body.toString('utf8'), policies.meta), 'utf8');
    }
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    response.writeHead(answer.status, { ...headers, ...securityHeaders });
    response.end(body ?? undefined);
  };

  server.on('request', (request, response) => {
    handleHttp(request, response).catch((error: unknown) => {
      log('error', `a request failed: ${error instanceof Error ? error.name : 'unknown error'}`);
      if (!response.headersSent) plain(response, 500, 'Internal Server Error');
      else response.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const maxConnections = options.maxConnections ?? MAX_CONNECTIONS;
  const helloTimeoutMs = options.helloTimeoutMs ?? HELLO_TIMEOUT_MS;
  const authenticated = new Set<WebSocket>();

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    const refuse = (status: number, why: string): void => {
      log('warn', `refused a WebSocket connection: ${why}`);
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (path !== HARNESS_WS_PATH) {
      refuse(404, 'unknown path');
      return;
    }
    if (request.headers.host !== host) {
      refuse(421, 'wrong Host');
      return;
    }
    if (request.headers.origin !== origin) {
      refuse(403, 'foreign Origin');
      return;
    }
    if (wss.clients.size >= maxConnections) {
      refuse(503, 'too many connections');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      accept(ws);
    });
  });

  const accept = (ws: WebSocket): void => {
    let state: 'new' | 'open' | 'refused' = 'new';
    let inFlight = 0;
    const helloTimer = setTimeout(() => {
      if (state !== 'new') return;
      state = 'refused';
      log('warn', 'closed a WebSocket connection that sent no hello');
      ws.close(1008, 'no hello');
    }, helloTimeoutMs);
    ws.on('error', () => {
      // ws reports oversize frames and protocol errors here, then closes the socket.
      authenticated.delete(ws);
    });
    ws.on('close', () => {
      clearTimeout(helloTimer);
      authenticated.delete(ws);
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (state === 'refused') return;
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
      if (isBinary || size > MAX_MESSAGE_BYTES) {
        send(ws, { type: 'result', id: null, result: badInput() });
        return;
      }
      const message = parseMessage(rawText(data));
      if ('type' in message) {
        if (state === 'open') {
          send(ws, { type: 'result', id: null, result: badInput() });
        } else if (tokenMatches(token, message.token)) {
          clearTimeout(helloTimer);
          state = 'open';
          authenticated.add(ws);
          send(ws, { type: 'welcome' });
        } else {
          state = 'refused';
          log('warn', 'refused a WebSocket connection: missing or wrong token');
          send(ws, { type: 'refused', error: appError('FORBIDDEN_SENDER') });
          ws.close(1008, 'forbidden');
        }
        return;
      }
      if (state !== 'open') {
        state = 'refused';
        log('warn', 'refused a WebSocket connection: a request before the token');
        send(ws, { type: 'refused', error: appError('FORBIDDEN_SENDER') });
        ws.close(1008, 'forbidden');
        return;
      }
      if (!('channel' in message)) {
        send(ws, { type: 'result', id: message.id, result: badInput() });
        return;
      }
      const { id, channel, payload } = message;
      if (!isInvokeChannel(channel) || inFlight >= MAX_IN_FLIGHT) {
        send(ws, { type: 'result', id, result: badInput() });
        return;
      }
      inFlight++;
      options.services.dispatcher
        .dispatch(channel, payload, sender)
        .catch((): Result<unknown> => ({ ok: false, error: appError('INTERNAL') }))
        .then((result) => {
          inFlight--;
          send(ws, { type: 'result', id, result });
        })
        .catch(() => undefined);
    });
  };

  options.services.setEventSink((channel, payload) => {
    const text = JSON.stringify({ type: 'event', channel, payload });
    for (const ws of authenticated) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/index.html#token=${token}`,
    origin,
    port,
    close: () =>
      (closing ??= (async () => {
        options.services.setEventSink(undefined);
        for (const ws of wss.clients) ws.terminate();
        authenticated.clear();
        await new Promise<void>((resolve) => {
          wss.close(() => {
            resolve();
          });
        });
        server.closeAllConnections();
        await new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
        });
      })()),
  };
}

/** Puts the harness's policy in the page's <meta> and its `window.api` script before the app's own. */
export function injectHarness(html: string, metaPolicy: string): string {
  const meta = `content="${META_CONTENT_SECURITY_POLICY}"`;
  if (!html.includes(meta)) throw new Error("the built index.html does not carry the app's policy");
  const withPolicy = html.replace(meta, `content="${metaPolicy}"`);
  const head = withPolicy.indexOf('</head>');
  if (head < 0) throw new Error('the built index.html has no </head>');
  return `${withPolicy.slice(0, head)}  <script src="${HARNESS_API_PATH}"></script>\n  ${withPolicy.slice(head)}`;
}
