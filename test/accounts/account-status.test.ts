import { describe, expect, it } from 'vitest';
import { afterConnectionState, afterFailure, sessionCheckFails } from '../../main/accounts/account-status.ts';
import { appError } from '../../main/contract/errors.ts';

/** The status rules AccountManager applies (the manager itself runs against the sandbox in test/app/). */
const online = { status: 'online', statusError: null } as const;

describe('afterFailure', () => {
  it('marks an ended session signed out, for good', () => {
    expect(afterFailure(appError('SIGNED_OUT'))).toEqual({
      status: 'signedOut',
      statusError: appError('SIGNED_OUT'),
      reconnect: false,
    });
  });

  it('reconnects by itself only after a network failure; anything else waits for the user', () => {
    expect(afterFailure(appError('NETWORK_UNAVAILABLE'))).toMatchObject({
      status: 'offline',
      reconnect: true,
    });
    expect(afterFailure(appError('TIMEOUT'))).toMatchObject({ status: 'offline', reconnect: true });
    expect(afterFailure(appError('API_CREDENTIALS_MISSING'))).toMatchObject({
      status: 'offline',
      reconnect: false,
    });
  });
});

describe('afterConnectionState', () => {
  it('ignores socket states until the session has answered for itself', () => {
    expect(afterConnectionState(online, 'offline', false)).toBeNull();
  });

  it('follows the socket of a verified session; GramJS reconnects a dropped one by itself', () => {
    expect(afterConnectionState(online, 'connecting', true)).toEqual({
      status: 'connecting',
      statusError: appError('NETWORK_UNAVAILABLE'),
      reconnect: false,
    });
    expect(afterConnectionState({ status: 'connecting', statusError: null }, 'online', true)).toEqual({
      status: 'online',
      statusError: null,
      reconnect: false,
    });
    expect(afterConnectionState(online, 'signedOut', true)).toMatchObject({ status: 'signedOut' });
  });

  it('keeps a signed-out account signed out whatever its socket does', () => {
    const signedOut = { status: 'signedOut', statusError: appError('SIGNED_OUT') } as const;
    expect(afterConnectionState(signedOut, 'online', true)).toBeNull();
  });
});

describe('sessionCheckFails', () => {
  it('hands the account over when its session ended, or when it was not online', () => {
    expect(sessionCheckFails(appError('SIGNED_OUT'), true)).toBe(true);
    expect(sessionCheckFails(appError('TIMEOUT'), false)).toBe(true);
    expect(sessionCheckFails(appError('TIMEOUT'), true)).toBe(false);
  });
});
