import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { inflateSync } from 'node:zlib';
import type { FaultPlan } from '../faults.ts';
import { authKeyIdOf, decryptClientMessage, encryptServerMessage } from '../crypto/message-crypto.ts';
import { parseRequest, UnknownConstructorError } from '../tl/api-codec.ts';
import { TlParseError, TlReader } from '../tl/tl-reader.ts';
import { TlWriter } from '../tl/tl-writer.ts';
import {
  TransportCodec,
  TransportError,
  transportErrorPayload,
  MAX_PACKET_BYTES,
} from '../transport/framing.ts';
import { AuthKeyRecord, SessionState, type AuthKeyStore, type PushTarget } from './auth-keys.ts';
import { AuthKeyHandshake, HandshakeError, type HandshakeOptions } from './handshake.ts';
import type { ServerMessageIds } from './message-ids.ts';
import { METHOD_UNSUPPORTED, RpcFailure, type RpcDispatch } from './rpc-types.ts';
import * as Service from './service-messages.ts';
import { Ctor, type OutgoingBody } from './service-messages.ts';

/** Counters a DC keeps, read by tests and by the sandbox benchmark. */
export interface DcStats {
  connections: number;
  handshakes: number;
  rpcCalls: number;
  pings: number;
  closedForBadInput: number;
  /** Connections refused because the DC had DcLimits.maxConnections open already. */
  refusedConnections: number;
  readonly callsByMethod: Map<string, number>;
  /** RPC results sent gzip_packed (results over 512 bytes that compress). */
  gzippedResults: number;
  /** Connections per transport, e.g. `full`, `obfuscated abridged`. */
  readonly transports: Map<string, number>;
}

/** What one DC allows, so a misbehaving or hostile local client cannot grow its memory without bound. */
export interface DcLimits {
  /** Connections open at once; more are closed as they arrive. */
  readonly maxConnections: number;
  /** Bytes a connection may send before it has an auth key (a handshake done, or a known key's message). */
  readonly maxBytesBeforeAuth: number;
  /** A connection that sends and receives nothing for this long is closed. */
  readonly idleTimeoutMs: number;
}

/** A login board of a few thousand accounts fits; a handshake is under 1 KiB; clients ping every minute. */
export const DEFAULT_DC_LIMITS: DcLimits = {
  maxConnections: 4096,
  maxBytesBeforeAuth: 128 * 1024,
  idleTimeoutMs: 5 * 60_000,
};

export interface DcContext {
  readonly dcId: number;
  readonly limits: DcLimits;
  readonly keys: AuthKeyStore;
  readonly handshake: HandshakeOptions;
  readonly msgIds: ServerMessageIds;
  readonly faults: FaultPlan;
  readonly dispatch: RpcDispatch;
  readonly stats: DcStats;
  readonly nowMs: () => number;
  readonly onInternalError: (error: unknown, method: string) => void;
}

/** Why a connection was closed on purpose; kept for tests that check bad input is refused. */
export type CloseReason =
  | 'transport'
  | 'handshake'
  | 'unknownAuthKey'
  | 'badMessage'
  | 'tooMuchBeforeAuth'
  | 'fault'
  | 'pingTimeout'
  | 'idle'
  | 'server';

class BadMessageError extends Error {
  override readonly name = 'BadMessageError';
}

/** Telegram closes connections whose containers hold more than about 1,000 messages; stay well below. */
const MAX_CONTAINER_MESSAGES = 100;

function isRpcErrorResult(body: Buffer): boolean {
  return (
    body.length >= 16 && body.readUInt32LE(0) === Ctor.rpcResult && body.readUInt32LE(12) === Ctor.rpcError
  );
}

/** gzip_packed from a client may not inflate to more than this. */
const MAX_INFLATED_BYTES = 4 * MAX_PACKET_BYTES;

/**
 * One client TCP connection to one sandbox DC: transport framing, the auth-key handshake, then the
 * encrypted MTProto 2.0 layer (salts, sessions, containers, acks, pings, RPC wrappers, faults).
 * Any bad input closes this connection and nothing else.
 */
