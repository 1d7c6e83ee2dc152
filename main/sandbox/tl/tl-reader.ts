/** Thrown when a buffer does not hold the TL the server expected: the connection that sent it is closed. */
export class TlParseError extends Error {
  override readonly name = 'TlParseError';
}

/**
 * A bounds-checked reader for the structures the server parses itself (handshake messages, message
 * envelopes, containers). Every read checks the remaining length, so garbage input fails with a
 * TlParseError rather than reading past the end.
 */
export class TlReader {
  private offset = 0;

  constructor(private readonly buffer: Buffer) {}

  get position(): number {
    return this.offset;
  }

  get remaining(): number {
    return this.buffer.length - this.offset;
  }

  private need(count: number): void {
    if (count < 0 || this.offset + count > this.buffer.length) {
      throw new TlParseError(`needed ${count} bytes at offset ${this.offset} of ${this.buffer.length}`);
    }
  }

  int(): number {
    this.need(4);
    const v = this.buffer.readInt32LE(this.offset);
    this.offset += 4;
    return v;
  }

  uint(): number {
    this.need(4);
    const v = this.buffer.readUInt32LE(this.offset);
    this.offset += 4;
    return v;
  }

  long(): bigint {
    this.need(8);
    const v = this.buffer.readBigInt64LE(this.offset);
    this.offset += 8;
    return v;
  }

  raw(count: number): Buffer {
    this.need(count);
    const v = this.buffer.subarray(this.offset, this.offset + count);
    this.offset += count;
    return v;
  }

  bytes(): Buffer {
    this.need(1);
    const first = this.buffer[this.offset] ?? 0;
    let length: number;
    let headerSize: number;
    if (first < 254) {
      length = first;
      headerSize = 1;
    } else if (first === 254) {
      this.need(4);
      length = this.buffer.readUIntLE(this.offset + 1, 3);
      headerSize = 4;
    } else {
      throw new TlParseError('bytes with a 255 length prefix');
    }
    const padding = (4 - ((headerSize + length) % 4)) % 4;
    this.need(headerSize + length + padding);
    const data = this.buffer.subarray(this.offset + headerSize, this.offset + headerSize + length);
    this.offset += headerSize + length + padding;
    return data;
  }

  expectConstructor(expected: number, what: string): void {
    const id = this.uint();
    if (id !== expected) {
      throw new TlParseError(`expected ${what} (0x${expected.toString(16)}), got 0x${id.toString(16)}`);
    }
  }
}
