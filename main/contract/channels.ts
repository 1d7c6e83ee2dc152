/**
 * The names of every IPC channel, without their schemas, so the sandboxed preload can allowlist them
 * without bundling zod. contract.ts gives each its schemas; a test checks both lists agree.
 */
export const INVOKE_CHANNELS = [
  'settings:get',
  'settings:setApiCredentials',
  'settings:setServerProfile',
  'settings:setAutoUpdate',
  'login:start',
  'login:list',
  'login:perform',
  'login:dismiss',
  'accounts:list',
  'accounts:logOut',
  'accounts:reconnect',
  'app:openExternal',
  'app:openLogFolder',
] as const;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

/** Events main sends to the renderer. */
export const EVENT_CHANNELS = ['login:changed', 'login:removed', 'accounts:changed'] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(value);
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);
}
