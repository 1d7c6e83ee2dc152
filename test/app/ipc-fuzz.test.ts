import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppErrorSchema, defaultMessage, type Result } from '../../main/contract/errors.ts';
import { INVOKE_CHANNELS, isInvokeChannel, type InvokeChannel } from '../../main/contract/channels.ts';
import { contract } from '../../main/contract/ipc-contract.ts';
import { APP_ENTRY_URL } from '../../main/ipc/renderer-origin.ts';
import type { SenderInfo } from '../../main/contract/transport-types.ts';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { AppHarness, APP_SENDER, useSandboxProfile } from '../support/app-harness.ts';

/**
 * Fuzzes the real dispatcher (createAppServices, real keychain, in-process sandbox DC): thousands of random
 * and malformed payloads on every channel, and requests from senders that are not the app's top frame.
 * Every answer must be a Result with a typed error code, nothing may throw or end in INTERNAL, and the
 * services must still work afterwards. The PRNG is seeded: the seed is printed, and IPC_FUZZ_SEED=<seed>
 * replays the same run.
 */

const SEED = Number(process.env.IPC_FUZZ_SEED ?? randomInt(1, 2 ** 31));
/**
 * Planted in string values (not keys: zod names unknown keys): no error message may quote a value back,
 * such as a password typed into the wrong field.
 */
const MARKER = 'Zq9MARKERq9Z';

/** xorshift32: small, fast and fully determined by the seed. */
class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** A float in [0, 1). */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 2 ** 32;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    // In range by construction; the item itself may be undefined (a payload can be).
    return items[this.int(items.length)] as T;
  }
}

const VALID_UUID = '3f1c9c52-7e4a-4b8e-9c1d-2a5b6c7d8e9f';
const HUGE = 'A'.repeat(1_000_000);
const LONG_DIGITS = '9'.repeat(5_000);
const PEM = '-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEA\n-----END RSA PUBLIC KEY-----';

/** A valid payload for each channel: the starting point of most mutations. */
const TEMPLATES: Readonly<Record<InvokeChannel, readonly Record<string, unknown>[]>> = {
  'settings:get': [{}],
  'settings:setApiCredentials': [{ apiId: 123456, apiHash: '0123456789abcdef0123456789abcdef' }],
  'settings:setServerProfile': [
    { profile: { kind: 'sandbox' } },
    { profile: { kind: 'production' } },
    {
      profile: {
        kind: 'custom',
        name: 'Lab',
        dcs: [{ id: 2, host: '127.0.0.1', port: 443 }],
        publicKeyPem: PEM,
      },
    },
  ],
  'settings:setAutoUpdate': [{ enabled: false }, { enabled: true }],
  'login:start': [{ phone: '+15550109999' }],
  'login:list': [{}],
  'login:perform': [
    { loginId: VALID_UUID, request: { type: 'resendCode' } },
    { loginId: VALID_UUID, request: { type: 'submitCode', code: '12345' } },
    { loginId: VALID_UUID, request: { type: 'submitPassword', password: 'hunter2' } },
    { loginId: VALID_UUID, request: { type: 'signUp', firstName: 'Ada', lastName: '', acceptTerms: true } },
    { loginId: VALID_UUID, request: { type: 'setUpEmail', email: 'ada@example.com' } },
    { loginId: VALID_UUID, request: { type: 'verifyEmail', code: '123456' } },
    { loginId: VALID_UUID, request: { type: 'cancel' } },
    { loginId: VALID_UUID, request: { type: 'retry' } },
  ],
  'login:dismiss': [{ loginId: VALID_UUID }],
  'accounts:list': [{}],
  'accounts:logOut': [{ accountId: '1234567' }],
  'accounts:reconnect': [{ accountId: '1234567' }],
  'app:openExternal': [{ url: 'https://t.me/switchboard' }],
  'app:openLogFolder': [{}],
};

/**
 * Channels where a payload that is valid by chance would change what the rest of the run sees (another
 * server profile, other credentials, a real login): such payloads are drawn again instead of sent.
 */
const STATEFUL: ReadonlySet<InvokeChannel> = new Set([
  'settings:setServerProfile',
  'settings:setApiCredentials',
  'login:start',
]);

const NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  1.5,
  NaN,
  Infinity,
  -Infinity,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31),
  Number.MAX_SAFE_INTEGER + 2,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e21,
  65536,
];

const STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  'NaN',
  '[object Object]',
  '__proto__',
  'constructor',
  '\u202eRTL\u202c',
  '\u200b\u200d\ufeff',
  'e\u0301\u0301\u0301',
  '\ud800',
  '\udfff\ud800',
  '😀👨‍👩‍👧‍👦',
  'ℌ𝔢𝔩𝔩𝔬',
  '١٢٣٤٥',
  '１２３４５',
  '+１５５５０１０９９９９',
  '<script>alert(1)</script>',
  "'; DROP TABLE users; --",
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  'javascript:alert(1)',
  'http://t.me/x',
  'https://evil.example/',
  'file:///etc/passwd',
  'https://t.me@evil.example/',
  '00000000-0000-0000-0000-00000000000g',
  '3f1c9c52-7e4a-4b8e-9c1d-2a5b6c7d8e9',
  '3f1c9c527e4a4b8e9c1d2a5b6c7d8e9f',
  ` ${VALID_UUID}`,
  `${VALID_UUID}\n`,
  '{3f1c9c52-7e4a-4b8e-9c1d-2a5b6c7d8e9f}',
  'a@',
  '@b.co',
  'a@b',
  '12',
  '1234567890123',
  LONG_DIGITS,
  HUGE,
];

const KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '',
  ' ',
  'then',
  'ok',
  'error',
  '0',
  'loginId',
  'phone',
  'profile',
  'kind',
  '😀',
  'k'.repeat(10_000),
];

function randomString(rng: Rng): string {
  switch (rng.int(4)) {
    case 0:
      return rng.pick(STRINGS);
    case 1:
      return `${rng.pick(STRINGS)}${MARKER}`;
    case 2: {
      // Random code points across the whole range, surrogate halves included.
      const length = rng.int(40);
      let text = '';
      for (let i = 0; i < length; i++) text += String.fromCodePoint(rng.int(0x110000));
      return text;
    }
    default:
      return repeatUpTo(rng.pick(STRINGS), 1 + rng.int(300));
  }
}

/** `text` repeated, but never past about a megabyte (the renderer could send more; the cost is the same). */
function repeatUpTo(text: string, times: number): string {
  return text.repeat(Math.max(1, Math.min(times, Math.floor(HUGE.length / Math.max(1, text.length)))));
}

function deepNest(rng: Rng, depth: number): unknown {
  let value: unknown = rng.chance(0.5) ? MARKER : rng.pick(NUMBERS);
  const asArray = rng.chance(0.5);
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { [rng.pick(KEYS.slice(8, 16))]: value };
  return value;
}

/** Any value structured clone (Electron's IPC) can carry. */
function randomValue(rng: Rng, depth = 0): unknown {
  const leaf = depth >= 3;
  switch (rng.int(leaf ? 6 : 12)) {
    case 0:
      return rng.pick([undefined, null, true, false]);
    case 1:
    case 2:
      return rng.pick(NUMBERS);
    case 3:
    case 4:
      return randomString(rng);
    case 5:
      return rng.pick<unknown>([
        BigInt(2) ** BigInt(64),
        new Date(rng.int(2 ** 31) * 1000),
        new Date(NaN),
        /^\+\d+$/,
        new Uint8Array(rng.int(64)),
        new ArrayBuffer(8),
        new Error('not a payload'),
      ]);
    case 6:
      return Array.from({ length: rng.int(5) }, () => randomValue(rng, depth + 1));
    case 7:
      return new Map([[randomString(rng), randomValue(rng, depth + 1)]]);
    case 8:
      return new Set([randomValue(rng, depth + 1)]);
    case 9:
      return deepNest(rng, 1 + rng.int(rng.chance(0.2) ? 5_000 : 60));
    case 10: {
      const object: Record<string, unknown> = {};
      for (let i = rng.int(4); i > 0; i--) setOwn(object, rng.pick(KEYS), randomValue(rng, depth + 1));
      return object;
    }
    default:
      return pollutionAttempt(rng);
  }
}

/** Plain own properties, even for `__proto__` (as JSON.parse and structured clone create them). */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, configurable: true, writable: true });
}

function pollutionAttempt(rng: Rng): unknown {
  return rng.pick<unknown>([
    JSON.parse('{"__proto__": {"polluted": "yes", "isAdmin": true}}'),
    JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
    JSON.parse(`{"loginId": "${VALID_UUID}", "__proto__": {"code": "12345"}}`),
    JSON.parse('{"profile": {"__proto__": {"kind": "sandbox"}}}'),
    JSON.parse('{"phone": "+15550109999", "__proto__": null}'),
    Object.assign(Object.create(null) as Record<string, unknown>, { loginId: VALID_UUID, extra: 1 }),
  ]);
}

