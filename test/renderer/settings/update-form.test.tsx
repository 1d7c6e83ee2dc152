import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { appError } from '../../../main/contract/errors.ts';
import type { SettingsView as Settings } from '../../../main/contract/ipc-contract.ts';
import { SettingsView } from '../../../renderer/src/settings/settings-view.tsx';
import { createAppStore } from '../../../renderer/src/store/app-store.ts';
import { renderWithApp, ScriptedApi } from '../support/render.tsx';

function settings(extra: Partial<Settings> = {}): Settings {
  return {
    apiId: 42,
    hasApiHash: true,
    serverProfile: { kind: 'production' },
    keychainError: null,
    autoUpdate: true,
    logFolder: '/home/ada/.config/Switchboard/logs',
    ...extra,
  };
}

function renderSettings(initial: Settings, api = new ScriptedApi()) {
  const store = createAppStore();
  store.getState().setSettings(initial);
  return renderWithApp(<SettingsView />, { api, store });
}

const checkbox = (): HTMLInputElement =>
  screen.getByRole<HTMLInputElement>('checkbox', { name: 'Check for updates automatically' });

describe('Check for updates automatically', () => {
  it('shows the saved setting, with what it does', () => {
    renderSettings(settings({ autoUpdate: false }));
    expect(checkbox().checked).toBe(false);
    const about = document.getElementById(checkbox().getAttribute('aria-describedby') ?? '');
    expect(about?.textContent).toMatch(/installs it when you quit/);
  });

  it('turns updates off in main, then shows and announces what main saved', async () => {
    const api = new ScriptedApi().answer('settings:setAutoUpdate', ({ enabled }) => ({
      ok: true,
      value: settings({ autoUpdate: enabled }),
    }));
    const { store } = renderSettings(settings(), api);
    expect(checkbox().checked).toBe(true);

    await userEvent.click(checkbox());
    expect(api.callsTo('settings:setAutoUpdate')).toEqual([{ enabled: false }]);
    await waitFor(() => {
      expect(checkbox().checked).toBe(false);
    });
    expect(store.getState().settings?.autoUpdate).toBe(false);
    expect(store.getState().announcement?.text).toBe('Automatic updates are off.');

    await userEvent.click(checkbox());
    expect(api.callsTo('settings:setAutoUpdate')).toEqual([{ enabled: false }, { enabled: true }]);
    await waitFor(() => {
      expect(checkbox().checked).toBe(true);
    });
    expect(store.getState().announcement?.text).toBe('Automatic updates are on.');
  });

  it('keeps the saved value and says why when main refuses', async () => {
    const api = new ScriptedApi().answer('settings:setAutoUpdate', () => ({
      ok: false,
      error: appError('INTERNAL'),
    }));
    const { store } = renderSettings(settings(), api);
    await userEvent.click(checkbox());
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe(appError('INTERNAL').message);
    expect(checkbox().checked).toBe(true);
    expect(checkbox().disabled).toBe(false);
    expect(store.getState().settings?.autoUpdate).toBe(true);
  });

  it('cannot be toggled again while main is saving', async () => {
    let release: () => void = () => undefined;
    const api = new ScriptedApi().answer(
      'settings:setAutoUpdate',
      ({ enabled }) =>
        new Promise((resolve) => {
          release = () => {
            resolve({ ok: true, value: settings({ autoUpdate: enabled }) });
          };
        }),
    );
    renderSettings(settings(), api);
    await userEvent.click(checkbox());
    expect(checkbox().disabled).toBe(true);
    await userEvent.click(checkbox());
    expect(api.callsTo('settings:setAutoUpdate')).toEqual([{ enabled: false }]);
    release();
    await waitFor(() => {
      expect(checkbox().disabled).toBe(false);
    });
    expect(checkbox().checked).toBe(false);
  });
});
