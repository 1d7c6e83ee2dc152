import { describe, expect, it } from 'vitest';
import { apiHashProblem, parseApiId } from '../../../renderer/src/settings/credentials-check.ts';
import { customServerFields, parseCustomServer } from '../../../renderer/src/settings/custom-server.ts';
import { ServerProfileSchema } from '../../../main/contract/server-profile.ts';

const PEM = '-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEA\n-----END RSA PUBLIC KEY-----';

describe('the custom server form', () => {
  it('turns the fields into a profile', () => {
    const parsed = parseCustomServer({
      name: ' Lab ',
      dcs: '1 10.0.0.1:443\n\n 2  lab.example.org:8443 ',
      publicKeyPem: PEM,
    });
    expect(parsed).toEqual({
      ok: true,
      profile: {
        kind: 'custom',
        name: 'Lab',
        dcs: [
          { id: 1, host: '10.0.0.1', port: 443 },
          { id: 2, host: 'lab.example.org', port: 8443 },
        ],
        publicKeyPem: PEM,
      },
    });
  });

  it('fills the fields back from a custom profile', () => {
    const parsed = parseCustomServer({ name: 'Lab', dcs: '1 10.0.0.1:443\n2 [::1]:80', publicKeyPem: PEM });
    if (!parsed.ok) throw new Error('expected a profile');
    expect(customServerFields(parsed.profile)).toEqual({
      name: 'Lab',
      dcs: '1 10.0.0.1:443\n2 [::1]:80',
      publicKeyPem: PEM,
    });
    expect(customServerFields({ kind: 'sandbox' })).toEqual({ name: '', dcs: '', publicKeyPem: '' });
  });

  it('words each problem for its field', () => {
    const parsed = parseCustomServer({
      name: '  ',
      dcs: '1 10.0.0.1:443\n2 10.0.0.2',
      publicKeyPem: 'ssh-rsa AAAA',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.name).toMatch(/Enter a name/);
    expect(parsed.errors.dcs).toMatch(/^Line 2 is not "id host:port"/);
    expect(parsed.errors.publicKeyPem).toMatch(/RSA public key in PEM form/);
  });

  it.each([
    ['', /Add at least one data center/],
    ['1 a:443\n1 b:443', /Line 2 repeats data center 1/],
    ['1 a:70000', /Line 1: the port is a number from 1 to 65535/],
    ['2000 a:443', /Line 1: the data center id is a number from 1 to 1000/],
  ])('explains data centers %j', (dcs, message) => {
    const parsed = parseCustomServer({ name: 'Lab', dcs, publicKeyPem: PEM });
    expect(parsed.ok ? null : parsed.errors.dcs).toMatch(message);
  });
});

describe('the credentials checks', () => {
  it.each([
    ['', /Enter the API ID/],
    ['12a', /digits only/],
    ['-5', /digits only/],
    ['0', /from 1 to 2147483647/],
    ['2147483648', /from 1 to 2147483647/],
  ])('refuses the API ID %j', (text, message) => {
    const parsed = parseApiId(text);
    expect(parsed.ok ? null : parsed.message).toMatch(message);
  });

  it('reads a good API ID', () => {
    expect(parseApiId(' 2147483647 ')).toEqual({ ok: true, value: 2147483647 });
  });

  it('checks the API hash', () => {
    expect(apiHashProblem(' 0123456789abcdefABCDEF0123456789 ', false)).toBeNull();
    expect(apiHashProblem('0123456789abcdef', false)).toMatch(/32 characters/);
    expect(apiHashProblem('g123456789abcdef0123456789abcdef', false)).toMatch(/32 characters/);
    expect(apiHashProblem('', false)).toMatch(/Enter the API hash from my.telegram.org/);
    expect(apiHashProblem('', true)).toMatch(/again/);
  });
});

describe('the custom server form and the contract', () => {
  // The form checks the contract's bounds without zod; main checks them again with the schema. Both must
  // agree on every edge.
  it.each([
    ['Lab', '1 a:1', PEM],
    ['L'.repeat(64), '1000 a:65535', PEM],
    ['L'.repeat(65), '1 a:443', PEM],
    ['Lab', '0 a:443', PEM],
    ['Lab', '1001 a:443', PEM],
    ['Lab', '1 a:0', PEM],
    ['Lab', '1 a:65536', PEM],
    ['Lab', `1 ${'h'.repeat(253)}:443`, PEM],
    ['Lab', `1 ${'h'.repeat(254)}:443`, PEM],
    ['Lab', Array.from({ length: 16 }, (_, i) => `${String(i + 1)} a:443`).join('\n'), PEM],
    ['Lab', Array.from({ length: 17 }, (_, i) => `${String(i + 1)} a:443`).join('\n'), PEM],
    ['Lab', '1 a:443', '-----BEGIN PUBLIC KEY-----\nMII\n-----END PUBLIC KEY-----'],
    ['Lab', '1 a:443', 'not a key'],
  ])('agrees with ServerProfileSchema on %j / %j', (name, dcs, publicKeyPem) => {
    const form = parseCustomServer({ name, dcs, publicKeyPem });
    const lines = dcs.split('\n').map((line) => /^(\d+) (\S+):(\d+)$/.exec(line));
    const schema = ServerProfileSchema.safeParse({
      kind: 'custom',
      name,
      dcs: lines.map((m) => ({ id: Number(m?.[1]), host: m?.[2], port: Number(m?.[3]) })),
      publicKeyPem,
    });
    expect(form.ok).toBe(schema.success);
  });
});
