import { describe, expect, it } from 'vitest';
import { permissionDecision } from '../../main/electron/permission-policy.ts';
import { secureWebPreferences } from '../../main/electron/web-preferences.ts';

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and strips Node from the renderer', () => {
    const preferences = secureWebPreferences('/app/out/preload/index.cjs', true);
    expect(preferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: false,
    });
  });

  it('allows DevTools only in a development build', () => {
    expect(secureWebPreferences('/p.cjs', false).devTools).toBe(true);
    expect(secureWebPreferences('/p.cjs', true).devTools).toBe(false);
  });

  it('never turns on blink features or insecure content', () => {
    const preferences: Record<string, unknown> = { ...secureWebPreferences('/p.cjs', true) };
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences).not.toHaveProperty('additionalArguments');
  });
});

describe('permissionDecision', () => {
  it.each(['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal', 'hid', 'unknown', ''])(
    'denies %j',
    (permission) => {
      expect(permissionDecision(permission)).toBe(false);
    },
  );
});
