import { randomBytes, type Cipher } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { aesCtrStream } from '../crypto/aes.ts';

export type TransportKind = 'full' | 'abridged' | 'intermediate' | 'paddedIntermediate';

export interface DetectedTransport {
  readonly kind: TransportKind;
  readonly obfuscated: boolean;
}

/** Bad framing from a client: the connection that sent it is closed, nothing else is affected. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
}

/** Telegram allows about 1 MiB per message; anything larger is treated as an attack. */
export const MAX_PACKET_BYTES = 1024 * 1024 + 1024;

const ABRIDGED_TAG = 0xef;
const INTERMEDIATE_TAG = 0xeeeeeeee;
const PADDED_TAG = 0xdddddddd;
const OBFUSCATED_HEADER_BYTES = 64;

/**
 * Server side of the MTProto transports. It recognises the client's transport from the first bytes of the
 * stream (abridged 0xef, intermediate 0xeeeeeeee, padded intermediate 0xdddddddd, TCPFull by its first
 * packet's zero sequence number, anything else an obfuscated 64-byte header), then splits the stream into
 * packets and frames the server's packets the same way.
 */
export class TransportCodec {
  private pending: Buffer = Buffer.alloc(0);
  private detected: DetectedTransport | undefined;
  private decryptor: Cipher | undefined;
  private encryptor: Cipher | undefined;
  private receiveSeq = 0;
  private sendSeq = 0;

  get transport(): DetectedTransport | undefined {
    return this.detected;
  }

  /** Feeds bytes from the socket; returns the complete packets they finish. Throws TransportError. */
  feed(chunk: Buffer): Buffer[] {
    const plain = this.decryptor ? this.decryptor.update(chunk) : chunk;
    this.pending = this.pending.length === 0 ? plain : Buffer.concat([this.pending, plain]);
    if (!this.detected && !this.detect()) return [];
    const packets: Buffer[] = [];
    for (;;) {
      const packet = this.nextPacket();
      if (!packet) break;
      packets.push(packet);
    }
    return packets;
  }

  /** Frames (and for obfuscated streams, encrypts) one packet for the client. */
  encode(payload: Buffer): Buffer {
    const t = this.detected;
    if (!t) throw new TransportError('cannot send before the client chose a transport');
    const framed = this.frame(t.kind, payload);
    return this.encryptor ? this.encryptor.update(framed) : framed;
  }

  private detect(): boolean {
    const buf = this.pending;
    if (buf.length < 1) return false;
    if (buf[0] === ABRIDGED_TAG) return this.choose('abridged', false, 1);
    if (buf.length < 4) return false;
    const first = buf.readUInt32LE(0);
    if (first === INTERMEDIATE_TAG) return this.choose('intermediate', false, 4);
    if (first === PADDED_TAG) return this.choose('paddedIntermediate', false, 4);
    if (buf.length < 8) return false;
    if (buf.readUInt32LE(4) === 0) return this.choose('full', false, 0);
    if (buf.length < OBFUSCATED_HEADER_BYTES) return false;
    return this.startObfuscation();
  }

  private choose(kind: TransportKind, obfuscated: boolean, consumed: number): true {
    this.detected = { kind, obfuscated };
    this.pending = this.pending.subarray(consumed);
    return true;
  }

  private startObfuscation(): true {
    const header = this.pending.subarray(0, OBFUSCATED_HEADER_BYTES);
    const rest = this.pending.subarray(OBFUSCATED_HEADER_BYTES);
    const decryptor = aesCtrStream(header.subarray(8, 40), header.subarray(40, 56));
    const decryptedHeader = decryptor.update(header);
    const reversed = Buffer.from(header.subarray(8, 56)).reverse();
    const tag = decryptedHeader.readUInt32LE(56);
    let kind: TransportKind;
    if (tag === 0xefefefef) kind = 'abridged';
    else if (tag === INTERMEDIATE_TAG) kind = 'intermediate';
    else if (tag === PADDED_TAG) kind = 'paddedIntermediate';
    else throw new TransportError('unrecognised transport header');
    this.decryptor = decryptor;
    this.encryptor = aesCtrStream(reversed.subarray(0, 32), reversed.subarray(32, 48));
    this.detected = { kind, obfuscated: true };
    // Whatever followed the header arrived encrypted with the same stream.
    this.pending = rest.length > 0 ? decryptor.update(rest) : Buffer.alloc(0);
    return true;
  }