function clone(template: Record<string, unknown>): Record<string, unknown> {
  return structuredClone(template);
}

/** An object literal (or a null-prototype one), not an array, Map, Date, typed array... */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Breaks one thing about a payload. */
function mutate(rng: Rng, payload: unknown): unknown {
  if (!isPlainObject(payload)) return randomValue(rng);
  const object = payload;
  const keys = Object.keys(object);
  const key = keys.length > 0 ? rng.pick(keys) : undefined;
  switch (rng.int(9)) {
    case 0:
      return randomValue(rng);
    case 1:
      if (key !== undefined) Reflect.deleteProperty(object, key);
      else setOwn(object, rng.pick(KEYS), randomValue(rng));
      return object;
    case 2:
      setOwn(object, rng.pick(KEYS), randomValue(rng));
      return object;
    case 3:
    case 4:
      setOwn(object, key ?? rng.pick(KEYS), randomValue(rng));
      return object;
    case 5:
      if (key !== undefined) setOwn(object, key, mutateLeaf(rng, object[key]));
      return object;
    case 6:
      return rng.chance(0.5) ? [object] : Object.values(object);
    case 7:
      return pollutionAttempt(rng);
    default:
      // Nested: break something one level down (a profile's kind, a DC's port), or the whole thing again.
      if (key !== undefined && isPlainObject(object[key])) {
        setOwn(object, key, mutate(rng, object[key]));
        return object;
      }
      return mutate(rng, object);
  }
}

/** Near misses of a valid value: the same type, just wrong. */
function mutateLeaf(rng: Rng, value: unknown): unknown {
  if (typeof value === 'string') {
    return rng.pick([
      `${value}${randomString(rng)}`,
      `${randomString(rng)}${value}`,
      value.toUpperCase(),
      value.slice(0, rng.int(value.length + 1)),
      ` ${value} `,
      repeatUpTo(value, 1_000),
      value.replace(/\d/g, '٣'),
    ]);
  }
  if (typeof value === 'number') return rng.pick([...NUMBERS, value + 0.5, -value, String(value)]);
  if (typeof value === 'boolean') return rng.pick(['true', 1, 0, null]);
  return randomValue(rng);
}

function randomPayload(rng: Rng, channel: InvokeChannel): unknown {
  let payload: unknown = clone(rng.pick(TEMPLATES[channel]));
  const mutations = 1 + rng.int(3);
  for (let i = 0; i < mutations; i++) payload = mutate(rng, payload);
  return payload;
}

const FOREIGN_URLS: readonly string[] = [
  'https://evil.example/index.html',
  'http://localhost:5173/',
  'http://127.0.0.1/index.html',
  'file:///index.html',
  'file:///etc/passwd',
  'app://switchboard.evil/index.html',
  'app://evil/index.html',
  'app://switchboard@evil/index.html',
  'app://switchboard:443/index.html',
  'app:switchboard/index.html',
  'APP://SWITCHBOARD/index.html',
  'blob:app://switchboard/3f1c9c52-7e4a-4b8e-9c1d-2a5b6c7d8e9f',
  'about:blank',
  'about:srcdoc',
  'data:text/html,<script>1</script>',
  'javascript:alert(1)',
  'devtools://devtools/bundled/inspector.html',
  'chrome-extension://abcdefghijklmnop/index.html',
  'https://t.me/',
  '',
  'not a url',
  '//switchboard/index.html',
];

/** A sender the dispatcher must refuse: another page, a sub-frame, or another window. */
function untrustedSender(rng: Rng): SenderInfo {
  switch (rng.int(4)) {
    case 0:
      return { ...APP_SENDER, isMainFrame: false };
    case 1:
      return { ...APP_SENDER, isAppWindow: false };
    case 2:
      return { frameUrl: APP_ENTRY_URL, isMainFrame: false, isAppWindow: false };
    default:
      return {
        frameUrl: rng.chance(0.8) ? rng.pick(FOREIGN_URLS) : randomString(rng),
        isMainFrame: rng.chance(0.7),
        isAppWindow: rng.chance(0.7),
      };
  }
}

