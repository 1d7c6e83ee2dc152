/* global window, location, history, sessionStorage, URLSearchParams, WebSocket, HARNESS_CHANNELS, HARNESS_ERRORS */
// The browser harness's stand-in for preload/bridge.ts: defines `window.api` with the preload's exact shape
// (invoke never rejects; on returns an unsubscribe function) and carries it over a WebSocket to the harness,
// which hands every request to main's real IPC dispatcher. Served by main/harness/browser-harness.ts, which
// wraps this file in a function that declares HARNESS_CHANNELS (the lists from main/contract/channels.ts) and
// HARNESS_ERRORS (the errors this file answers with, worded by main/contract/errors.ts).
// The token comes from the URL fragment (#token=...), which the browser never sends to a server. It is then
// kept in this tab's sessionStorage (a reload still works) and taken out of the address bar and history.
//
// The harness can go away (its process stopped) and come back on the same address: then every pending
// and new request answers DISCONNECTED, onConnection's listeners hear `false`, and the client tries again
// every few seconds; once the harness welcomes it back they hear `true`.

const { BAD_INPUT, INTERNAL, FORBIDDEN_SENDER, DISCONNECTED } = HARNESS_ERRORS;
const RETRY_MS = [500, 1000, 2000, 4000];

const TOKEN_KEY = 'switchboard-harness-token';
const token = takeToken();
const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/__harness/ws`;
const pending = new Map();
const listeners = new Map();
const connectionListeners = new Set();
let nextId = 1;
/** 'connecting' (the first time), 'open', 'lost' (retrying) or 'refused' (the token was refused: final). */
let state = 'connecting';
let socket = null;
let retries = 0;
/** Requests made before the first welcome; sent right after it. */
const queue = [];

function takeToken() {
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromUrl === null) return sessionStorage.getItem(TOKEN_KEY) ?? '';
  sessionStorage.setItem(TOKEN_KEY, fromUrl);
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  return fromUrl;
}

function tell(connected) {
  for (const listener of connectionListeners) {
    try {
      listener(connected);
    } catch (error) {
      window.setTimeout(() => {
        throw error;
      });
    }
  }
}

function failPending(error) {
  for (const resolve of pending.values()) resolve({ ok: false, error });
  pending.clear();
}

function connect() {
  const current = new WebSocket(url);
  socket = current;
  current.addEventListener('open', () => {
    current.send(JSON.stringify({ type: 'hello', token }));
  });
  current.addEventListener('close', () => {
    if (socket !== current || state === 'refused') return;
    const wasOpen = state === 'open';
    const first = state === 'connecting';
    state = 'lost';
    failPending(DISCONNECTED);
    for (const message of queue.splice(0)) {
      const resolve = pending.get(message.id);
      if (resolve !== undefined) resolve({ ok: false, error: DISCONNECTED });
    }
    if (wasOpen || first) tell(false);
    window.setTimeout(connect, RETRY_MS[Math.min(retries, RETRY_MS.length - 1)]);
    retries++;
  });
  current.addEventListener('message', (event) => {
    if (typeof event.data !== 'string') return;
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    if (message.type === 'welcome') {
      const reconnected = state === 'lost';
      state = 'open';
      retries = 0;
      for (const queued of queue.splice(0)) current.send(queued.text);
      if (reconnected) tell(true);
    } else if (message.type === 'refused') {
      state = 'refused';
      failPending(FORBIDDEN_SENDER);
      queue.length = 0;
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
}

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
    if (state === 'refused') return Promise.resolve({ ok: false, error: FORBIDDEN_SENDER });
    if (state === 'lost') return Promise.resolve({ ok: false, error: DISCONNECTED });
    const id = nextId++;
    let text;
    try {
      text = JSON.stringify({ type: 'invoke', id, channel, payload });
    } catch {
      return Promise.resolve({ ok: false, error: BAD_INPUT });
    }
    return new Promise((resolve) => {
      pending.set(id, resolve);
      if (state === 'connecting') queue.push({ id, text });
      else socket.send(text); // a closing socket drops it; its close event answers DISCONNECTED
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
  onConnection(listener) {
    if (typeof listener !== 'function')
      throw new TypeError('window.api.onConnection: the listener must be a function');
    const wrapped = (connected) => {
      listener(connected);
    };
    connectionListeners.add(wrapped);
    return () => {
      connectionListeners.delete(wrapped);
    };
  },
});

connect();

Object.defineProperty(window, 'api', { value: api, enumerable: true, writable: false, configurable: false });
