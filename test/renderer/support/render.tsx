import { cleanup, render, type RenderResult } from '@testing-library/react';
import { afterEach } from 'vitest';
import type { Result } from '../../../main/contract/errors.ts';
import type { EventChannel, InvokeChannel } from '../../../main/contract/channels.ts';
import type { ChannelInput, ChannelOutput, EventPayload } from '../../../main/contract/ipc-contract.ts';
import type { SwitchboardApi } from '../../../preload/api-types.ts';
import { ApiContext } from '../../../renderer/src/api/api-context.tsx';
import { createAppStore, type AppStore } from '../../../renderer/src/store/app-store.ts';
import { StoreContext } from '../../../renderer/src/store/store-context.tsx';

afterEach(() => {
  cleanup();
});

/** One call a component made to main, as it would cross the IPC boundary. */
export interface RecordedCall {
  readonly channel: InvokeChannel;
  readonly payload: unknown;
}

type Answer = (payload: unknown) => Result<unknown> | Promise<Result<unknown>>;

/**
 * A `window.api` for component tests in jsdom: records what the component asks main and answers with
 * what the test scripted for that channel (by default INTERNAL, so an unscripted call shows up as a
 * failure). The real main process answers the same components in the Chromium end-to-end tests.
 */
export class ScriptedApi implements SwitchboardApi {
  readonly calls: RecordedCall[] = [];
  private readonly answers = new Map<InvokeChannel, Answer>();
  private readonly listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();

  answer<C extends InvokeChannel>(
    channel: C,
    reply: (payload: ChannelInput<C>) => Result<ChannelOutput<C>> | Promise<Result<ChannelOutput<C>>>,
  ): this {
    this.answers.set(channel, reply as Answer);
    return this;
  }

  invoke<C extends InvokeChannel>(channel: C, payload: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
    this.calls.push({ channel, payload });
    const reply = this.answers.get(channel);
    if (!reply) {
      return Promise.resolve({
        ok: false,
        error: { code: 'INTERNAL', message: `unscripted channel ${channel}` },
      });
    }
    return Promise.resolve(reply(payload)) as Promise<Result<ChannelOutput<C>>>;
  }

  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    this.listeners.set(event, set);
    return () => set.delete(wrapped);
  }

  private readonly connectionListeners = new Set<(connected: boolean) => void>();

  onConnection(listener: (connected: boolean) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  /** The connection to main going away or coming back, as the browser harness's client reports it. */
  setConnected(connected: boolean): void {
    for (const listener of this.connectionListeners) listener(connected);
  }

  /** Sends an event as main would. */
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  callsTo(channel: InvokeChannel): unknown[] {
    return this.calls.filter((call) => call.channel === channel).map((call) => call.payload);
  }
}

export interface Rendered extends RenderResult {
  readonly api: ScriptedApi;
  readonly store: AppStore;
}

/** Renders `ui` inside the app's providers, with a fresh store and a ScriptedApi. */
export function renderWithApp(
  ui: React.ReactElement,
  options: { api?: ScriptedApi; store?: AppStore } = {},
): Rendered {
  const api = options.api ?? new ScriptedApi();
  const store = options.store ?? createAppStore();
  const result = render(
    <ApiContext value={api}>
      <StoreContext value={store}>{ui}</StoreContext>
    </ApiContext>,
  );
  return { ...result, api, store };
}