const BOGUS_CHANNELS: readonly string[] = [
  '',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'settings:get ',
  ' settings:get',
  'SETTINGS:GET',
  'settings:get\u0000',
  'settings',
  'login:delete',
  'accounts:export',
  'app:openPath',
  'ipc:invoke',
];

function describeValue(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_key, inner: unknown) =>
      typeof inner === 'bigint' ? `${inner.toString()}n` : inner,
    ) as string | undefined;
    return text === undefined ? String(value) : text.slice(0, 160);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

let sandbox: Sandbox;
let app: AppHarness;

beforeAll(async () => {
  sandbox = await startSandbox({ dcIds: [2] });
  await sandbox.world.addAccount({ phone: '+15550108001', firstName: 'After', lastName: 'Fuzz' });
  app = await AppHarness.start(sandbox);
  await useSandboxProfile(app);
});
afterAll(async () => {
  await app.stop();
  await sandbox.close();
});

interface FuzzRequest {
  readonly channel: string;
  readonly payload: unknown;
  readonly sender: SenderInfo;
  readonly check: (result: Result<unknown>) => void;
}

interface Tally {
  sent: number;
  validByChance: number;
  redrawn: number;
  readonly codes: Map<string, number>;
}

/** Sends the requests 64 at a time, concurrently (as a busy renderer would), and checks every answer. */
async function sendAll(requests: Iterable<FuzzRequest>, tally: Tally): Promise<void> {
  const BATCH = 64;
  const iterator = requests[Symbol.iterator]();
  for (;;) {
    const batch: FuzzRequest[] = [];
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      batch.push(next.value);
      if (batch.length === BATCH) break;
    }
    if (batch.length === 0) return;
    const results = await Promise.all(
      batch.map(async (request) => {
        try {
          return await app.raw(request.channel, request.payload, request.sender);
        } catch (error) {
          const name = error instanceof Error ? error.message : String(error);
          throw new Error(
            `seed ${String(SEED)}: ${request.channel} threw ${name} for ${describeValue(request.payload)}`,
            { cause: error },
          );
        }
      }),
    );
    results.forEach((result, i) => {
      const request = batch[i];
      if (request === undefined) return;
      tally.sent++;
      if (!result.ok) tally.codes.set(result.error.code, (tally.codes.get(result.error.code) ?? 0) + 1);
      try {
        request.check(result);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new Error(
          `seed ${String(SEED)}: ${request.channel} ${describeValue(request.payload)} from ` +
            `${describeValue(request.sender)} answered ${describeValue(result)}: ${why}`,
          { cause: error },
        );
      }
    });
  }
}

const BOGUS = 300;
const UNTRUSTED = 2_000;
/** Enough per channel that the run sends at least 10,000 requests, however many channels there are. */
const PER_CHANNEL = Math.ceil((10_000 - BOGUS - UNTRUSTED) / INVOKE_CHANNELS.length);

/** A request with a trusted sender and a random or mutated payload, on one of the contract's channels. */
function malformedRequest(rng: Rng, channel: InvokeChannel, tally: Tally): FuzzRequest {
  const schemas = contract[channel];
  let payload = randomPayload(rng, channel);
  let valid = schemas.input.safeParse(payload).success;
  while (valid && STATEFUL.has(channel)) {
    tally.redrawn++;
    payload = randomPayload(rng, channel);
    valid = schemas.input.safeParse(payload).success;
  }
  if (valid) tally.validByChance++;
  return {
    channel,
    payload,
    sender: APP_SENDER,
    check: (result) => {
      if (!valid) {
        // BAD_INPUT, or the error code the contract gives a field the user types (FIRSTNAME_INVALID...),
        // always with the catalogue's sentence, never zod's words.
        expectTypedError(result);
        if (!result.ok) expect(result.error.message).toBe(defaultMessage(result.error.code));
      } else if (result.ok) {
        expect(schemas.output.safeParse(result.value).success).toBe(true);
      } else {
        expectTypedError(result);
      }
    },
  };
}

/** A trusted sender calling a channel that is not in the contract. */
function bogusChannelRequest(rng: Rng): FuzzRequest {
  return {
    channel: rng.chance(0.6) ? rng.pick(BOGUS_CHANNELS) : randomString(rng),
    payload: rng.chance(0.5) ? {} : randomValue(rng),
    sender: APP_SENDER,
    check: (result) => {
      expectTypedError(result, 'BAD_INPUT');
    },
  };
}

