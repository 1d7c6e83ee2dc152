import { gzipSync } from 'node:zlib';
import { TlWriter } from '../tl/tl-writer.ts';

/** Constructor ids of the MTProto service layer that the server reads or writes itself. */
export const Ctor = {
  rpcResult: 0xf35c6d01,
  rpcError: 0x2144ca19,
  msgContainer: 0x73f1f8dc,
  gzipPacked: 0x3072cfa1,
  msgsAck: 0x62d6b459,
  badServerSalt: 0xedab447b,
  badMsgNotification: 0xa7eff811,
  newSessionCreated: 0x9ec20908,
  ping: 0x7abe77ec,
  pingDelayDisconnect: 0xf3427b8c,
  pong: 0x347773c5,
  destroySession: 0xe7512126,
  destroySessionOk: 0xe22045fc,
  destroySessionNone: 0x62d350c9,
  getFutureSalts: 0xb921bd04,
  futureSalts: 0xae500895,
  futureSalt: 0x0949d9dc,
  httpWait: 0x9299359f,
  msgsStateReq: 0xda69fb52,
  msgsStateInfo: 0x04deb57d,
  rpcDropAnswer: 0x58e4a740,
  rpcAnswerUnknown: 0x5e2ad36e,
} as const;

/** A message body to send, and whether it needs an acknowledgement (affects seq_no). */
export interface OutgoingBody {
  readonly body: Buffer;
  readonly contentRelated: boolean;
  /** Answers to a client message get msg_id ≡ 1 (mod 4), the rest ≡ 3. */
  readonly isAnswer: boolean;
}

/** Results larger than this are sent gzip_packed when that makes them smaller, as Telegram does. */
const GZIP_THRESHOLD_BYTES = 512;

export function rpcResult(reqMsgId: bigint, result: Buffer): OutgoingBody {
  let payload = result;
  if (result.length > GZIP_THRESHOLD_BYTES) {
    const packed = new TlWriter().uint(Ctor.gzipPacked).bytes(gzipSync(result)).toBuffer();
    if (packed.length < result.length) payload = packed;
  }
  return {
    body: new TlWriter().uint(Ctor.rpcResult).long(reqMsgId).raw(payload).toBuffer(),
    contentRelated: true,
    isAnswer: true,
  };
}

export function rpcErrorBody(code: number, message: string): Buffer {
  return new TlWriter().uint(Ctor.rpcError).int(code).string(message).toBuffer();
}

export function rpcErrorResult(reqMsgId: bigint, code: number, message: string): OutgoingBody {
  return {
    body: new TlWriter().uint(Ctor.rpcResult).long(reqMsgId).raw(rpcErrorBody(code, message)).toBuffer(),
    contentRelated: true,
    isAnswer: true,
  };
}

export function badServerSalt(badMsgId: bigint, badSeqNo: number, newSalt: bigint): OutgoingBody {
  return {
    body: new TlWriter()
      .uint(Ctor.badServerSalt)
      .long(badMsgId)
      .int(badSeqNo)
      .int(48)
      .long(newSalt)
      .toBuffer(),
    contentRelated: false,
    isAnswer: true,
  };
}

export function badMsgNotification(badMsgId: bigint, badSeqNo: number, errorCode: number): OutgoingBody {
  return {
    body: new TlWriter().uint(Ctor.badMsgNotification).long(badMsgId).int(badSeqNo).int(errorCode).toBuffer(),
    contentRelated: false,
    isAnswer: true,
  };
}

export function newSessionCreated(firstMsgId: bigint, uniqueId: bigint, salt: bigint): OutgoingBody {
  return {
    body: new TlWriter().uint(Ctor.newSessionCreated).long(firstMsgId).long(uniqueId).long(salt).toBuffer(),
    contentRelated: true,
    isAnswer: false,
  };
}

export function msgsAck(msgIds: readonly bigint[]): OutgoingBody {
  return {
    body: new TlWriter().uint(Ctor.msgsAck).vectorOfLongs(msgIds).toBuffer(),
    contentRelated: false,
    isAnswer: false,
  };
}

export function pong(msgId: bigint, pingId: bigint): OutgoingBody {
  return {
    body: new TlWriter().uint(Ctor.pong).long(msgId).long(pingId).toBuffer(),
    contentRelated: true,
    isAnswer: true,
  };
}

export function destroySessionResult(reqMsgId: bigint, sessionId: bigint, existed: boolean): OutgoingBody {
  const res = new TlWriter()
    .uint(existed ? Ctor.destroySessionOk : Ctor.destroySessionNone)
    .long(sessionId)
    .toBuffer();
  return rpcResult(reqMsgId, res);
}

export function futureSalts(reqMsgId: bigint, nowSeconds: number, salt: bigint, count: number): OutgoingBody {
  const w = new TlWriter().uint(Ctor.futureSalts).long(reqMsgId).int(nowSeconds).int(count);
  // A bare vector<future_salt>: no vector constructor, no per-item constructor.
  for (let i = 0; i < count; i++) {
    w.int(nowSeconds + i * 3600)
      .int(nowSeconds + (i + 1) * 3600)
      .long(salt);
  }
  return { body: w.toBuffer(), contentRelated: true, isAnswer: true };
}

export function unprompted(body: Buffer): OutgoingBody {
  return { body, contentRelated: true, isAnswer: false };
}
