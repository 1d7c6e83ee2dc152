import { act, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { appError } from '../../../main/contract/errors.ts';
import type { SettingsView as Settings } from '../../../main/contract/ipc-contract.ts';
import { SettingsView } from '../../../renderer/src/settings/settings-view.tsx';
import { createAppStore } from '../../../renderer/src/store/app-store.ts';
import { renderWithApp, ScriptedApi } from '../support/render.tsx';

const HASH = '0123456789abcdef0123456789abcdef';
const PEM = '-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEA\n-----END RSA PUBLIC KEY-----';

function settings(extra: Partial<Settings> = {}): Settings {
  return {
    apiId: null,
    hasApiHash: false,
    serverProfile: { kind: 'production' },
    keychainError: null,
    autoUpdate: true,
    logFolder: '/home/ada/.config/Switchboard/logs',
    ...extra,
  };
}

function renderSettings(initial: Settings | null, api = new ScriptedApi()) {
  const store = createAppStore();
  if (initial !== null) store.getState().setSettings(initial);
  return renderWithApp(<SettingsView />, { api, store });
}

/** Chooses Custom server and submits a valid one, "Lab" at 10.0.0.1. */
async function useLabServer(): Promise<void> {
  await userEvent.click(screen.getByRole('radio', { name: 'Custom server' }));
  await userEvent.type(screen.getByLabelText('Profile name'), 'Lab');
  await userEvent.type(screen.getByLabelText('Data centers'), '1 10.0.0.1:443');
  await userEvent.click(screen.getByLabelText('RSA public key'));
  await userEvent.paste(PEM);
  await userEvent.click(screen.getByRole('button', { name: 'Use this server' }));
}

function answerProfiles(api: ScriptedApi): ScriptedApi {
  return api.answer('settings:setServerProfile', ({ profile }) => ({
    ok: true,
    value: settings({ serverProfile: profile }),
  }));
}

describe('the API credentials', () => {
  it('says it is loading until main answered', () => {
    renderSettings(null);
    expect(screen.getByRole('status').textContent).toBe('Loading settings…');
  });

  it('explains a bad API ID and a bad hash at their fields and sends nothing', async () => {
    const { api } = renderSettings(settings());
    await userEvent.type(screen.getByLabelText('API ID'), '12ab');
    await userEvent.type(screen.getByLabelText('API hash'), 'xyz');
    await userEvent.click(screen.getByRole('button', { name: 'Save credentials' }));

    const id = screen.getByLabelText('API ID');
    expect(id.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('textbox', { name: 'API ID' }).getAttribute('aria-describedby')).not.toBeNull();
    expect(document.getElementById(id.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /digits only/,
    );
    const hash = screen.getByLabelText('API hash');
    expect(hash.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/The API hash is 32 characters/)).toBeTruthy();
    expect(document.activeElement).toBe(id);
    expect(api.calls).toEqual([]);
  });

  it('sends the ID as a number and the trimmed hash, then forgets the hash', async () => {
    const api = new ScriptedApi().answer('settings:setApiCredentials', ({ apiId }) => ({
      ok: true,
      value: settings({ apiId, hasApiHash: true }),
    }));
    const { store } = renderSettings(settings(), api);
    await userEvent.type(screen.getByLabelText('API ID'), ' 123456 ');
    await userEvent.type(screen.getByLabelText('API hash'), `  ${HASH} `);
    await userEvent.click(screen.getByRole('button', { name: 'Save credentials' }));

    expect(api.callsTo('settings:setApiCredentials')).toEqual([{ apiId: 123456, apiHash: HASH }]);
    await waitFor(() => {
      expect(screen.getByText('Credentials saved.')).toBeTruthy();
    });
    expect(store.getState().settings?.hasApiHash).toBe(true);
    expect(screen.getByLabelText('API hash')).toHaveProperty('value', '');
    expect(screen.getByText(/A hash is stored/)).toBeTruthy();
    expect(document.body.innerHTML).not.toContain(HASH);
  });

  it('shows the stored ID but never a hash', () => {
    renderSettings(settings({ apiId: 42, hasApiHash: true }));
    expect(screen.getByLabelText('API ID')).toHaveProperty('value', '42');
    expect(screen.getByLabelText('API hash')).toHaveProperty('value', '');
    expect(screen.getByText(/A hash is stored/)).toBeTruthy();
  });

  it("shows main's refusal", async () => {
    const api = new ScriptedApi().answer('settings:setApiCredentials', () => ({
      ok: false,
      error: appError('KEYCHAIN_UNAVAILABLE'),
    }));
    renderSettings(settings(), api);
    await userEvent.type(screen.getByLabelText('API ID'), '7');
    await userEvent.type(screen.getByLabelText('API hash'), HASH);
    await userEvent.click(screen.getByRole('button', { name: 'Save credentials' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/keychain is locked/);
  });

  it('opens my.telegram.org through main, not by navigating', async () => {
    const api = new ScriptedApi().answer('app:openExternal', () => ({
      ok: true,
      value: { by: 'system' as const },
    }));
    renderSettings(settings(), api);
    const link = screen.getByRole('link', { name: 'my.telegram.org/apps' });
    expect(link.getAttribute('href')).toBe('https://my.telegram.org/apps');
    await userEvent.click(link);
    expect(api.callsTo('app:openExternal')).toEqual([{ url: 'https://my.telegram.org/apps' }]);
    expect(window.location.href).not.toContain('my.telegram.org');
  });

  it('opens the link in a new tab itself when main has no system browser (the browser harness)', async () => {
    const api = new ScriptedApi().answer('app:openExternal', ({ url }) => ({
      ok: true,
      value: { by: 'page' as const, url },
    }));
    const opened = vi.spyOn(window, 'open').mockReturnValue(null);
    renderSettings(settings(), api);
    await userEvent.click(screen.getByRole('link', { name: 'my.telegram.org/apps' }));
    await waitFor(() => {
      expect(opened).toHaveBeenCalledWith('https://my.telegram.org/apps', '_blank', 'noopener,noreferrer');
    });
    expect(screen.queryByRole('alert')).toBeNull();
    opened.mockRestore();
  });

  it('says where the log file is, and shows the folder or its path to open', async () => {
    const api = new ScriptedApi().answer('app:openLogFolder', () => ({
      ok: true,
      value: { by: 'page' as const, path: '/home/ada/.config/Switchboard/logs' },
    }));
    renderSettings(settings(), api);
    const panel = screen.getByRole('region', { name: 'Log file' });
    expect(panel.textContent).toContain('/home/ada/.config/Switchboard/logs');
    expect(panel.textContent).toContain('never contains sessions, codes or passwords');
    await userEvent.click(within(panel).getByRole('button', { name: 'Open log folder' }));
    expect(api.callsTo('app:openLogFolder')).toEqual([{}]);
    expect((await within(panel).findByRole('status')).textContent).toMatch(
      /open .*logs in your file manager/,
    );
  });

  it('has no log panel when the app keeps no log file', () => {
    renderSettings(settings({ logFolder: null }));
    expect(screen.queryByRole('region', { name: 'Log file' })).toBeNull();
  });

  it('shows a keychain problem as an alert', () => {
    renderSettings(settings({ keychainError: appError('KEYCHAIN_UNAVAILABLE') }));
    expect(screen.getByRole('alert').textContent).toMatch(/keychain is locked/);
  });

  it('says the theme follows the system', () => {
    renderSettings(settings());
    expect(screen.getByText(/The theme follows your system/)).toBeTruthy();
  });
});

describe('the server profile', () => {
  it('marks the current profile and switches when another is chosen', async () => {
    const api = answerProfiles(new ScriptedApi());
    const { store } = renderSettings(settings(), api);
    const group = screen.getByRole('group', { name: 'Server' });
    expect(within(group).getByRole('radio', { name: 'Telegram' })).toHaveProperty('checked', true);
    await userEvent.click(within(group).getByRole('radio', { name: 'Sandbox demo' }));
    expect(api.callsTo('settings:setServerProfile')).toEqual([{ profile: { kind: 'sandbox' } }]);
    await waitFor(() => {
      expect(store.getState().settings?.serverProfile).toEqual({ kind: 'sandbox' });
    });
    const sandbox = screen.getByRole('radio', { name: 'Sandbox demo' });
    expect(sandbox).toHaveProperty('checked', true);
    // The radios stay mounted: a keyboard user keeps their place.
    expect(document.activeElement).toBe(sandbox);
    expect(store.getState().announcement?.text).toBe('Now using Sandbox demo.');
  });

  it('asks first when logins are under way, and stays when told to', async () => {
    const api = answerProfiles(new ScriptedApi());
    const store = createAppStore();
    store.getState().setSettings(settings());
    store.getState().upsertCard({
      id: '00000000-0000-4000-8000-000000000001',
      createdAt: 1,
      state: { step: 'sendingCode', phone: '+15550601001', pending: 'sendingCode', error: null },
    });
    renderWithApp(<SettingsView />, { api, store });

    await userEvent.click(screen.getByRole('radio', { name: 'Telegram test servers' }));
    const confirmation = screen.getByRole('group', { name: 'Confirm server switch' });
    expect(confirmation.textContent).toMatch(/removes the 1 login under way/);
    expect(document.activeElement).toBe(within(confirmation).getByRole('button', { name: 'Switch server' }));
    expect(api.callsTo('settings:setServerProfile')).toEqual([]);

    await userEvent.click(within(confirmation).getByRole('button', { name: 'Stay on Telegram' }));
    expect(screen.getByRole('radio', { name: 'Telegram' })).toHaveProperty('checked', true);
    expect(api.callsTo('settings:setServerProfile')).toEqual([]);

    await userEvent.click(screen.getByRole('radio', { name: 'Telegram test servers' }));
    await userEvent.click(screen.getByRole('button', { name: 'Switch server' }));
    expect(api.callsTo('settings:setServerProfile')).toEqual([{ profile: { kind: 'test' } }]);
  });

  it('checks a custom server before using it', async () => {
    const api = answerProfiles(new ScriptedApi());
    renderSettings(settings(), api);
    await userEvent.click(screen.getByRole('radio', { name: 'Custom server' }));
    expect(api.calls).toEqual([]);

    await userEvent.type(screen.getByLabelText('Data centers'), '1 10.0.0.1');
    await userEvent.click(screen.getByRole('button', { name: 'Use this server' }));
    expect(screen.getByLabelText('Profile name').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('Profile name'));
    expect(screen.getByText(/Line 1 is not "id host:port"/)).toBeTruthy();
    expect(screen.getByText(/RSA public key in PEM form, starting/)).toBeTruthy();
    expect(api.calls).toEqual([]);

    await userEvent.type(screen.getByLabelText('Profile name'), 'Lab');
    await userEvent.type(screen.getByLabelText('Data centers'), ':443');
    await userEvent.click(screen.getByLabelText('RSA public key'));
    await userEvent.paste(PEM);
    await userEvent.click(screen.getByRole('button', { name: 'Use this server' }));
    expect(api.callsTo('settings:setServerProfile')).toEqual([
      {
        profile: {
          kind: 'custom',
          name: 'Lab',
          dcs: [{ id: 1, host: '10.0.0.1', port: 443 }],
          publicKeyPem: PEM,
        },
      },
    ]);
    await waitFor(() => {
      expect(screen.getByRole('radio', { name: 'Custom server' })).toHaveProperty('checked', true);
    });
    expect(screen.getByLabelText('Profile name')).toHaveProperty('value', 'Lab');
  });

  it("shows main's refusal of the key at the key field, keeping the form open", async () => {
    const api = new ScriptedApi().answer('settings:setServerProfile', () => ({
      ok: false,
      error: appError('SERVER_KEY_NOT_RSA'),
    }));
    renderSettings(settings(), api);
    await useLabServer();
    const key = screen.getByLabelText('RSA public key');
    await waitFor(() => {
      expect(document.activeElement).toBe(key);
    });
    expect(key.getAttribute('aria-invalid')).toBe('true');
    const described = document.getElementById(key.getAttribute('aria-describedby')?.split(' ')[0] ?? '');
    expect(described?.textContent).toMatch(/not a 2048-bit RSA public key/);
    expect(screen.getByRole('radio', { name: 'Custom server' })).toHaveProperty('checked', true);
    expect(screen.getByLabelText('Profile name')).toHaveProperty('value', 'Lab');
  });

  it('asks for the code main printed in its terminal, and sends it with the same server', async () => {
    const api = new ScriptedApi().answer('settings:setServerProfile', (payload) =>
      payload.confirmationCode === undefined
        ? { ok: false, error: appError('SERVER_CONFIRMATION_CODE_NEEDED') }
        : payload.confirmationCode === 'ABCD-EFGH'
          ? { ok: true, value: settings({ serverProfile: payload.profile }) }
          : { ok: false, error: appError('SERVER_CONFIRMATION_CODE_WRONG') },
    );
    renderSettings(settings(), api);
    await useLabServer();

    const code = await screen.findByLabelText('Code from the terminal');
    await waitFor(() => {
      expect(document.activeElement).toBe(code);
    });
    expect(screen.getByRole('alert').textContent).toMatch(/code that Switchboard printed in the terminal/);
    await userEvent.type(code, 'WXYZ-2345{Enter}');
    expect((await screen.findByRole('alert')).textContent).toMatch(/not the code in the terminal/);
    await userEvent.clear(screen.getByLabelText('Code from the terminal'));
    await userEvent.type(screen.getByLabelText('Code from the terminal'), 'ABCD-EFGH');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm server' }));
    await waitFor(() => {
      expect(screen.queryByLabelText('Code from the terminal')).toBeNull();
    });
    const sent = api.callsTo('settings:setServerProfile') as {
      profile: unknown;
      confirmationCode?: string;
    }[];
    expect(sent.map((call) => call.confirmationCode)).toEqual([undefined, 'WXYZ-2345', 'ABCD-EFGH']);
    expect(new Set(sent.map((call) => JSON.stringify(call.profile))).size).toBe(1);
    expect(screen.getByRole('radio', { name: 'Custom server' })).toHaveProperty('checked', true);
  });

  it("shows main's refusal and goes back to the current profile", async () => {
    const api = new ScriptedApi().answer('settings:setServerProfile', () => ({
      ok: false,
      error: appError('KEYCHAIN_UNAVAILABLE'),
    }));
    renderSettings(settings(), api);
    await userEvent.click(screen.getByRole('radio', { name: 'Sandbox demo' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/keychain is locked/);
    expect(screen.getByRole('radio', { name: 'Telegram' })).toHaveProperty('checked', true);
  });

  it('follows a profile change from main', () => {
    const { store } = renderSettings(settings());
    act(() => {
      store.getState().setSettings(settings({ serverProfile: { kind: 'test' } }));
    });
    expect(screen.getByRole('radio', { name: 'Telegram test servers' })).toHaveProperty('checked', true);
  });
});
