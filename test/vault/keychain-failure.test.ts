import { describe, expect, it } from 'vitest';
import { classifyKeychainError, keychainUnavailable } from '../../main/vault/keychain-failure.ts';

/** The platform error texts keytar passes on (Linux rows run here; see research/electron.md §5). */
describe('keychain failures', () => {
  it('classifies the texts libsecret, D-Bus, macOS and Windows give', () => {
    expect(classifyKeychainError('Cannot autolaunch D-Bus without X11 $DISPLAY')).toBe('no-service');
    expect(
      classifyKeychainError('The name org.freedesktop.secrets was not provided by any .service files'),
    ).toBe('no-service');
    // The daemon died during a call, and the next call of the same connection (keychain-isolation.test.ts).
    expect(classifyKeychainError('Message recipient disconnected from message bus without replying')).toBe(
      'no-service',
    );
    expect(classifyKeychainError('The name :1.1 was not provided by any .service files')).toBe('no-service');
    expect(classifyKeychainError('Cannot create an item in a locked collection')).toBe('locked');
    expect(
      classifyKeychainError('Object does not exist at path “/org/freedesktop/secrets/collection/login”'),
    ).toBe('locked');
    expect(classifyKeychainError('User canceled the operation.')).toBe('refused');
    expect(classifyKeychainError('The stub received bad data.')).toBe('unknown');
  });

  it('keeps the reason for logs with every secret of the call replaced', () => {
    const failure = keychainUnavailable('set', new Error('refused "hunter2hunter2" for account'), [
      'hunter2hunter2',
    ]);
    expect(failure.reason).toBe('refused "[redacted]" for account');
    expect(failure.error).toEqual({
      code: 'KEYCHAIN_UNAVAILABLE',
      message:
        'The system keychain is locked or unavailable, so sessions cannot be stored safely. Unlock it and try again.',
    });
    expect(failure.operation).toBe('set');
  });
});
