import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../main/electron/web-preferences.ts';

// The permission policy is tested through the session's real handlers (session-and-contents-guards.test.ts).
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
});
