import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api, errors } from 'telegram';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import { ClientPool } from '../support/gram-client.ts';

let sandbox: Sandbox;
let pool: ClientPool;

beforeAll(async () => {
  sandbox = await startSandbox();
  pool = new ClientPool(sandbox);
});
afterEach(async () => {
  await pool.destroyClients();
});
afterAll(async () => {
  await sandbox.close();
});

describe('the sandbox DC speaks MTProto to an unmodified GramJS client', () => {
  it('completes the auth-key handshake and answers help.getConfig with every DC', async () => {
    const before = sandbox.stats(2).handshakes;
    const client = await pool.connected({ dcId: 2 });
    const config = await client.invoke(new Api.help.GetConfig());
    expect(config.thisDc).toBe(2);
    expect(
      config.dcOptions.filter((o) => !o.ipv6 && !o.mediaOnly).map((o) => [o.id, o.ipAddress, o.port]),
    ).toEqual(sandbox.dcIds.map((id) => [id, '127.0.0.1', sandbox.portFor(id)]));
    expect(sandbox.stats(2).handshakes).toBe(before + 1);
  });

  it('answers help.getNearestDc and help.getCountriesList', async () => {
    const client = await pool.connected({ dcId: 3 });
    const nearest = await client.invoke(new Api.help.GetNearestDc());
    expect(nearest.thisDc).toBe(3);
    const countries = await client.invoke(new Api.help.GetCountriesList({ langCode: 'en', hash: 0 }));
    if (!(countries instanceof Api.help.CountriesList)) throw new Error('expected a full list');
    expect(countries.countries.map((c) => c.iso2)).toContain('FT');
    const again = await client.invoke(
      new Api.help.GetCountriesList({ langCode: 'en', hash: countries.hash }),
    );
    expect(again).toBeInstanceOf(Api.help.CountriesListNotModified);
  });

  it('answers a method it does not implement with 400 SANDBOX_METHOD_UNSUPPORTED', async () => {
    const client = await pool.connected();
    const error = await client.invoke(new Api.messages.GetDialogFilters()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.RPCError);
    expect((error as errors.RPCError).code).toBe(400);
    expect((error as errors.RPCError).errorMessage).toBe('SANDBOX_METHOD_UNSUPPORTED');
  });
});
