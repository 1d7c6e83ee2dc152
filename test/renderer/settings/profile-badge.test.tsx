import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ServerProfile } from '../../../main/contract/server-profile.ts';
import { ProfileBadge } from '../../../renderer/src/settings/profile-badge.tsx';
import { createAppStore } from '../../../renderer/src/store/app-store.ts';
import { renderWithApp } from '../support/render.tsx';

function renderBadge(serverProfile: ServerProfile | null) {
  const store = createAppStore();
  if (serverProfile !== null) {
    store.getState().setSettings({
      apiId: null,
      hasApiHash: false,
      serverProfile,
      keychainError: null,
      autoUpdate: true,
      logFolder: null,
    });
  }
  return renderWithApp(<ProfileBadge />, { store });
}

const CUSTOM: ServerProfile = {
  kind: 'custom',
  name: 'Lab',
  dcs: [{ id: 1, host: '10.0.0.1', port: 443 }],
  publicKeyPem: '-----BEGIN RSA PUBLIC KEY-----\n-----END RSA PUBLIC KEY-----',
};

describe('the profile badge', () => {
  it.each([
    [{ kind: 'sandbox' } as const, 'Sandbox demo'],
    [{ kind: 'test' } as const, 'Test servers'],
    [CUSTOM, 'Custom: Lab'],
  ])('names %j and says it is not production Telegram', (profile, text) => {
    const { container } = renderBadge(profile);
    const badge = screen.getByText(text);
    expect(badge.firstChild?.textContent).toBe(text);
    const description = document.getElementById(badge.getAttribute('aria-describedby') ?? '');
    expect(description?.textContent).toMatch(/^Not production Telegram/);
    expect(container.textContent).toContain(text);
  });

  it('is absent on production Telegram and before settings are known', () => {
    expect(renderBadge({ kind: 'production' }).container.innerHTML).toBe('');
    expect(renderBadge(null).container.innerHTML).toBe('');
  });
});