export class ClientConnection implements PushTarget {
  private readonly codec = new TransportCodec();
  private readonly handshake: AuthKeyHandshake;
  private pingDisconnectTimer: NodeJS.Timeout | undefined;
  private readonly delayTimers = new Set<NodeJS.Timeout>();
  private isClosed = false;
  /** Bytes received while the connection had no auth key; counting stops once it has one. */
  private bytesBeforeAuth: number | null = 0;
  private readonly outgoing = new Map<SessionState, { record: AuthKeyRecord; bodies: OutgoingBody[] }>();
  private flushTimer: NodeJS.Immediate | undefined;
  closeReason: CloseReason | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly ctx: DcContext,
  ) {
    this.handshake = new AuthKeyHandshake(ctx.handshake);
    ctx.stats.connections++;
    socket.setNoDelay(true);
    // Node restarts the timer on every read and write.
    socket.setTimeout(ctx.limits.idleTimeoutMs, () => {
      this.close('idle');
    });
    socket.on('data', (chunk: Buffer) => {
      this.onData(chunk);
    });
    socket.on('error', () => {
      this.close('server');
    });
    socket.on('close', () => {
      this.cleanUp();
    });
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Closes the connection (a dropped socket, as a client sees it). */
  close(reason: CloseReason): void {
    if (this.isClosed) return;
    this.closeReason = reason;
    if (reason !== 'server' && reason !== 'fault' && reason !== 'pingTimeout' && reason !== 'idle')
      this.ctx.stats.closedForBadInput++;
    this.cleanUp();
    this.socket.destroy();
  }

  private cleanUp(): void {
    this.isClosed = true;
    clearTimeout(this.pingDisconnectTimer);
    if (this.flushTimer) clearImmediate(this.flushTimer);
    this.flushTimer = undefined;
    this.outgoing.clear();
    for (const t of this.delayTimers) clearTimeout(t);
    this.delayTimers.clear();
  }

  private onData(chunk: Buffer): void {
    if (this.isClosed) return;
    if (this.bytesBeforeAuth !== null) {
      this.bytesBeforeAuth += chunk.length;
      if (this.bytesBeforeAuth > this.ctx.limits.maxBytesBeforeAuth) {
        this.close('tooMuchBeforeAuth');
        return;
      }
    }
    try {
      const wasDetected = this.codec.transport !== undefined;
      const packets = this.codec.feed(chunk);
      const detected = this.codec.transport;
      if (!wasDetected && detected) {
        const name = `${detected.obfuscated ? 'obfuscated ' : ''}${detected.kind}`;
        this.ctx.stats.transports.set(name, (this.ctx.stats.transports.get(name) ?? 0) + 1);
      }
      for (const packet of packets) {
        if (this.closed) return;
        this.onPacket(packet);
      }
    } catch (error) {
      if (error instanceof TransportError) this.close('transport');
      else if (error instanceof HandshakeError) this.close('handshake');
      else if (error instanceof BadMessageError || error instanceof TlParseError) this.close('badMessage');
      else {
        this.ctx.onInternalError(error, 'transport');
        this.close('server');
      }
    }
  }

  private write(payload: Buffer): void {
    if (this.isClosed) return;
    this.socket.write(this.codec.encode(payload));
  }

  private onPacket(packet: Buffer): void {
    if (packet.length < 8) throw new BadMessageError('packet shorter than an auth_key_id');
    const authKeyId = packet.readBigInt64LE(0);
    if (authKeyId === 0n) this.onPlainMessage(packet);
    else this.onEncryptedMessage(authKeyId, packet);
  }

  // --- the unencrypted handshake -------------------------------------------------------------------

  private onPlainMessage(packet: Buffer): void {
    const r = new TlReader(packet);
    r.long();
    r.long();
    const length = r.int();
    if (length < 4 || length > r.remaining) throw new BadMessageError('bad unencrypted message length');
    const body = r.raw(length);
    const step = AuthKeyHandshake.stepOf(body);
    if (step !== undefined && this.ctx.faults.takeHandshake(this.ctx.dcId, step)) {
      this.close('fault');
      return;
    }
    const { reply, authKey } = this.handshake.handle(body);
    if (authKey) {
      const record = new AuthKeyRecord(
        authKeyIdOf(authKey.key),
        authKey.key,
        this.ctx.dcId,
        authKey.salt,
        this.ctx.nowMs(),
      );
      this.ctx.keys.add(record);
      this.ctx.stats.handshakes++;
      this.bytesBeforeAuth = null;
    }
    const out = new TlWriter()
      .long(0n)
      .long(this.ctx.msgIds.next('answer'))
      .int(reply.length)
      .raw(reply)
      .toBuffer();
    this.write(out);
  }

  // --- the encrypted layer -------------------------------------------------------------------------

  private onEncryptedMessage(authKeyId: bigint, packet: Buffer): void {
    const record = this.ctx.keys.get(authKeyId);
    if (!record) {
      this.write(transportErrorPayload(404));
      this.socket.end();
      this.closeReason = 'unknownAuthKey';
      this.ctx.stats.closedForBadInput++;
      this.cleanUp();
      return;
    }
    if (packet.length < 8 + 16 + 32) throw new BadMessageError('encrypted message too short');
    const msgKey = packet.subarray(8, 24);
    let encrypted = packet.subarray(24);
    // Padded intermediate may append up to 15 bytes of transport padding.
    encrypted = encrypted.subarray(0, encrypted.length - (encrypted.length % 16));
    const plain = decryptClientMessage(record.key, msgKey, encrypted);
    if (!plain) throw new BadMessageError('msg_key mismatch');
    this.bytesBeforeAuth = null;

    const r = new TlReader(plain);
    const salt = r.long();
    const sessionId = r.long();
    const msgId = r.long();
    const seqNo = r.int();
    const length = r.int();
    const padding = r.remaining - length;
    if (length < 4 || length % 4 !== 0 || padding < 12 || padding > 1024) {
      throw new BadMessageError('bad encrypted message length or padding');
    }
    const body = r.raw(length);
    record.lastActiveAtMs = this.ctx.nowMs();

    let session = record.sessions.get(sessionId);
    if (salt !== record.salt) {
      if (body.readUInt32LE(0) === Ctor.msgsAck) return;
      this.send(record, session ?? new SessionState(sessionId), [
        Service.badServerSalt(msgId, seqNo, record.salt),
      ]);
      return;
    }
    const out: OutgoingBody[] = [];
    if (!session) {
      session = new SessionState(sessionId);
      record.sessions.set(sessionId, session);
      out.push(Service.newSessionCreated(msgId, randomBytes(8).readBigInt64LE(0), record.salt));
    }
    session.connection = this;
    const acks: bigint[] = [];
    this.onMessage(record, session, msgId, seqNo, body, out, acks, true);
    if (acks.length > 0) out.push(Service.msgsAck(acks));
    if (out.length > 0) this.send(record, session, out);
  }

  private onMessage(
    record: AuthKeyRecord,
    session: SessionState,
    msgId: bigint,
    seqNo: number,
    body: Buffer,
    out: OutgoingBody[],
    acks: bigint[],
    topLevel: boolean,
  ): void {
    const r = new TlReader(body);
    const id = r.uint();
    switch (id) {
      case Ctor.msgContainer: {
        if (!topLevel) throw new BadMessageError('nested container');
        const count = r.int();
        if (count < 0 || count > 1024) throw new BadMessageError('bad container size');
        for (let i = 0; i < count; i++) {
          const innerId = r.long();
          const innerSeq = r.int();
          const innerLength = r.int();
          if (innerLength < 4 || innerLength % 4 !== 0) throw new BadMessageError('bad contained message');
          this.onMessage(record, session, innerId, innerSeq, r.raw(innerLength), out, acks, false);
        }
        return;
      }
      case Ctor.msgsAck:
      case Ctor.httpWait:
        return;
      case Ctor.ping: {
        this.ctx.stats.pings++;
        out.push(Service.pong(msgId, r.long()));
        return;
      }
      case Ctor.pingDelayDisconnect: {
        this.ctx.stats.pings++;
        const pingId = r.long();
        const delaySeconds = r.int();
        out.push(Service.pong(msgId, pingId));
        this.armPingDisconnect(delaySeconds);
        return;
      }
      case Ctor.gzipPacked: {
        const inflated = inflateSync(r.bytes(), { maxOutputLength: MAX_INFLATED_BYTES });
        this.onMessage(record, session, msgId, seqNo, inflated, out, acks, false);
        return;
      }
      case Ctor.destroySession: {
        const target = r.long();
        const existed = target !== session.id && record.sessions.delete(target);
        out.push(Service.destroySessionResult(msgId, target, existed));
        return;
      }
      case Ctor.getFutureSalts: {
        const num = Math.min(Math.max(r.int(), 1), 64);
        out.push(Service.futureSalts(msgId, Math.floor(Date.now() / 1000), record.salt, num));
        return;
      }
      case Ctor.msgsStateReq: {
        r.uint();
        const n = r.int();
        if (n < 0 || n > 8192) throw new BadMessageError('bad msgs_state_req');
        // 1 = "nothing is known about the message" for each id asked about.
        const info = Buffer.alloc(n, 1);
        const reply = new TlWriter().uint(Ctor.msgsStateInfo).long(msgId).bytes(info).toBuffer();
        out.push({ body: reply, contentRelated: true, isAnswer: true });
        return;
      }
      case Ctor.rpcDropAnswer: {
        const reply = new TlWriter().uint(Ctor.rpcAnswerUnknown).toBuffer();
        out.push(Service.rpcResult(r.long(), reply));
        return;
      }
      default: {
        if (seqNo % 2 === 1) acks.push(msgId);
        this.startRpc(record, session, msgId, body);
      }
    }
  }

  private armPingDisconnect(delaySeconds: number): void {
    clearTimeout(this.pingDisconnectTimer);
    if (this.flushTimer) clearImmediate(this.flushTimer);
    this.flushTimer = undefined;
    this.outgoing.clear();
    if (delaySeconds <= 0) return;
    this.pingDisconnectTimer = setTimeout(() => {
      this.close('pingTimeout');
    }, delaySeconds * 1000);
    this.pingDisconnectTimer.unref();
  }

  private startRpc(record: AuthKeyRecord, session: SessionState, msgId: bigint, body: Buffer): void {
    let parsed;
    try {
      parsed = parseRequest(body);
    } catch (error) {
      if (!(error instanceof UnknownConstructorError)) throw error;
      this.send(record, session, [Service.rpcErrorResult(msgId, 400, METHOD_UNSUPPORTED)]);
      return;
    }
    if (parsed.layer !== undefined) record.layer = parsed.layer;
    if (parsed.clientInfo) record.clientInfo = parsed.clientInfo;
    if (parsed.withoutUpdates) session.withoutUpdates = true;
    this.ctx.stats.rpcCalls++;
    this.ctx.stats.callsByMethod.set(
      parsed.method,
      (this.ctx.stats.callsByMethod.get(parsed.method) ?? 0) + 1,
    );

    const waitFor = parsed.afterMsgIds.map((id) => session.completions.get(id) ?? Promise.resolve());
    const done = Promise.all(waitFor).then(async () => {
      const phone = (parsed.request as { phoneNumber?: unknown }).phoneNumber;
      const fault = this.ctx.faults.takeRpc({
        method: parsed.method,
        phone: typeof phone === 'string' ? phone : undefined,
        dc: this.ctx.dcId,
      });
      if (fault?.delayMs !== undefined) await this.sleep(fault.delayMs);
      if (this.isClosed) return;
      if (fault && 'drop' in fault) {
        this.close('fault');
        return;
      }
      if (fault && 'forgetAuthKey' in fault) {
        this.ctx.keys.forget(record.id);
        this.flush();
        this.write(transportErrorPayload(404));
        return;
      }
      if (fault && 'error' in fault) {
        this.send(record, session, [Service.rpcErrorResult(msgId, fault.error.code, fault.error.message)]);
        return;
      }
      const reply = await this.invoke(record, session, parsed.method, parsed.request, msgId);
      this.send(record, session, [reply]);
    });
    session.rememberCompletion(
      msgId,
      done.catch((error: unknown) => {
        this.ctx.onInternalError(error, parsed.method);
      }),
    );
  }

  private async invoke(
    record: AuthKeyRecord,
    session: SessionState,
    method: string,
    request: RpcCallRequest,
    msgId: bigint,
  ): Promise<OutgoingBody> {
    try {
      const result = await this.ctx.dispatch({
        dcId: this.ctx.dcId,
        authKey: record,
        session,
        method,
        request,
      });
      const reply = Service.rpcResult(msgId, result);
      if (reply.body.readUInt32LE(12) === Ctor.gzipPacked) this.ctx.stats.gzippedResults++;
      return reply;
    } catch (error) {
      if (error instanceof RpcFailure) return Service.rpcErrorResult(msgId, error.code, error.errorMessage);
      this.ctx.onInternalError(error, method);
      return Service.rpcErrorResult(msgId, 500, 'SANDBOX_INTERNAL_ERROR');
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.delayTimers.delete(t);
        resolve();
      }, ms);
      this.delayTimers.add(t);
    });
  }

  /** Sends an update the world pushes to a session that last spoke on this connection. */
  push(record: AuthKeyRecord, session: SessionState, body: Buffer): void {
    this.send(record, session, [Service.unprompted(body)]);
  }

  /**
   * Queues messages for a session. Everything queued during one turn of the event loop (acks, pongs,
   * new_session_created and results that are ready at once) leaves in one msg_container, as Telegram
   * piggybacks acks, which also halves the writes per RPC.
   */
  private send(record: AuthKeyRecord, session: SessionState, bodies: readonly OutgoingBody[]): void {
    if (this.isClosed || bodies.length === 0) return;
    const queued = this.outgoing.get(session);
    if (queued) queued.bodies.push(...bodies);
    else this.outgoing.set(session, { record, bodies: [...bodies] });
    this.flushTimer ??= setImmediate(() => {
      this.flushTimer = undefined;
      this.flush();
    });
  }

  private flush(): void {
    const batches = [...this.outgoing.entries()];
    this.outgoing.clear();
    // One write for everything this turn produced.
    this.socket.cork();
    try {
      this.flushBatches(batches);
    } finally {
      this.socket.uncork();
    }
  }

  private flushBatches(batches: [SessionState, { record: AuthKeyRecord; bodies: OutgoingBody[] }][]): void {
    for (const [session, { record, bodies }] of batches) {
      // An rpc_error ends its container: GramJS stops reading a container at the first rpc_error in it
      // (it rethrows), so anything after one would be lost.
      let packet: OutgoingBody[] = [];
      for (const body of bodies) {
        packet.push(body);
        if (isRpcErrorResult(body.body) || packet.length >= MAX_CONTAINER_MESSAGES) {
          this.sendNow(record, session, packet);
          packet = [];
        }
      }
      this.sendNow(record, session, packet);
    }
  }

  /** Encrypts and sends messages to a session; several go out together in one msg_container. */
  private sendNow(record: AuthKeyRecord, session: SessionState, bodies: readonly OutgoingBody[]): void {
    if (this.isClosed || bodies.length === 0) return;
    let msgId: bigint;
    let seqNo: number;
    let body: Buffer;
    const only = bodies.length === 1 ? bodies[0] : undefined;
    if (only) {
      msgId = this.ctx.msgIds.next(only.isAnswer ? 'answer' : 'unprompted');
      seqNo = session.seq.next(only.contentRelated);
      body = only.body;
    } else {
      const w = new TlWriter().uint(Ctor.msgContainer).int(bodies.length);
      for (const b of bodies) {
        w.long(this.ctx.msgIds.next(b.isAnswer ? 'answer' : 'unprompted'))
          .int(session.seq.next(b.contentRelated))
          .int(b.body.length)
          .raw(b.body);
      }
      body = w.toBuffer();
      msgId = this.ctx.msgIds.next('unprompted');
      seqNo = session.seq.next(false);
    }
    const plain = new TlWriter()
      .long(record.salt)
      .long(session.id)
      .long(msgId)
      .int(seqNo)
      .int(body.length)
      .raw(body)
      .toBuffer();
    const idBytes = Buffer.allocUnsafe(8);
    idBytes.writeBigInt64LE(record.id, 0);
    this.write(Buffer.concat([idBytes, encryptServerMessage(record.key, plain)]));
  }
}

type RpcCallRequest = Parameters<RpcDispatch>[0]['request'];
