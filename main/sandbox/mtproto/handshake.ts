import { randomBytes } from 'node:crypto';
import { randomPqPair } from '../crypto/pq-primes.ts';
import { aesIgeDecrypt, aesIgeEncrypt } from '../crypto/aes.ts';
import {
  powGenerator,
  powMod,
  TELEGRAM_DH_G,
  TELEGRAM_DH_PRIME,
  TELEGRAM_DH_PRIME_BIGINT,
} from '../crypto/dh-prime.ts';
import { bigintFromBytes, bytesFromBigint } from '../../crypto/bigint-bytes.ts';
import { sha1, stripLeadingZeros } from '../crypto/hashes.ts';
import { decryptRsaPad, RsaPadError, type ServerRsaKey } from '../crypto/rsa.ts';
import { TlParseError, TlReader } from '../tl/tl-reader.ts';
import { TlWriter } from '../tl/tl-writer.ts';

const Ctor = {
  reqPq: 0x60469778,
  reqPqMulti: 0xbe7e8ef1,
  resPq: 0x05162463,
  reqDhParams: 0xd712e4be,
  pqInnerData: 0x83c95aec,
  pqInnerDataDc: 0xa9f55f95,
  serverDhParamsOk: 0xd0e8075c,
  serverDhInnerData: 0xb5890dba,
  setClientDhParams: 0xf5045f1f,
  clientDhInnerData: 0x6643b654,
  dhGenOk: 0x3bcbf734,
} as const;

/** A handshake message that is malformed or does not follow the previous step: the connection is closed. */
export class HandshakeError extends Error {
  override readonly name = 'HandshakeError';
}

export type HandshakeStep = 'req_pq' | 'req_DH_params' | 'set_client_DH_params';

export interface NewAuthKey {
  readonly key: Buffer;
  /** new_nonce[0:8] XOR server_nonce[0:8], the first valid server salt. */
  readonly salt: bigint;
}

export interface HandshakeOptions {
  readonly rsaKey: ServerRsaKey;
  /**
   * true: the auth key is always 256 bytes, as on Telegram. false (default): mirror GramJS, which drops
   * leading zero bytes of g_ab (about 1 handshake in 200), so every handshake succeeds deterministically.
   */
  readonly strictAuthKeyPadding: boolean;
  readonly nowSeconds: () => number;
}

type State =
  | { readonly step: 'idle' }
  | {
      readonly step: 'sentResPq';
      readonly nonce: Buffer;
      readonly serverNonce: Buffer;
      readonly p: bigint;
      readonly q: bigint;
    }
  | {
      readonly step: 'sentDhParams';
      readonly nonce: Buffer;
      readonly serverNonce: Buffer;
      readonly newNonce: Buffer;
      readonly a: Buffer;
      readonly tmpKey: Buffer;
      readonly tmpIv: Buffer;
    };

/** The server half of the auth-key exchange (req_pq_multi, req_DH_params with RSA_PAD, set_client_DH_params). */
export class AuthKeyHandshake {
  private state: State = { step: 'idle' };

  constructor(private readonly options: HandshakeOptions) {}

  /** Which step an unencrypted message would perform, for scripted handshake faults. */
  static stepOf(body: Buffer): HandshakeStep | undefined {
    if (body.length < 4) return undefined;
    const id = body.readUInt32LE(0);
    if (id === Ctor.reqPq || id === Ctor.reqPqMulti) return 'req_pq';
    if (id === Ctor.reqDhParams) return 'req_DH_params';
    if (id === Ctor.setClientDhParams) return 'set_client_DH_params';
    return undefined;
  }

  /** Answers one unencrypted message; `authKey` is set once the exchange is complete. */
  handle(body: Buffer): { reply: Buffer; authKey?: NewAuthKey } {
    try {
      const step = AuthKeyHandshake.stepOf(body);
      switch (step) {
        case 'req_pq':
          return { reply: this.onReqPq(new TlReader(body)) };
        case 'req_DH_params':
          return { reply: this.onReqDhParams(new TlReader(body)) };
        case 'set_client_DH_params':
          return this.onSetClientDhParams(new TlReader(body));
        case undefined:
          throw new HandshakeError('unexpected unencrypted message');
      }
    } catch (error) {
      if (error instanceof TlParseError || error instanceof RsaPadError)
        throw new HandshakeError(error.message);
      throw error;
    }
  }

  private onReqPq(r: TlReader): Buffer {
    r.uint();
    const nonce = r.raw(16);
    const serverNonce = randomBytes(16);
    const { p, q } = randomPqPair();
    this.state = { step: 'sentResPq', nonce, serverNonce, p, q };
    return new TlWriter()
      .uint(Ctor.resPq)
      .raw(nonce)
      .raw(serverNonce)
      .bytes(bytesFromBigint(p * q))
      .vectorOfLongs([this.options.rsaKey.fingerprint])
      .toBuffer();
  }

