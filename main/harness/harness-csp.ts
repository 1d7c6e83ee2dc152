import {
  CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
} from '../electron/content-security-policy.ts';

/**
 * The app's Content-Security-Policy, for the page the browser harness serves: identical except that
 * connect-src also allows the harness's own WebSocket origin (the page's stand-in for the preload's IPC).
 */
export function withWebSocketOrigin(policy: string, wsOrigin: string): string {
  if (!/^wss?:\/\/[a-z0-9.[\]:-]+$/i.test(wsOrigin))
    throw new RangeError(`not a WebSocket origin: ${wsOrigin}`);
  let found = false;
  const directives = policy.split(';').map((part) => {
    const directive = part.trim();
    if (directive !== 'connect-src' && !directive.startsWith('connect-src ')) return directive;
    found = true;
    return `${directive} ${wsOrigin}`;
  });
  // eslint cannot see that the callback above sets it.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  if (!found) throw new Error('the policy has no connect-src directive');
  return directives.join('; ');
}

export interface HarnessPolicies {
  /** Sent as a header with every harness response. */
  readonly header: string;
  /** Replaces the built index.html's <meta> policy. */
  readonly meta: string;
}

export function harnessContentSecurityPolicies(wsOrigin: string): HarnessPolicies {
  return {
    header: withWebSocketOrigin(CONTENT_SECURITY_POLICY, wsOrigin),
    meta: withWebSocketOrigin(META_CONTENT_SECURITY_POLICY, wsOrigin),
  };
}
