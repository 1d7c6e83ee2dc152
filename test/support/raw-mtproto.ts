import { constants, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { aesIgeDecrypt, aesIgeEncrypt } from '../../main/sandbox/crypto/aes.ts';
import { powGenerator, powMod } from '../../main/sandbox/crypto/dh-prime.ts';
import { bigintFromBytes, bytesFromBigint } from '../../main/crypto/bigint-bytes.ts';
import { sha1, sha256, stripLeadingZeros, xorBuffers } from '../../main/sandbox/crypto/hashes.ts';
import { authKeyIdOf } from '../../main/sandbox/crypto/message-crypto.ts';
import { TlReader } from '../../main/sandbox/tl/tl-reader.ts';
import { TlWriter } from '../../main/sandbox/tl/tl-writer.ts';

/**
 * A deliberately bare MTProto client over a raw socket (intermediate framing), for what GramJS cannot do
 * on purpose: send malformed bytes, and pick its DH secret so that the auth key starts with a zero byte.
 * It is written from the client's side of the protocol, independently of the server's code paths.
 */
export class RawSocket {
  private readonly socket: Socket;
  private received = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  readonly closed: Promise<void>;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.wake();
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.wake();
        resolve();
      });
    });
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<RawSocket> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        resolve(new RawSocket(socket));
      });
      socket.once('error', reject);
    });
  }

  get isClosed(): boolean {
    return this.socket.destroyed || this.socket.readyState === 'closed';
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  end(): void {
    this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** Reads exactly n bytes; rejects if the server closes first. */
  async read(n: number): Promise<Buffer> {
    while (this.received.length < n) {
      if (this.socket.destroyed || this.socket.readableEnded)
        throw new Error('connection closed by the server');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    const out = this.received.subarray(0, n);
    this.received = this.received.subarray(n);
    return out;
  }
}

/** A raw connection speaking the intermediate transport. */
export class RawIntermediate {
  private constructor(readonly socket: RawSocket) {}

  static async open(port: number): Promise<RawIntermediate> {
    const socket = await RawSocket.open(port);
    socket.write(Buffer.from('eeeeeeee', 'hex'));
    return new RawIntermediate(socket);
  }

  send(payload: Buffer): void {
    const header = Buffer.alloc(4);
    header.writeUInt32LE(payload.length, 0);
    this.socket.write(Buffer.concat([header, payload]));
  }

  async receive(): Promise<Buffer> {
    const length = (await this.socket.read(4)).readUInt32LE(0);
    return this.socket.read(length);
  }

  async plainCall(body: Buffer): Promise<TlReader> {
    const msgId = BigInt(Math.floor(Date.now() / 1000)) << 32n;
    this.send(new TlWriter().long(0n).long(msgId).int(body.length).raw(body).toBuffer());
    const reply = new TlReader(await this.receive());
    reply.long();
    reply.long();
    return new TlReader(reply.raw(reply.int()));
  }
}

export interface RawHandshakeResult {
  /** g_ab as 256 bytes, the key Telegram uses. */
  readonly fullKey: Buffer;
  /** Which form of the key the server proved it holds in dh_gen_ok: 'full' (256 bytes) or 'stripped'. */
  readonly serverKeyForm: 'full' | 'stripped';
  readonly salt: bigint;
  readonly connection: RawIntermediate;
}

function factorise(pq: bigint): [bigint, bigint] {
  // Pollard's rho with Floyd cycle detection; pq is a product of two ~31-bit primes.
  const gcd = (a: bigint, b: bigint): bigint => {
    while (b) [a, b] = [b, a % b];
    return a;
  };
  for (let c = 1n; ; c++) {
    let x = 2n;
    let y = 2n;
    let d = 1n;
    while (d === 1n) {
      x = (x * x + c) % pq;
      y = (y * y + c) % pq;
      y = (y * y + c) % pq;
      d = gcd(x > y ? x - y : y - x, pq);
    }
    if (d !== pq) {
      const other = pq / d;
      return d < other ? [d, other] : [other, d];
    }
  }
}

/**
 * Performs the auth-key exchange. With `leadingZeroKey: true` the client keeps drawing its DH secret until
 * g_ab starts with a zero byte (about 1 draw in 256), the case GramJS mishandles; with `false`, until it
 * does not.
 */
export async function rawHandshake(
  port: number,
  publicKeyPem: string,
  options: { leadingZeroKey?: boolean } = {},
): Promise<RawHandshakeResult> {
  const connection = await RawIntermediate.open(port);
  const nonce = randomBytes(16);
  const resPq = await connection.plainCall(new TlWriter().uint(0xbe7e8ef1).raw(nonce).toBuffer());
  resPq.expectConstructor(0x05162463, 'resPQ');
  resPq.raw(16);
  const serverNonce = resPq.raw(16);
  const pq = bigintFromBytes(resPq.bytes());
  const [p, q] = factorise(pq);

  const newNonce = randomBytes(32);
  const inner = new TlWriter()
    .uint(0x83c95aec)
    .bytes(bytesFromBigint(pq))
    .bytes(bytesFromBigint(p))
    .bytes(bytesFromBigint(q))
    .raw(nonce)
    .raw(serverNonce)
    .raw(newNonce)
    .toBuffer();
  const jwk = createPublicKey(publicKeyPem).export({ format: 'jwk' });
  const n = bigintFromBytes(Buffer.from(jwk.n ?? '', 'base64url'));
  const fingerprint = sha1(
    new TlWriter()
      .bytes(Buffer.from(jwk.n ?? '', 'base64url'))
      .bytes(Buffer.from(jwk.e ?? '', 'base64url'))
      .toBuffer(),
  ).readBigInt64LE(12);
  let encrypted: Buffer;
  for (;;) {
    const tempKey = randomBytes(32);
    const dataWithPadding = Buffer.concat([inner, randomBytes(192 - inner.length)]);
    const reversed = Buffer.from(dataWithPadding).reverse();
    const aesEncrypted = aesIgeEncrypt(
      Buffer.concat([reversed, sha256(tempKey, dataWithPadding)]),
      tempKey,
      Buffer.alloc(32),
    );
    const keyAesEncrypted = Buffer.concat([xorBuffers(tempKey, sha256(aesEncrypted)), aesEncrypted]);
    if (bigintFromBytes(keyAesEncrypted) >= n) continue;
    encrypted = publicEncrypt({ key: publicKeyPem, padding: constants.RSA_NO_PADDING }, keyAesEncrypted);
    break;
  }
  const dhParams = await connection.plainCall(
    new TlWriter()
      .uint(0xd712e4be)
      .raw(nonce)
      .raw(serverNonce)
      .bytes(bytesFromBigint(p))
      .bytes(bytesFromBigint(q))
      .long(fingerprint)
      .bytes(encrypted)
      .toBuffer(),
  );
  dhParams.expectConstructor(0xd0e8075c, 'server_DH_params_ok');
  dhParams.raw(32);
  const tmpKey = Buffer.concat([sha1(newNonce, serverNonce), sha1(serverNonce, newNonce).subarray(0, 12)]);
  const tmpIv = Buffer.concat([
    sha1(serverNonce, newNonce).subarray(12, 20),
    sha1(newNonce, newNonce),
    newNonce.subarray(0, 4),
  ]);
  const answer = new TlReader(aesIgeDecrypt(dhParams.bytes(), tmpKey, tmpIv).subarray(20));
  answer.expectConstructor(0xb5890dba, 'server_DH_inner_data');
  answer.raw(32);
  answer.int();
  answer.bytes();
  const gA = answer.bytes();

  let b: Buffer;
  let fullKey: Buffer;
  do {
    b = randomBytes(32);
    fullKey = powMod(gA, b);
  } while (options.leadingZeroKey !== undefined && (fullKey[0] === 0) !== options.leadingZeroKey);
  const clientInner = new TlWriter()
    .uint(0x6643b654)
    .raw(nonce)
    .raw(serverNonce)
    .long(0n)
    .bytes(powGenerator(b))
    .toBuffer();
  const withHash = Buffer.concat([sha1(clientInner), clientInner]);
  const padded = Buffer.concat([withHash, randomBytes((16 - (withHash.length % 16)) % 16)]);
  const dhGen = await connection.plainCall(
    new TlWriter()
      .uint(0xf5045f1f)
      .raw(nonce)
      .raw(serverNonce)
      .bytes(aesIgeEncrypt(padded, tmpKey, tmpIv))
      .toBuffer(),
  );
  dhGen.expectConstructor(0x3bcbf734, 'dh_gen_ok');
  dhGen.raw(32);
  const hash = dhGen.raw(16);
  const hashFor = (key: Buffer): Buffer =>
    sha1(newNonce, Buffer.from([1]), sha1(key).subarray(0, 8)).subarray(4, 20);
  let serverKeyForm: 'full' | 'stripped';
  if (hash.equals(hashFor(fullKey))) serverKeyForm = 'full';
  else if (hash.equals(hashFor(stripLeadingZeros(fullKey)))) serverKeyForm = 'stripped';
  else throw new Error('dh_gen_ok proves neither form of the key');
  const salt = newNonce.readBigInt64LE(0) ^ serverNonce.readBigInt64LE(0);
  return { fullKey, serverKeyForm, salt, connection };
}

/** Client-side MTProto 2.0 encryption (x = 0), for sending hand-made encrypted messages. */
export function encryptAsClient(
  authKey: Buffer,
  fields: {
    salt: bigint;
    sessionId: bigint;
    msgId: bigint;
    seqNo: number;
    body: Buffer;
    /** A length field that lies about the body, for bad-input tests. */
    claimedLength?: number;
  },
): Buffer {
  const plain = new TlWriter()
    .long(fields.salt)
    .long(fields.sessionId)
    .long(fields.msgId)
    .int(fields.seqNo)
    .int(fields.claimedLength ?? fields.body.length)
    .raw(fields.body)
    .toBuffer();
  const padded = Buffer.concat([plain, randomBytes(12 + ((16 - ((plain.length + 12) % 16)) % 16))]);
  const msgKey = sha256(authKey.subarray(88, 120), padded).subarray(8, 24);
  const a = sha256(msgKey, authKey.subarray(0, 36));
  const b = sha256(authKey.subarray(40, 76), msgKey);
  const key = Buffer.concat([a.subarray(0, 8), b.subarray(8, 24), a.subarray(24, 32)]);
  const iv = Buffer.concat([b.subarray(0, 8), a.subarray(8, 24), b.subarray(24, 32)]);
  const id = Buffer.alloc(8);
  id.writeBigInt64LE(authKeyIdOf(authKey), 0);
  return Buffer.concat([id, msgKey, aesIgeEncrypt(padded, key, iv)]);
}

/** Decrypts a server message (x = 8) and returns its body (after salt, session, msg_id, seq_no, length). */
export function decryptAsClient(authKey: Buffer, packet: Buffer): { msgId: bigint; body: Buffer } {
  const msgKey = packet.subarray(8, 24);
  const a = sha256(msgKey, authKey.subarray(8, 44));
  const b = sha256(authKey.subarray(48, 84), msgKey);
  const key = Buffer.concat([a.subarray(0, 8), b.subarray(8, 24), a.subarray(24, 32)]);
  const iv = Buffer.concat([b.subarray(0, 8), a.subarray(8, 24), b.subarray(24, 32)]);
  const plain = aesIgeDecrypt(packet.subarray(24), key, iv);
  if (!sha256(authKey.subarray(96, 128), plain).subarray(8, 24).equals(msgKey)) {
    throw new Error('server msg_key mismatch');
  }
  const r = new TlReader(plain);
  r.long();
  r.long();
  const msgId = r.long();
  r.int();
  return { msgId, body: r.raw(r.int()) };
}

export function clientMsgId(): bigint {
  return (BigInt(Date.now()) * 4294967n) & ~3n;
}

/** Opens a msg_container body into its messages' bodies; any other body is returned alone. */
export function openContainer(body: Buffer): Buffer[] {
  if (body.readUInt32LE(0) !== 0x73f1f8dc) return [body];
  const bodies: Buffer[] = [];
  let offset = 8;
  for (let i = 0; i < body.readInt32LE(4); i++) {
    const length = body.readInt32LE(offset + 12);
    bodies.push(body.subarray(offset + 16, offset + 16 + length));
    offset += 16 + length;
  }
  return bodies;
}

/** Reads server packets, opening containers, until a message body satisfies `wanted`. */
export async function receiveUntil(
  authKey: Buffer,
  connection: RawIntermediate,
  wanted: (body: Buffer) => boolean,
): Promise<Buffer> {
  for (;;) {
    const { body } = decryptAsClient(authKey, await connection.receive());
    const found = openContainer(body).find(wanted);
    if (found) return found;
  }
}

/** The key as the server holds it after rawHandshake. */
export function serverHeldKey(result: RawHandshakeResult): Buffer {
  return result.serverKeyForm === 'full' ? result.fullKey : stripLeadingZeros(result.fullKey);
}
