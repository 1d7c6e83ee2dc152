import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppFailure } from '../../main/contract/errors.ts';

/** The one caller of shell.openExternal, with Electron's shell replaced by a fake. */
const fakeShell = vi.hoisted(() => ({ openExternal: vi.fn<(url: string) => Promise<void>>() }));
vi.mock('electron', () => ({ shell: fakeShell }));

const { openExternalLink } = await import('../../main/electron/external-links.ts');

let logs: string[];
const log = (level: string, message: string): void => {
  logs.push(`${level} ${message}`);
};

beforeEach(() => {
  logs = [];
  fakeShell.openExternal.mockReset();
  fakeShell.openExternal.mockImplementation(() => Promise.resolve());
});

describe('openExternalLink', () => {
  it('opens an allowlisted https link, normalised', async () => {
    await openExternalLink('https://T.ME/durov', log);
    expect(fakeShell.openExternal).toHaveBeenCalledExactlyOnceWith('https://t.me/durov');
    expect(logs).toEqual([]);
  });

  it.each([
    'http://t.me/durov',
    'https://evil.example/',
    'file:///etc/passwd',
    'tg://login?token=SECRET',
    'nonsense',
  ])('refuses %j with URL_NOT_ALLOWED and never calls the shell', async (url) => {
    const refused = await openExternalLink(url, log).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppFailure);
    expect((refused as AppFailure).error.code).toBe('URL_NOT_ALLOWED');
    expect(fakeShell.openExternal).not.toHaveBeenCalled();
    expect(logs.join('\n')).not.toMatch(/SECRET|etc\/passwd/);
  });

  it('reports a shell failure without the OS message (it can quote the URL)', async () => {
    fakeShell.openExternal.mockImplementation(() =>
      Promise.reject(new Error('xdg-open failed for https://t.me/durov?start=SECRET')),
    );
    await expect(openExternalLink('https://t.me/durov?start=SECRET', log)).rejects.toThrow(
      /^The system could not open the link\.$/,
    );
    expect(logs).toEqual(['warn the system could not open a link to https://t.me']);
  });
});
