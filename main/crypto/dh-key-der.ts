/**
 * Minimal DER encoding of Diffie-Hellman keys (PKCS#3 parameters in PKCS#8 / SubjectPublicKeyInfo), so
 * that OpenSSL can be handed an arbitrary modulus, base and exponent through node:crypto key objects.
 * Only what those two structures need: INTEGER, OCTET STRING, BIT STRING, SEQUENCE and one OID.
 */

/** 1.2.840.113549.1.3.1, dhKeyAgreement. */
const DH_KEY_AGREEMENT_OID = Buffer.from('06092a864886f70d010301', 'hex');

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function element(tag: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

/** A non-negative INTEGER from its big-endian bytes. */
function integer(bigEndian: Buffer): Buffer {
  let start = 0;
  while (start < bigEndian.length - 1 && bigEndian[start] === 0) start++;
  const trimmed = bigEndian.subarray(start);
  const body = trimmed.length === 0 ? Buffer.from([0]) : trimmed;
  // A set high bit would read as negative: DER needs a leading zero then.
  const first = body[0] ?? 0;
  return element(0x02, first >= 0x80 ? Buffer.concat([Buffer.from([0]), body]) : body);
}

function sequence(...items: Buffer[]): Buffer {
  return element(0x30, Buffer.concat(items));
}

function algorithm(modulus: Buffer, generator: Buffer): Buffer {
  return sequence(DH_KEY_AGREEMENT_OID, sequence(integer(modulus), integer(generator)));
}

/** PKCS#8 PrivateKeyInfo of a DH key with private value `exponent`. */
export function dhPrivateKeyDer(modulus: Buffer, generator: Buffer, exponent: Buffer): Buffer {
  return sequence(integer(Buffer.from([0])), algorithm(modulus, generator), element(0x04, integer(exponent)));
}

/** One DER element's tag, where its body starts and where it ends. */
function readElement(der: Buffer, at: number): { tag: number; body: number; end: number } {
  const tag = der[at];
  const first = der[at + 1];
  if (tag === undefined || first === undefined) throw new RangeError('truncated DER');
  let length = first;
  let body = at + 2;
  if (first >= 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new RangeError('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[body + i] ?? Number.NaN);
    body += count;
  }
  const end = body + length;
  if (!Number.isInteger(end) || end > der.length) throw new RangeError('truncated DER');
  return { tag, body, end };
}

/** The public value (big-endian, as DER wrote it) of a DH SubjectPublicKeyInfo. */
export function dhPublicValueFromSpki(der: Buffer): Buffer {
  const outer = readElement(der, 0);
  if (outer.tag !== 0x30) throw new RangeError('not a SubjectPublicKeyInfo');
  const algorithmElement = readElement(der, outer.body);
  const bits = readElement(der, algorithmElement.end);
  // A BIT STRING whose first byte (unused bits) is zero, holding the INTEGER.
  if (bits.tag !== 0x03 || der[bits.body] !== 0) throw new RangeError('no public key BIT STRING');
  const value = readElement(der, bits.body + 1);
  if (value.tag !== 0x02) throw new RangeError('the public key is not an INTEGER');
  return der.subarray(value.body, value.end);
}
