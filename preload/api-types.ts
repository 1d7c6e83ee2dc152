/**
 * The type of `window.api`, the renderer's only way to reach main. Types only (this file emits no
 * code), taken from the IPC contract so the renderer gets each channel's payload and answer.
 */
import type { Result } from '../main/contract/errors.ts';
import type { EventChannel, InvokeChannel } from '../main/contract/channels.ts';
import type { ChannelInput, ChannelOutput, EventPayload } from '../main/contract/ipc-contract.ts';

export interface SwitchboardApi {
  /**
   * Calls main. Never rejects: an unknown channel resolves to BAD_INPUT without reaching main, and a
   * broken transport to INTERNAL; main's own refusals (FORBIDDEN_SENDER, validation...) arrive the same way.
   */
  invoke<C extends InvokeChannel>(channel: C, payload: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /**
   * Listens to one of main's events; returns the function that stops listening. The listener gets the
   * payload only, never Electron's event object. Throws TypeError for an unknown event or a non-function.
   */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * Hears the connection to main go away (`false`) and come back (`true`): the browser harness's
   * WebSocket, whose process can stop while the page stays open. Electron's IPC never does (a window
   * does not outlive main), so there the listener is never called. Returns the unsubscribe function.
   */
  onConnection(listener: (connected: boolean) => void): () => void;
}