  private onReqDhParams(r: TlReader): Buffer {
    const s = this.state;
    if (s.step !== 'sentResPq') throw new HandshakeError('req_DH_params out of order');
    r.uint();
    const nonce = r.raw(16);
    const serverNonce = r.raw(16);
    const p = bigintFromBytes(r.bytes());
    const q = bigintFromBytes(r.bytes());
    const fingerprint = r.long();
    const encrypted = r.bytes();
    if (!nonce.equals(s.nonce) || !serverNonce.equals(s.serverNonce))
      throw new HandshakeError('nonce mismatch');
    if (fingerprint !== this.options.rsaKey.fingerprint) throw new HandshakeError('unknown key fingerprint');
    if (!((p === s.p && q === s.q) || (p === s.q && q === s.p)))
      throw new HandshakeError('wrong factorisation');

    const inner = new TlReader(decryptRsaPad(this.options.rsaKey, encrypted));
    const innerId = inner.uint();
    if (innerId !== Ctor.pqInnerData && innerId !== Ctor.pqInnerDataDc)
      throw new HandshakeError('bad p_q_inner_data');
    inner.bytes();
    inner.bytes();
    inner.bytes();
    if (!inner.raw(16).equals(nonce) || !inner.raw(16).equals(serverNonce)) {
      throw new HandshakeError('inner nonce mismatch');
    }
    const newNonce = Buffer.from(inner.raw(32));

    // A 256-bit secret exponent: ample for a local test server and about eight times cheaper than 2048 bits.
    const a = randomBytes(32);
    const gA = powGenerator(a);
    const answer = new TlWriter()
      .uint(Ctor.serverDhInnerData)
      .raw(nonce)
      .raw(serverNonce)
      .int(TELEGRAM_DH_G)
      .bytes(TELEGRAM_DH_PRIME)
      .bytes(gA)
      .int(this.options.nowSeconds())
      .toBuffer();
    const withHash = Buffer.concat([sha1(answer), answer]);
    const padded = Buffer.concat([withHash, randomBytes((16 - (withHash.length % 16)) % 16)]);
    const { key, iv } = temporaryAesKey(serverNonce, newNonce);
    this.state = { step: 'sentDhParams', nonce, serverNonce, newNonce, a, tmpKey: key, tmpIv: iv };
    return new TlWriter()
      .uint(Ctor.serverDhParamsOk)
      .raw(nonce)
      .raw(serverNonce)
      .bytes(aesIgeEncrypt(padded, key, iv))
      .toBuffer();
  }

  private onSetClientDhParams(r: TlReader): { reply: Buffer; authKey: NewAuthKey } {
    const s = this.state;
    if (s.step !== 'sentDhParams') throw new HandshakeError('set_client_DH_params out of order');
    r.uint();
    const nonce = r.raw(16);
    const serverNonce = r.raw(16);
    const encrypted = r.bytes();
    if (!nonce.equals(s.nonce) || !serverNonce.equals(s.serverNonce))
      throw new HandshakeError('nonce mismatch');
    if (encrypted.length === 0 || encrypted.length % 16 !== 0) throw new HandshakeError('bad encrypted_data');

    const plain = aesIgeDecrypt(encrypted, s.tmpKey, s.tmpIv);
    const inner = new TlReader(plain.subarray(20));
    inner.expectConstructor(Ctor.clientDhInnerData, 'client_DH_inner_data');
    inner.raw(16);
    inner.raw(16);
    inner.long();
    const gB = inner.bytes();
    if (!sha1(plain.subarray(20, 20 + inner.position)).equals(plain.subarray(0, 20))) {
      throw new HandshakeError('client_DH_inner_data hash mismatch');
    }
    const gBValue = bigintFromBytes(gB);
    if (gBValue <= 1n || gBValue >= TELEGRAM_DH_PRIME_BIGINT - 1n)
      throw new HandshakeError('g_b out of range');

    const full = powMod(gB, s.a);
    const key = this.options.strictAuthKeyPadding ? full : stripLeadingZeros(full);
    const auxHash = sha1(key).subarray(0, 8);
    const newNonceHash1 = sha1(s.newNonce, Buffer.from([1]), auxHash).subarray(4, 20);
    const salt = s.newNonce.readBigInt64LE(0) ^ serverNonce.readBigInt64LE(0);
    this.state = { step: 'idle' };
    return {
      reply: new TlWriter().uint(Ctor.dhGenOk).raw(nonce).raw(serverNonce).raw(newNonceHash1).toBuffer(),
      authKey: { key: Buffer.from(key), salt },
    };
  }
}

/** tmp_aes_key and tmp_aes_iv, derived from server_nonce and new_nonce as the protocol defines. */
function temporaryAesKey(serverNonce: Buffer, newNonce: Buffer): { key: Buffer; iv: Buffer } {
  const nsSn = sha1(newNonce, serverNonce);
  const snNs = sha1(serverNonce, newNonce);
  const nsNs = sha1(newNonce, newNonce);
  return {
    key: Buffer.concat([nsSn, snNs.subarray(0, 12)]),
    iv: Buffer.concat([snNs.subarray(12, 20), nsNs, newNonce.subarray(0, 4)]),
  };
}
