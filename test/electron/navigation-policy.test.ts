import { describe, expect, it } from 'vitest';
import { isAllowedNavigation } from '../../main/electron/navigation-policy.ts';

describe('isAllowedNavigation', () => {
  it.each([
    'app://switchboard/index.html',
    'app://switchboard/index.html#/accounts',
    'app://switchboard/./index.html',
  ])('allows the app entry %j', (url) => {
    expect(isAllowedNavigation(url)).toBe(true);
  });

  it.each([
    'app://switchboard/',
    'app://switchboard/other.html',
    'app://switchboard/index.html?x=1',
    'app://evil/index.html',
    'app://SWITCHBOARD/index.html', // Chromium sends custom-scheme hosts in lower case
    'app://switchboard.evil.com/index.html',
    'file:///etc/passwd',
    'https://t.me/durov',
    'https://telegram.org',
    'http://localhost:5173/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'tg://login?token=abc',
    'not a url',
    '',
  ])('refuses %j', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('follows the dev server entry when one is given', () => {
    const entry = 'http://localhost:5173/';
    expect(isAllowedNavigation('http://localhost:5173/', entry)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173', entry)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', entry)).toBe(false);
    expect(isAllowedNavigation('app://switchboard/index.html', entry)).toBe(false);
  });
});