/** An untrusted sender, with a valid payload half the time: refused before anything is parsed or run. */
function untrustedRequest(rng: Rng): FuzzRequest {
  const channel = rng.chance(0.9) ? rng.pick(INVOKE_CHANNELS) : rng.pick(BOGUS_CHANNELS);
  return {
    channel,
    payload:
      isInvokeChannel(channel) && rng.chance(0.5)
        ? clone(rng.pick(TEMPLATES[channel]))
        : randomPayload(rng, rng.pick(INVOKE_CHANNELS)),
    sender: untrustedSender(rng),
    check: (result) => {
      expectTypedError(result, 'FORBIDDEN_SENDER');
    },
  };
}

/**
 * Every request of the run, made as it is sent (so the megabyte strings do not pile up), with the three
 * kinds interleaved at random so that refusals and answers run concurrently.
 */
function* fuzzRequests(rng: Rng, tally: Tally): Generator<FuzzRequest> {
  let malformed = PER_CHANNEL * INVOKE_CHANNELS.length;
  let bogus = BOGUS;
  let untrusted = UNTRUSTED;
  let turn = 0;
  while (malformed + bogus + untrusted > 0) {
    const draw = rng.int(malformed + bogus + untrusted);
    if (draw < malformed) {
      malformed--;
      yield malformedRequest(rng, INVOKE_CHANNELS[turn++ % INVOKE_CHANNELS.length] ?? 'settings:get', tally);
    } else if (draw < malformed + bogus) {
      bogus--;
      yield bogusChannelRequest(rng);
    } else {
      untrusted--;
      yield untrustedRequest(rng);
    }
  }
}

function expectTypedError(result: Result<unknown>, code?: string): void {
  if (result.ok) throw new Error('expected a refusal');
  expect(AppErrorSchema.safeParse(result.error).success).toBe(true);
  if (code !== undefined) expect(result.error.code).toBe(code);
  expect(result.error.code).not.toBe('INTERNAL');
  expect(result.error.message.length).toBeGreaterThan(0);
  expect(result.error.message).not.toContain(MARKER);
}

describe('IPC fuzzing', () => {
  it(`answers every malformed request with a typed error (seed ${String(SEED)})`, async () => {
    console.log(`ipc-fuzz seed ${String(SEED)} (replay with IPC_FUZZ_SEED=${String(SEED)})`);
    const rng = new Rng(SEED);
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const tally: Tally = { sent: 0, validByChance: 0, redrawn: 0, codes: new Map() };
    const started = performance.now();

    await sendAll(fuzzRequests(rng, tally), tally);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `ipc-fuzz: ${String(tally.sent)} requests in ${seconds} s; ${String(tally.validByChance)} valid by ` +
        `chance, ${String(tally.redrawn)} redrawn; codes ${describeValue(Object.fromEntries(tally.codes))}`,
    );

    expect(tally.sent).toBe(PER_CHANNEL * INVOKE_CHANNELS.length + BOGUS + UNTRUSTED);
    expect(tally.sent).toBeGreaterThanOrEqual(10_000);
    // The generator is meant to break payloads; if most came out valid, the fuzzing would prove little.
    expect(tally.validByChance).toBeLessThan(tally.sent / 20);
    expect(tally.codes.get('BAD_INPUT') ?? 0).toBeGreaterThan(7_000);
    expect(tally.codes.get('FORBIDDEN_SENDER')).toBe(UNTRUSTED);
    expect(tally.codes.has('INTERNAL')).toBe(false);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(app.logs.filter((line) => line.level === 'error')).toEqual([]);
  });

  it('still serves settings, logins and accounts afterwards', async () => {
    const settings = await app.ok('settings:get', {});
    expect(settings.serverProfile).toEqual({ kind: 'sandbox' });
    expect(settings.keychainError).toBeNull();
    expect(await app.ok('login:list', {})).toEqual([]);
    expect(await app.ok('accounts:list', {})).toEqual([]);

    const phone = '+15550108001';
    const card = await app.ok('login:start', { phone });
    await app.waitForStep(card.id, 'codeSent');
    const done = await app.ok('login:perform', {
      loginId: card.id,
      request: { type: 'submitCode', code: sandbox.world.outbox.lastCode(phone) ?? '' },
    });
    if (done.state.step !== 'signedIn') throw new Error(`the login ended in ${done.state.step}`);
    const accounts = await app.ok('accounts:list', {});
    expect(accounts.map((account) => account.firstName)).toEqual(['After']);
  });
});
