/* global window, location, URLSearchParams, WebSocket, HARNESS_CHANNELS */
// The browser harness's stand-in for preload/bridge.ts: defines `window.api` with the preload's exact shape
// (invoke never rejects; on returns an unsubscribe function) and carries it over a WebSocket to the harness,
// which hands every request to main's real IPC dispatcher. Served by main/harness/browser-harness.ts, which
// wraps this file in a function that declares HARNESS_CHANNELS (the lists from main/ipc/channels.ts).
// The token comes from the URL fragment (#token=...), which the browser never sends to a server.

const BAD_INPUT = { code: 'BAD_INPUT', message: 'The request was not valid.' };
const INTERNAL = { code: 'INTERNAL', message: 'Something went wrong inside Switchboard. Try again.' };
const FORBIDDEN = {
  code: 'FORBIDDEN_SENDER',
  message: 'The request did not come from the Switchboard window.',
};

const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
const pending = new Map();
const listeners = new Map();
let nextId = 1;
/** null while connecting or connected; the error every invoke answers once the connection is refused or lost. */
let failure = null;
const queue = [];

const socket = new WebSocket(
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/__harness/ws`,
);

function send(message) {
  if (failure !== null) return false;
  if (socket.readyState === WebSocket.CONNECTING) queue.push(message);
  else if (socket.readyState === WebSocket.OPEN) socket.send(message);
  else return false;
  return true;
}

function fail(error) {
  failure ??= error;
  for (const resolve of pending.values()) resolve({ ok: false, error: failure });
  pending.clear();
  queue.length = 0;
}

socket.addEventListener('open', () => {
  socket.send(JSON.stringify({ type: 'hello', token }));
  for (const message of queue.splice(0)) socket.send(message);
});
socket.addEventListener('close', () => {
  fail(INTERNAL);
});
socket.addEventListener('message', (event) => {
  if (typeof event.data !== 'string') return;
  let message;
  try {
    message = JSON.parse(event.data);
  } catch {
    return;
  }
  if (typeof message !== 'object' || message === null) return;
  if (message.type === 'refused') {
    fail(FORBIDDEN);
  } else if (message.type === 'result') {
    const resolve = pending.get(message.id);
    if (resolve === undefined) return;
    pending.delete(message.id);
    resolve(isResultEnvelope(message.result) ? message.result : { ok: false, error: INTERNAL });
  } else if (message.type === 'event') {
    for (const listener of listeners.get(message.channel) ?? []) {
      try {
        listener(message.payload);
      } catch (error) {
        window.setTimeout(() => {
          throw error;
        });
      }
    }
  }
});

function isResultEnvelope(value) {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && typeof error.code === 'string';
}

const api = Object.freeze({
  invoke(channel, payload) {
    if (!HARNESS_CHANNELS.invoke.includes(channel)) return Promise.resolve({ ok: false, error: BAD_INPUT });
    if (failure !== null) return Promise.resolve({ ok: false, error: failure });
    const id = nextId++;
    let message;
    try {
      message = JSON.stringify({ type: 'invoke', id, channel, payload });
    } catch {
      return Promise.resolve({ ok: false, error: BAD_INPUT });
    }
    return new Promise((resolve) => {
      pending.set(id, resolve);
      if (!send(message)) {
        pending.delete(id);
        resolve({ ok: false, error: failure ?? INTERNAL });
      }
    });
  },
  on(event, listener) {
    if (!HARNESS_CHANNELS.events.includes(event)) throw new TypeError('window.api.on: unknown event');
    if (typeof listener !== 'function') throw new TypeError('window.api.on: the listener must be a function');
    const wrapped = (payload) => {
      listener(payload);
    };
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  },
});

Object.defineProperty(window, 'api', { value: api, enumerable: true, writable: false, configurable: false });
