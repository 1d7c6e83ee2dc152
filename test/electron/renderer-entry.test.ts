import { describe, expect, it } from 'vitest';
import { rendererEntry } from '../../main/electron/renderer-entry.ts';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../main/ipc/renderer-origin.ts';

describe('rendererEntry', () => {
  const built = { entryUrl: APP_ENTRY_URL, trustedOrigins: [APP_ORIGIN] };

  it('loads the built bundle on app:// when packaged, whatever the environment says', () => {
    expect(rendererEntry(true, undefined)).toEqual(built);
    expect(rendererEntry(true, 'http://localhost:5173')).toEqual(built);
    expect(rendererEntry(true, 'https://evil.example/')).toEqual(built);
  });

  it('loads the built bundle when not packaged and no dev server is running (electron-vite preview)', () => {
    expect(rendererEntry(false, undefined)).toEqual(built);
    expect(rendererEntry(false, '')).toEqual(built);
  });

  it('uses a loopback dev server under electron-vite dev, and trusts only its origin', () => {
    expect(rendererEntry(false, 'http://localhost:5173')).toEqual({
      entryUrl: 'http://localhost:5173/',
      trustedOrigins: ['http://localhost:5173'],
    });
    expect(rendererEntry(false, 'http://127.0.0.1:5174/').trustedOrigins).toEqual(['http://127.0.0.1:5174']);
    expect(rendererEntry(false, 'http://[::1]:5173/').trustedOrigins).toEqual(['http://[::1]:5173']);
  });

  it.each([
    'https://evil.example/',
    'http://evil.example:5173/',
    'http://localhost.evil.example/',
    'http://user@evil.example/',
    'file:///tmp/index.html',
    'not a url',
  ])('refuses the dev server URL %j', (url) => {
    expect(() => rendererEntry(false, url)).toThrow(/ELECTRON_RENDERER_URL/);
  });
});
