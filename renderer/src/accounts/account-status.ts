import type { AccountStatus } from '../../../main/contract/account.ts';

/** How each status reads, in the row and in the Status filter. */
export const STATUS_LABELS: Readonly<Record<AccountStatus, string>> = {
  online: 'Online',
  connecting: 'Reconnecting',
  offline: 'Offline',
  signedOut: 'Signed out',
  unreadable: 'Stored session unreadable',
};

export const STATUSES: readonly AccountStatus[] = [
  'online',
  'connecting',
  'offline',
  'signedOut',
  'unreadable',
];
