import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInside, resolveRendererPath } from '../../main/electron/renderer-path.ts';

const root = resolve('/srv/switchboard/out/renderer');

describe('resolveRendererPath', () => {
  it.each([
    ['app://switchboard/index.html', 'index.html'],
    ['app://switchboard/', 'index.html'],
    ['app://switchboard', 'index.html'],
    ['app://switchboard/assets/index-Bx1.js', 'assets/index-Bx1.js'],
    ['app://switchboard/assets/index-Bx1.css?v=2#top', 'assets/index-Bx1.css'],
    ['app://switchboard/assets/my%20font.woff2', 'assets/my font.woff2'],
    ['app://switchboard/..hidden.js', '..hidden.js'],
  ])('maps %j inside the root', (url, file) => {
    expect(resolveRendererPath(root, url)).toBe(join(root, file));
  });

  it.each([
    ['a dot-dot segment', 'app://switchboard/../secret.txt'],
    ['dot-dot inside the path', 'app://switchboard/assets/../../secret.txt'],
    ['encoded dot-dot', 'app://switchboard/%2e%2e/secret.txt'],
    ['upper-case encoded dot-dot', 'app://switchboard/%2E%2E/%2E%2E/etc/passwd'],
    ['encoded slash and dot-dot', 'app://switchboard/assets%2f..%2f..%2fsecret.txt'],
    ['double-encoded dot-dot', 'app://switchboard/%252e%252e/secret.txt'],
    ['a dot segment', 'app://switchboard/assets/%2e/index.js'],
    ['absolute path after the host', 'app://switchboard//etc/passwd'],
    ['encoded absolute path', 'app://switchboard/%2fetc%2fpasswd'],
    ['backslash', 'app://switchboard/assets\\..\\..\\secret.txt'],
    ['encoded backslash', 'app://switchboard/..%5c..%5csecret.txt'],
    ['a drive letter', 'app://switchboard/C:/Windows/win.ini'],
    ['an encoded drive letter', 'app://switchboard/C%3a%5cWindows%5cwin.ini'],
    ['an NTFS stream', 'app://switchboard/index.html::$DATA'],
    ['a null byte', 'app://switchboard/index.html%00.png'],
    ['a control character', 'app://switchboard/index%0a.html'],
    ['a Windows device name', 'app://switchboard/assets/CON'],
    ['a Windows device name with extension', 'app://switchboard/nul.txt'],
    ['a directory (empty last segment)', 'app://switchboard/assets/'],
    ['malformed percent-encoding', 'app://switchboard/%E0%A4%A.js'],
    ['another host', 'app://evil/index.html'],
    ['the host in capitals (Chromium sends it in lower case)', 'app://SWITCHBOARD/index.html'],
    ['a percent sign left after decoding', 'app://switchboard/100%25.js'],
    ['a host with a port', 'app://switchboard:80/index.html'],
    ['another scheme', 'file:///srv/switchboard/out/renderer/index.html'],
    ['https', 'https://switchboard/index.html'],
    ['not a URL', 'index.html'],
    ['empty', ''],
  ])('refuses %s', (_why, url) => {
    expect(resolveRendererPath(root, url)).toBeNull();
  });

  it('never returns a path outside the root, whatever the input', () => {
    const pieces = ['..', '%2e%2e', '.', 'a', '%2f', '%5c', '', '%00', 'C:', '~', '%252e'];
    for (const a of pieces) {
      for (const b of pieces) {
        for (const c of pieces) {
          const file = resolveRendererPath(root, `app://switchboard/${a}/${b}/${c}`);
          if (file !== null) expect(file.startsWith(`${root}/`), file).toBe(true);
        }
      }
    }
  });
});

describe('isInside', () => {
  it('is true only strictly below the root', () => {
    expect(isInside('/r', '/r/a')).toBe(true);
    expect(isInside('/r', '/r/..a')).toBe(true);
    expect(isInside('/r/', '/r/a/../b')).toBe(true);
    expect(isInside('/r', '/r')).toBe(false);
    expect(isInside('/r', '/r/a/../..')).toBe(false);
    expect(isInside('/r', '/rx/a')).toBe(false);
    expect(isInside('/r', '/x')).toBe(false);
  });
});
