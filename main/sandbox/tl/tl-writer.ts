/**
 * Writes TL (Telegram's binary serialisation) by hand for the few structures the server builds itself:
 * the handshake answers, service messages and the core wrappers GramJS cannot serialise (rpc_result,
 * msg_container, gzip_packed). API results are serialised by GramJS's own classes instead.
 */
export class TlWriter {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  private push(chunk: Buffer): this {
    this.chunks.push(chunk);
    this.size += chunk.length;
    return this;
  }

  int(value: number): this {
    const b = Buffer.allocUnsafe(4);
    b.writeInt32LE(value | 0, 0);
    return this.push(b);
  }

  uint(value: number): this {
    const b = Buffer.allocUnsafe(4);
    b.writeUInt32LE(value >>> 0, 0);
    return this.push(b);
  }

  long(value: bigint): this {
    const b = Buffer.allocUnsafe(8);
    b.writeBigInt64LE(BigInt.asIntN(64, value), 0);
    return this.push(b);
  }

  /** int128 / int256 fields are kept as their raw little-endian bytes. */
  raw(bytes: Buffer): this {
    return this.push(bytes);
  }

  bytes(data: Buffer): this {
    let header: Buffer;
    if (data.length < 254) {
      header = Buffer.from([data.length]);
    } else {
      header = Buffer.from([254, data.length & 0xff, (data.length >> 8) & 0xff, (data.length >> 16) & 0xff]);
    }
    const used = header.length + data.length;
    const padding = (4 - (used % 4)) % 4;
    this.push(header).push(data);
    return padding > 0 ? this.push(Buffer.alloc(padding)) : this;
  }

  string(text: string): this {
    return this.bytes(Buffer.from(text, 'utf8'));
  }

  vectorOfLongs(values: readonly bigint[]): this {
    this.uint(VECTOR_ID).int(values.length);
    for (const v of values) this.long(v);
    return this;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks, this.size);
  }
}

export const VECTOR_ID = 0x1cb5c415;
export const BOOL_TRUE_ID = 0x997275b5;
export const BOOL_FALSE_ID = 0xbc799737;

export function serializeBool(value: boolean): Buffer {
  return new TlWriter().uint(value ? BOOL_TRUE_ID : BOOL_FALSE_ID).toBuffer();
}

/** A Vector<T> of already serialised boxed objects. */
export function serializeVector(items: readonly Buffer[]): Buffer {
  const w = new TlWriter().uint(VECTOR_ID).int(items.length);
  for (const item of items) w.raw(item);
  return w.toBuffer();
}
