import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StringSession } from 'telegram/sessions';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { isNativeArithmeticInstalled } from '../../main/telegram/gramjs/arithmetic-patch.ts';
import { installGramjsPatches } from '../../main/telegram/gramjs/install.ts';
import { senderOf, storedAuthKey, transportUp } from '../../main/telegram/gramjs/private-fields.ts';
import { isNativeBigIntReaderInstalled } from '../../main/telegram/gramjs/read-bigint-patch.ts';
import {
  checkTelegramVersion,
  installedTelegramVersion,
  TESTED_TELEGRAM_VERSION,
} from '../../main/telegram/gramjs/version.ts';
import { ClientPool } from '../support/gram-client.ts';

/**
 * The canaries of main/telegram/gramjs/: everything the app changes in GramJS or reads of its private
 * fields, checked on the installed `telegram`. When an update of GramJS moves one of them, the test of that
 * one fails here, by name, instead of the app misbehaving somewhere far away.
 */
const requireGram = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '../..');

let sandbox: Sandbox;
let pool: ClientPool;
beforeAll(async () => {
  installGramjsPatches();
  sandbox = await startSandbox({ dcIds: [2] });
  pool = new ClientPool(sandbox);
});
afterAll(async () => {
  await pool.destroyClients();
  await sandbox.close();
});

describe('the telegram version', () => {
  it('is the one the patches were tested with, and the one package.json pins', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(installedTelegramVersion()).toBe(TESTED_TELEGRAM_VERSION);
    expect(manifest.dependencies.telegram).toBe(TESTED_TELEGRAM_VERSION);
  });

  it('refuses any other, saying what to do', () => {
    expect(() => {
      checkTelegramVersion('2.26.23');
    }).toThrow(
      "Switchboard's GramJS patches were tested with telegram 2.26.22, but 2.26.23 is installed. Reinstall the locked dependencies (npm ci), or update main/telegram/gramjs/ for 2.26.23 and run its canary tests.",
    );
  });
});

describe('each patch is in place after installGramjsPatches()', () => {
  it('arithmetic-patch: Helpers.modExp and Factorizator.factorize are the native ones', () => {
    expect(isNativeArithmeticInstalled()).toBe(true);
  });

  it("read-bigint-patch: Helpers' 64-bit codec is the native one", () => {
    expect(isNativeBigIntReaderInstalled()).toBe(true);
  });

  it('reconnect-pacing: MTProtoSender._reconnect goes through the pacer', () => {
    const { MTProtoSender } = requireGram('telegram/network/MTProtoSender') as {
      MTProtoSender: { prototype: { _reconnect: { name: string } } };
    };
    expect(MTProtoSender.prototype._reconnect.name).toBe('pacedReconnect');
  });

  it('server-trust: RSA._serverKeys answers lookups through the scope, and the handshake is wrapped', () => {
    const rsa = requireGram('telegram/crypto/RSA') as { _serverKeys: Map<string, unknown> };
    expect(Object.prototype.hasOwnProperty.call(rsa._serverKeys, 'get')).toBe(true);
    // GramJS's own keys are still there for a connection the app did not make.
    expect(rsa._serverKeys.get('-3414540481677951611')).toBeDefined();
    const authenticator = requireGram('telegram/network/Authenticator') as {
      doAuthentication: { name: string };
    };
    expect(authenticator.doAuthentication.name).not.toBe('doAuthentication');
  });
});

describe('the private fields the app reads', () => {
  it('_sender: absent before connect, up while connected, down after disconnect', async () => {
    const client = pool.create({ dcId: 2 });
    expect(senderOf(client)).toBeUndefined();
    await client.connect();
    expect(senderOf(client)?.userDisconnected).toBe(false);
    expect(transportUp(client)).toBe(true);
    await client.disconnect();
    expect(transportUp(client)).toBe(false);
  });

  it('session._key: the auth key a saved session string holds', async () => {
    const client = await pool.connected({ dcId: 2 });
    if (!(client.session instanceof StringSession)) throw new Error('the pool makes StringSession clients');
    const saved = client.session.save();
    const key = storedAuthKey(new StringSession(saved));
    expect(key?.length).toBeGreaterThanOrEqual(248);
    expect(storedAuthKey(new StringSession(''))).toBeUndefined();
  });
});

describe('the room', () => {
  it('is the only place in the product that reads GramJS private fields or patches its prototypes', () => {
    const files = execFileSync(
      'git',
      ['ls-files', '--cached', '--others', '--exclude-standard', 'main/**/*.ts'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    )
      .split('\n')
      .filter(
        (file) =>
          file !== '' && !file.startsWith('main/telegram/gramjs/') && !file.startsWith('main/sandbox/'),
      );
    const outside = files.filter((file) =>
      /\._(sender|serverKeys|key|reconnect)\b|MTProtoSender\.prototype|requireFromHere\('telegram\//.test(
        readFileSync(join(ROOT, file), 'utf8'),
      ),
    );
    expect(outside).toEqual([]);
  });
});
