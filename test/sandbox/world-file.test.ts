import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api } from 'telegram';
import {
  DEFAULT_LADDER,
  loadWorldFile,
  ManualClock,
  parseWorldFile,
  startSandbox,
  WorldFileError,
  type Sandbox,
} from '../../main/sandbox/index.ts';
import { ClientPool } from '../support/gram-client.ts';
import { expectAuthorization, failure, sentCode, signIn, userOf } from '../support/login.ts';

/** World files: loading and validation (with messages that point at the bad value), and seeding a sandbox. */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-world-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function loadError(path: string): Promise<WorldFileError> {
  const error = await failure(loadWorldFile(path));
  expect(error).toBeInstanceOf(WorldFileError);
  return error as WorldFileError;
}

describe('loadWorldFile', () => {
  it('reads a valid file and fills in the defaults', async () => {
    const path = await file(
      'valid.json',
      JSON.stringify({
        settings: { codeTtlSeconds: 120, limits: { codesSent: { limit: 9, windowSeconds: 60 } } },
        accounts: [
          { phone: '+1 (555) 000-6001', firstName: 'Wren', password: 'pw', passwordHint: 'the usual' },
          {
            phone: '9996631234',
            registered: false,
            ladder: [{ type: 'sms' }, { type: 'smsWord', word: 'maple' }],
          },
        ],
      }),
    );
    const world = await loadWorldFile(path);
    expect(world.settings.codeTtlSeconds).toBe(120);
    expect(world.settings.codeLength).toBe(5);
    expect(world.settings.ladder).toEqual(DEFAULT_LADDER);
    expect(world.settings.limits).toEqual({
      codesSent: { limit: 9, windowSeconds: 60 },
      wrongCodes: { limit: 5, windowSeconds: 3600 },
      wrongPasswords: { limit: 5, windowSeconds: 3600 },
    });
    expect(world.accounts[0]).toMatchObject({
      registered: true,
      banned: false,
      lastName: '',
      passwordHint: 'the usual',
    });
    expect(world.accounts[1]?.ladder).toEqual([{ type: 'sms' }, { type: 'smsWord', word: 'maple' }]);
  });

  it('names the file and every bad value', async () => {
    const path = await file(
      'invalid.json',
      JSON.stringify({
        settings: { ladder: [{ type: 'app' }, { type: 'telepathy' }], codeTtlSeconds: -1 },
        accounts: [
          { phoen: '+15550006002' },
          { phone: 'call me', code: '12ab', ladder: [{ type: 'email' }] },
          { phone: '+15550006003', passwordHint: 'no password' },
        ],
      }),
    );
    const { message } = await loadError(path);
    expect(message).toContain(`the world file ${path} is not a valid sandbox world`);
    expect(message).toContain('Unrecognized key: "phoen"');
    expect(message).toContain('→ at accounts[0]');
    expect(message).toContain('→ at accounts[1].phone');
    expect(message).toContain('→ at accounts[1].code');
    expect(message).toContain('an `email` rung needs a `loginEmail`');
    expect(message).toContain('a hint needs a `password`');
    expect(message).toContain('→ at settings.ladder[1].type');
    expect(message).toContain('→ at settings.codeTtlSeconds');
  });

  it('reports unreadable files and bad JSON', async () => {
    expect((await loadError(join(dir, 'missing.json'))).message).toMatch(
      /^cannot read the world file .*missing\.json/,
    );
    expect((await loadError(await file('broken.json', '{"accounts": ['))).message).toMatch(
      /broken\.json is not JSON/,
    );
  });

  it('refuses an email rung in the world-wide ladder', () => {
    expect(() => parseWorldFile({ settings: { ladder: [{ type: 'email' }] } })).toThrow(
      /the world-wide ladder cannot use `email`/,
    );
  });
});

describe('seeding a sandbox', () => {
  it('refuses accounts on DCs that do not run, duplicates and taken ids', async () => {
    const start = (accounts: unknown[]): Promise<unknown> =>
      failure(startSandbox({ dcIds: [2], world: { accounts } as never }));
    expect(String(await start([{ phone: '+15550006010', dc: 4 }]))).toContain(
      'account +15550006010: its home DC 4 is not running (DCs: 2)',
    );
    expect(String(await start([{ phone: '9996641234' }]))).toContain('its home DC 4 is not running');
    expect(String(await start([{ phone: '+15550006011' }, { phone: '1-555-000-6011' }]))).toContain(
      'account +15550006011 is in the world twice',
    );
    expect(
      String(
        await start([
          { phone: '+15550006012', id: 7 },
          { phone: '+15550006013', id: 7 },
        ]),
      ),
    ).toContain('user id 7 is taken');
  });

  describe('from a world file', () => {
    let sandbox: Sandbox;
    let pool: ClientPool;
    beforeAll(async () => {
      const path = await file(
        'seed.json',
        JSON.stringify({
          settings: { codeTtlSeconds: 60, openRegistration: false },
          accounts: [{ phone: '+15550006020', dc: 3, firstName: 'Seeded', code: '909090' }],
        }),
      );
      sandbox = await startSandbox({
        dcIds: [2, 3],
        clock: new ManualClock(),
        world: await loadWorldFile(path),
      });
      pool = new ClientPool(sandbox);
    });
    afterEach(async () => {
      await pool.destroyClients();
    });
    afterAll(async () => {
      await sandbox.close();
    });

    it('signs in a seeded account with its fixed code, and knows no other numbers', async () => {
      const client = await pool.connected({ dcId: 3 });
      const sent = await sentCode(client, '+15550006020');
      expect((sent.type as Api.auth.SentCodeTypeApp).length).toBe(6);
      expect(
        userOf(expectAuthorization(await signIn(client, '+15550006020', sent.phoneCodeHash, '909090')))
          .firstName,
      ).toBe('Seeded');
      // openRegistration false: an unknown (non-test) number does not exist.
      const error = await failure(sentCode(client, '+15550006099'));
      expect((error as { errorMessage?: string }).errorMessage).toBe('PHONE_NUMBER_INVALID');
    });

    it('adds accounts from code while running', async () => {
      const account = await sandbox.world.addAccount({
        phone: '+15550006021',
        dc: 2,
        firstName: 'Later',
        code: '777777',
      });
      expect(account.homeDc).toBe(2);
      const client = await pool.connected({ dcId: 2 });
      const sent = await sentCode(client, '+15550006021');
      expect(
        userOf(
          expectAuthorization(await signIn(client, '+15550006021', sent.phoneCodeHash, '777777')),
        ).id.toString(),
      ).toBe(account.id.toString());
      await expect(sandbox.world.addAccount({ phone: '+15550006021' })).rejects.toThrow(/in the world twice/);
      await expect(sandbox.world.addAccount({ phone: 'nope' })).rejects.toBeInstanceOf(WorldFileError);
    });
  });
});
