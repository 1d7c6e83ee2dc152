import { describe, expect, it } from 'vitest';
import { browserCandidates, findBrowser } from '../../scripts/find-browser.ts';

/** The browser lookup that system-deps.sh, the browser tests and the board benchmark share. */
describe('findBrowser', () => {
  const only =
    (...present: string[]) =>
    (path: string): boolean =>
      present.includes(path);

  it('takes $SWITCHBOARD_BROWSER first, and says when it is not an executable', () => {
    const env = { SWITCHBOARD_BROWSER: '/opt/my/chrome' };
    expect(findBrowser({ env, isExecutable: only('/opt/my/chrome', '/usr/bin/chromium') })).toEqual({
      found: true,
      path: '/opt/my/chrome',
    });
    const missing = findBrowser({ env, isExecutable: only('/usr/bin/chromium') });
    expect(missing).toEqual({
      found: false,
      reason: 'SWITCHBOARD_BROWSER is /opt/my/chrome, which is not an executable file.',
    });
  });

  it("finds Ubuntu's and Google's builds on Linux, Debian's first", () => {
    const linux = { env: {}, platform: 'linux' as const, home: '/home/ada' };
    expect(findBrowser({ ...linux, isExecutable: only('/snap/bin/chromium') })).toEqual({
      found: true,
      path: '/snap/bin/chromium',
    });
    expect(
      findBrowser({ ...linux, isExecutable: only('/usr/bin/google-chrome', '/usr/bin/chromium') }),
    ).toEqual({ found: true, path: '/usr/bin/chromium' });
  });

  it('finds the apps on macOS, in /Applications or the home folder', () => {
    const mac = { env: {}, platform: 'darwin' as const, home: '/Users/ada' };
    const chrome = '/Users/ada/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findBrowser({ ...mac, isExecutable: only(chrome) })).toEqual({ found: true, path: chrome });
    expect(browserCandidates('darwin', '/Users/ada')[0]).toBe(
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    );
  });

  it('says where it looked and what to do when there is none', () => {
    const lookup = findBrowser({ env: {}, platform: 'linux', home: '/h', isExecutable: only() });
    expect(lookup.found).toBe(false);
    if (lookup.found) return;
    expect(lookup.reason).toContain('/usr/bin/chromium-browser');
    expect(lookup.reason).toContain('set SWITCHBOARD_BROWSER');
  });
});
