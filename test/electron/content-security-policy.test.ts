import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  DEV_META_CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
} from '../../main/electron/content-security-policy.ts';
import { cspMetaContents, inlineScripts, parseCsp } from '../support/html.ts';

describe('CONTENT_SECURITY_POLICY (header)', () => {
  const csp = parseCsp(CONTENT_SECURITY_POLICY);

  it('allows only the app itself', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('shuts everything else', () => {
    for (const directive of ['object-src', 'base-uri', 'frame-src', 'form-action', 'frame-ancestors']) {
      expect(csp.get(directive), directive).toEqual(["'none'"]);
    }
  });

  it('has no unsafe-*, no wildcard, no remote scheme', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:|wss?:|data:|blob:/);
  });
});

describe('META_CONTENT_SECURITY_POLICY', () => {
  it('is the header policy without frame-ancestors (ignored in <meta>)', () => {
    const header = parseCsp(CONTENT_SECURITY_POLICY);
    header.delete('frame-ancestors');
    expect(parseCsp(META_CONTENT_SECURITY_POLICY)).toEqual(header);
  });

  it('is exactly the policy in renderer/index.html, which has no inline script', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    expect(cspMetaContents(html)).toEqual([META_CONTENT_SECURITY_POLICY]);
    expect(inlineScripts(html)).toEqual([]);
  });
});

describe('DEV_META_CONTENT_SECURITY_POLICY', () => {
  it('differs from the meta policy only by inline styles (Vite dev server)', () => {
    const dev = parseCsp(DEV_META_CONTENT_SECURITY_POLICY);
    expect(dev.get('script-src')).toEqual(["'self'"]);
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    dev.set('style-src', ["'self'"]);
    expect(dev).toEqual(parseCsp(META_CONTENT_SECURITY_POLICY));
    expect(DEV_META_CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});
