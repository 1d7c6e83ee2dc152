import { AppFailure, appError, defaultMessage } from '../contract/errors.ts';

/**
 * Why the keychain refused, coarsely, so the user gets a sentence they can act on and logs get a category.
 * Classified from the platform's error text because keytar gives nothing else (no codes); an unknown text
 * still becomes KEYCHAIN_UNAVAILABLE with the generic sentence.
 */
export type KeychainFailureKind =
  | 'module-missing'
  | 'no-service'
  | 'locked'
  | 'refused'
  /** The keychain host process died during the call (keytar crashed on an item it could not read). */
  | 'crashed'
  /** The keychain did not answer in time (a hung keyring daemon); the host was stopped and restarts. */
  | 'timeout'
  | 'unknown';

const MESSAGES: Record<KeychainFailureKind, string> = {
  'module-missing':
    "Switchboard's keychain component could not be loaded, so sessions cannot be stored safely. Reinstall Switchboard.",
  'no-service':
    'No system keychain is running, so sessions cannot be stored safely. On Linux, start GNOME Keyring, KWallet or KeePassXC (Secret Service), then try again.',
  locked:
    'The system keychain is locked, so sessions cannot be stored safely. Unlock it (log in to the desktop again or open your keyring app), then try again.',
  refused:
    'Access to the system keychain was refused. Allow Switchboard to use the keychain, then try again.',
  crashed:
    'The system keychain could not be read: an entry in it made the keychain component stop. Switchboard kept running; try again, and if it happens again, check the keyring for entries of Switchboard in a locked collection.',
  timeout:
    'The system keychain did not answer in time. Check that your keyring app is running and unlocked, then try again.',
  unknown: defaultMessage('KEYCHAIN_UNAVAILABLE'),
};

// Texts seen from libsecret/D-Bus (Linux), Keychain Services (macOS) and Credential Manager (Windows).
const PATTERNS: readonly (readonly [RegExp, KeychainFailureKind])[] = [
  [/locked collection|is locked|collection\/login|Object does not exist at path/i, 'locked'],
  [
    // The last two: the daemon went away during a call, or between two calls of one connection.
    /autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|org\.freedesktop\.secrets|ServiceUnknown|connect to socket|No such file or directory|disconnected from message bus|not provided by any \.service files/i,
    'no-service',
  ],
  [/cancel|dismissed|denied|not allowed|user interaction/i, 'refused'],
];

export function classifyKeychainError(reason: string): KeychainFailureKind {
  return PATTERNS.find(([pattern]) => pattern.test(reason))?.[1] ?? 'unknown';
}

/** KEYCHAIN_UNAVAILABLE, with the underlying reason kept for logs (never shown, never holding a secret). */
export class KeychainUnavailable extends AppFailure {
  constructor(
    readonly operation: string,
    readonly kind: KeychainFailureKind,
    /** The platform's own text, with every secret involved in the call replaced. */
    readonly reason: string,
  ) {
    super({ ...appError('KEYCHAIN_UNAVAILABLE'), message: MESSAGES[kind] });
  }
}

/** Wraps whatever keytar threw. `secrets` are scrubbed from the reason in case a platform ever echoes one. */
export function keychainUnavailable(
  operation: string,
  error: unknown,
  secrets: readonly string[] = [],
  kind?: KeychainFailureKind,
): KeychainUnavailable {
  let reason = error instanceof Error ? error.message : String(error);
  for (const secret of secrets) {
    if (secret !== '') reason = reason.replaceAll(secret, '[redacted]');
  }
  return new KeychainUnavailable(operation, kind ?? classifyKeychainError(reason), reason);
}
