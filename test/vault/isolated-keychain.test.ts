import { afterAll, describe, expect, it } from 'vitest';
import { IsolatedKeychain } from '../../main/vault/isolated-keychain.ts';
import type { KeychainHostHandle, KeychainHostLauncher } from '../../main/vault/keychain-host-launcher.ts';
import { nodeKeychainHost } from '../../main/vault/node-keychain-host.ts';
import {
  deleteServices,
  testProbe,
  testServiceBase,
  keychainFailure as failure,
} from '../support/keychain.ts';

/** The keychain host as main runs it: a real child process with keytar, on the test's keyring. */
const base = testServiceBase();
const SERVICE = `${base} isolated`;

/** Starts real hosts and keeps their handles, so a test can end one from outside or hold its requests. */
function recordingLauncher(): {
  launch: KeychainHostLauncher;
  handles: KeychainHostHandle[];
  holdRequests: { on: boolean };
} {
  const real = nodeKeychainHost();
  const handles: KeychainHostHandle[] = [];
  const holdRequests = { on: false };
  const launch: KeychainHostLauncher = () => {
    const handle = real();
    handles.push(handle);
    return {
      ...handle,
      // A held request is never delivered: the host looks hung, as a stopped keychain daemon makes it.
      send: (request) => {
        if (!holdRequests.on || request.kind !== 'call') handle.send(request);
      },
    };
  };
  return { launch, handles, holdRequests };
}

afterAll(async () => {
  await deleteServices(base, [base, SERVICE]);
});

describe('IsolatedKeychain (keytar in a host process)', () => {
  it('reads and writes through the host', async () => {
    const keychain = new IsolatedKeychain({ launch: nodeKeychainHost(), probe: testProbe(base) });
    await keychain.set(SERVICE, 'alice', 'secret one');
    expect(await keychain.get(SERVICE, 'alice')).toBe('secret one');
    expect((await keychain.findAll(SERVICE)).map((entry) => entry.account)).toEqual(['alice']);
    expect(await keychain.delete(SERVICE, 'alice')).toBe(true);
    expect(await keychain.get(SERVICE, 'alice')).toBeNull();
    keychain.close();
  });

  it('fails a call whose host dies with KEYCHAIN_UNAVAILABLE (crashed), and the next call starts a new host', async () => {
    const { launch, handles } = recordingLauncher();
    const keychain = new IsolatedKeychain({ launch, probe: testProbe(base) });
    await keychain.set(SERVICE, 'bob', 'kept');
    const pending = keychain.get(SERVICE, 'bob');
    handles[0]?.kill();
    const error = await failure(pending);
    expect(error.error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(error.kind).toBe('crashed');
    expect(await keychain.get(SERVICE, 'bob')).toBe('kept');
    expect(handles).toHaveLength(2);
    await keychain.delete(SERVICE, 'bob');
    keychain.close();
  });

  it('gives up on a host that does not answer (timeout), kills it, and works again after', async () => {
    const { launch, handles, holdRequests } = recordingLauncher();
    const keychain = new IsolatedKeychain({ launch, probe: testProbe(base), callTimeoutMs: 500 });
    await keychain.set(SERVICE, 'carol', 'kept');
    holdRequests.on = true;
    const error = await failure(keychain.get(SERVICE, 'carol'));
    expect(error.error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(error.kind).toBe('timeout');
    holdRequests.on = false;
    expect(await keychain.get(SERVICE, 'carol')).toBe('kept');
    expect(handles).toHaveLength(2);
    await keychain.delete(SERVICE, 'carol');
    keychain.close();
  });

  it('refuses names and secrets the keychain cannot hold before anything is sent', async () => {
    const { launch, handles } = recordingLauncher();
    const keychain = new IsolatedKeychain({ launch, probe: testProbe(base) });
    await expect(keychain.get('', 'x')).rejects.toThrow();
    await expect(keychain.set(SERVICE, 'x', '')).rejects.toThrow();
    expect(handles).toHaveLength(0);
  });
});
