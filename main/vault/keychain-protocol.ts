import type { KeychainFailureKind } from './keychain-failure.ts';
import type { UnlockProbe } from './keytar-secret-store.ts';

/**
 * The messages between main and the keychain host (keychain-host.ts), the process that alone loads keytar:
 * a keychain call that crashes (keytar's findCredentials on a locked or non-text item) or hangs (a dead
 * keyring daemon) then costs that process, never main. Plain JSON, over Node's IPC channel or Electron's
 * utility-process port.
 */
export type KeychainOperation =
  | { readonly op: 'get'; readonly service: string; readonly account: string }
  | { readonly op: 'set'; readonly service: string; readonly account: string; readonly secret: string }
  | { readonly op: 'delete'; readonly service: string; readonly account: string }
  /** Every entry of a service (findCredentials): only to build a missing index, see IndexedSecretStore. */
  | { readonly op: 'findAll'; readonly service: string };

export type KeychainRequest =
  /** First, before any call. No probe: the platform's default (KeytarSecretStore). */
  | { readonly kind: 'configure'; readonly probe?: UnlockProbe | null }
  | ({ readonly kind: 'call'; readonly id: number } & KeychainOperation);

export type KeychainResponse =
  | { readonly kind: 'result'; readonly id: number; readonly value: unknown }
  | {
      readonly kind: 'failure';
      readonly id: number;
      readonly operation: string;
      readonly failureKind: KeychainFailureKind;
      /** The platform's text, secrets already scrubbed (keychainUnavailable). */
      readonly reason: string;
    };

/** What the host gets back from each operation. */
export interface KeychainResults {
  readonly get: string | null;
  readonly set: null;
  readonly delete: boolean;
  readonly findAll: readonly { readonly account: string; readonly secret: string }[];
}
