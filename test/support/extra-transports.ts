import { randomBytes } from 'node:crypto';
import { ConnectionTCPAbridged, ConnectionTCPObfuscated } from 'telegram/network';
import { AbridgedPacketCodec } from 'telegram/network/connection/TCPAbridged';
import type { PromisedNetSockets } from 'telegram/extensions';

/**
 * GramJS ships the TCPFull, abridged and obfuscated-abridged transports only. These add the intermediate
 * and padded intermediate framings (plain and obfuscated) through GramJS's own extension point, a packet
 * codec class, so the sandbox's support for them is tested with an otherwise unmodified client.
 */

type Reader = Pick<PromisedNetSockets, 'read'>;

function lengthPrefixed(payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32LE(payload.length, 0);
  return Buffer.concat([header, payload]);
}

class IntermediateCodec extends AbridgedPacketCodec {
  static override tag = Buffer.from('eeeeeeee', 'hex');
  static override obfuscateTag = Buffer.from('eeeeeeee', 'hex');
  override obfuscateTag = IntermediateCodec.obfuscateTag;

  constructor(connection: unknown) {
    super(connection);
    // GramJS declares the instance tag private; it is the byte sequence that opens the stream.
    Reflect.set(this, 'tag', IntermediateCodec.tag);
  }

  override encodePacket(data: Buffer): Buffer {
    return lengthPrefixed(data);
  }

  override async readPacket(reader: Reader): Promise<Buffer> {
    const length = (await reader.read(4)).readUInt32LE(0);
    return reader.read(length);
  }
}

class PaddedIntermediateCodec extends AbridgedPacketCodec {
  static override tag = Buffer.from('dddddddd', 'hex');
  static override obfuscateTag = Buffer.from('dddddddd', 'hex');
  override obfuscateTag = PaddedIntermediateCodec.obfuscateTag;

  constructor(connection: unknown) {
    super(connection);
    // GramJS declares the instance tag private; it is the byte sequence that opens the stream.
    Reflect.set(this, 'tag', PaddedIntermediateCodec.tag);
  }

  override encodePacket(data: Buffer): Buffer {
    return lengthPrefixed(Buffer.concat([data, randomBytes(Math.floor(Math.random() * 16))]));
  }

  override async readPacket(reader: Reader): Promise<Buffer> {
    const length = (await reader.read(4)).readUInt32LE(0);
    const packet = await reader.read(length);
    // The server's padding follows the MTProto message: a 4-byte transport error, a plain message
    // (its length is in its header) or an encrypted one (24 bytes + a multiple of 16).
    if (packet.length < 8) return packet;
    if (packet.readBigInt64LE(0) === 0n) return packet.subarray(0, 20 + packet.readUInt32LE(16));
    return packet.subarray(0, 24 + Math.floor((packet.length - 24) / 16) * 16);
  }
}

export class ConnectionTCPIntermediate extends ConnectionTCPAbridged {
  override PacketCodecClass = IntermediateCodec;
}

export class ConnectionTCPPaddedIntermediate extends ConnectionTCPAbridged {
  override PacketCodecClass = PaddedIntermediateCodec;
}

export class ConnectionTCPObfuscatedIntermediate extends ConnectionTCPObfuscated {
  override PacketCodecClass = IntermediateCodec;
}

export class ConnectionTCPObfuscatedPadded extends ConnectionTCPObfuscated {
  override PacketCodecClass = PaddedIntermediateCodec;
}
