import { describe, expect, it } from 'vitest';
import { allowedExternalUrl, isAllowedExternalUrl } from '../../main/electron/external-url-policy.ts';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://t.me/durov',
    'https://t.me/+AbCdEf123',
    'https://telegram.org/',
    'https://telegram.org/faq#q-what-is-telegram',
    'https://my.telegram.org/apps',
    'https://core.telegram.org/api/auth',
    'https://fragment.com/numbers',
    'https://T.ME/durov',
  ])('allows %j', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['http', 'http://t.me/durov'],
    ['http subdomain', 'http://my.telegram.org/apps'],
    ['lookalike suffix', 'https://t.me.evil.com/'],
    ['lookalike prefix', 'https://evilt.me/'],
    ['lookalike parent', 'https://eviltelegram.org/'],
    ['userinfo trick', 'https://telegram.org@evil.com/'],
    ['credentials on an allowed host', 'https://user:pass@t.me/'],
    ['username on an allowed host', 'https://user@telegram.org/'],
    ['javascript', 'javascript:alert(1)'],
    ['javascript with host-like text', 'javascript://t.me/%0aalert(1)'],
    ['tg scheme', 'tg://resolve?domain=durov'],
    ['data', 'data:text/html,hi'],
    ['file', 'file:///etc/passwd'],
    ['app scheme', 'app://switchboard/index.html'],
    ['port', 'https://t.me:8443/durov'],
    ['trailing dot', 'https://t.me./durov'],
    ['empty label', 'https://x..telegram.org/'],
    ['fragment.com subdomain', 'https://evil.fragment.com/'],
    ['t.me subdomain', 'https://evil.t.me/'],
    ['unicode lookalike', 'https://t.mе/durov'],
    ['leading space', ' https://t.me/durov'],
    ['embedded newline', 'https://t.me/\ndurov'],
    ['embedded tab', 'https://t.\tme/durov'],
    ['backslash host trick', 'https://evil.com\\@t.me/'],
    ['relative', '/durov'],
    ['empty', ''],
    ['too long', `https://t.me/${'a'.repeat(3000)}`],
  ])('refuses %s', (_why, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it.each([undefined, null, 42, {}, ['https://t.me/']])('refuses the non-string %j', (value) => {
    expect(isAllowedExternalUrl(value)).toBe(false);
  });
});

describe('allowedExternalUrl', () => {
  it('returns the normalised URL, which is what gets opened', () => {
    expect(allowedExternalUrl('https://MY.Telegram.org/apps')).toBe('https://my.telegram.org/apps');
    expect(allowedExternalUrl('https://t.me')).toBe('https://t.me/');
    expect(allowedExternalUrl('https://t.me/a b')).toBeNull();
  });
});
