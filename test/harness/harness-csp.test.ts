import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
} from '../../main/electron/content-security-policy.ts';
import { HARNESS_API_PATH, injectHarness } from '../../main/harness/browser-harness.ts';
import { harnessContentSecurityPolicies, withWebSocketOrigin } from '../../main/harness/harness-csp.ts';

const directives = (policy: string): string[] => policy.split('; ');

describe('the harness policy', () => {
  it('is the app policy with only the harness WebSocket origin added to connect-src', () => {
    const { header, meta } = harnessContentSecurityPolicies('ws://127.0.0.1:4567');
    for (const [policy, app] of [
      [header, CONTENT_SECURITY_POLICY],
      [meta, META_CONTENT_SECURITY_POLICY],
    ] as const) {
      const expected = directives(app).map((d) =>
        d.startsWith('connect-src ') ? `${d} ws://127.0.0.1:4567` : d,
      );
      expect(directives(policy)).toEqual(expected);
    }
  });

  it('refuses anything but a WebSocket origin', () => {
    expect(() =>
      withWebSocketOrigin(CONTENT_SECURITY_POLICY, "ws://x; script-src 'unsafe-inline'"),
    ).toThrow();
    expect(() => withWebSocketOrigin(CONTENT_SECURITY_POLICY, 'https://127.0.0.1:1')).toThrow();
    expect(() => withWebSocketOrigin("default-src 'self'", 'ws://127.0.0.1:1')).toThrow();
  });
});

describe('injectHarness', () => {
  const html = `<html><head><meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}" /><script type="module" src="./a.js"></script></head><body></body></html>`;

  it('swaps the meta policy and adds the api script in the head', () => {
    const out = injectHarness(html, 'POLICY');
    expect(out).toContain('content="POLICY"');
    expect(out).not.toContain(META_CONTENT_SECURITY_POLICY);
    expect(out.indexOf(`<script src="${HARNESS_API_PATH}"></script>`)).toBeLessThan(out.indexOf('</head>'));
  });

  it('refuses a page without the app policy', () => {
    expect(() => injectHarness('<html><head></head></html>', 'POLICY')).toThrow();
  });
});