  private nextPacket(): Buffer | undefined {
    const t = this.detected;
    if (!t) return undefined;
    switch (t.kind) {
      case 'abridged':
        return this.nextAbridged();
      case 'intermediate':
      case 'paddedIntermediate':
        return this.nextIntermediate();
      case 'full':
        return this.nextFull();
    }
  }

  private take(headerBytes: number, bodyBytes: number): Buffer | undefined {
    if (bodyBytes > MAX_PACKET_BYTES) throw new TransportError(`packet of ${bodyBytes} bytes is too large`);
    if (this.pending.length < headerBytes + bodyBytes) return undefined;
    const body = this.pending.subarray(headerBytes, headerBytes + bodyBytes);
    this.pending = this.pending.subarray(headerBytes + bodyBytes);
    return body;
  }

  private nextAbridged(): Buffer | undefined {
    const buf = this.pending;
    if (buf.length < 1) return undefined;
    // The top bit asks for a quick ack, which the sandbox does not send.
    const short = (buf[0] ?? 0) & 0x7f;
    if (short < 0x7f) return this.take(1, short * 4);
    if (buf.length < 4) return undefined;
    return this.take(4, buf.readUIntLE(1, 3) * 4);
  }

  private nextIntermediate(): Buffer | undefined {
    if (this.pending.length < 4) return undefined;
    const length = this.pending.readUInt32LE(0) & 0x7fffffff;
    return this.take(4, length);
  }

  private nextFull(): Buffer | undefined {
    const buf = this.pending;
    if (buf.length < 4) return undefined;
    const total = buf.readInt32LE(0);
    if (total < 12 || total % 4 !== 0) throw new TransportError(`bad TCPFull length ${total}`);
    const frame = this.take(0, total);
    if (!frame) return undefined;
    const seq = frame.readInt32LE(4);
    if (seq !== this.receiveSeq)
      throw new TransportError(`TCPFull sequence ${seq}, expected ${this.receiveSeq}`);
    this.receiveSeq++;
    const crc = frame.readUInt32LE(total - 4);
    if (crc32(frame.subarray(0, total - 4)) !== crc) throw new TransportError('TCPFull checksum mismatch');
    return frame.subarray(8, total - 4);
  }

  private frame(kind: TransportKind, payload: Buffer): Buffer {
    switch (kind) {
      case 'abridged': {
        const words = payload.length >> 2;
        const header =
          words < 0x7f
            ? Buffer.from([words])
            : Buffer.from([0x7f, words & 0xff, (words >> 8) & 0xff, (words >> 16) & 0xff]);
        return Buffer.concat([header, payload]);
      }
      case 'intermediate': {
        const header = Buffer.allocUnsafe(4);
        header.writeUInt32LE(payload.length, 0);
        return Buffer.concat([header, payload]);
      }
      case 'paddedIntermediate': {
        const padding = randomBytes(Math.floor(Math.random() * 16));
        const header = Buffer.allocUnsafe(4);
        header.writeUInt32LE(payload.length + padding.length, 0);
        return Buffer.concat([header, payload, padding]);
      }
      case 'full': {
        const head = Buffer.allocUnsafe(8);
        head.writeInt32LE(payload.length + 12, 0);
        head.writeInt32LE(this.sendSeq++, 4);
        const body = Buffer.concat([head, payload]);
        const crc = Buffer.allocUnsafe(4);
        crc.writeUInt32LE(crc32(body), 0);
        return Buffer.concat([body, crc]);
      }
    }
  }
}

/** The 4-byte transport error a client gets when the server does not know its auth key. */
export function transportErrorPayload(code: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeInt32LE(-Math.abs(code), 0);
  return b;
}
