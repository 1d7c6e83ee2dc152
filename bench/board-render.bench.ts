/**
 * `npm run bench:board`: the board with 200 active cards in Chromium (the production build of the renderer,
 * served by the browser harness against the real main-process services, the keychain and the sandbox DC).
 * Every card waits for its code with a live resend countdown. Prints React commits and DOM mutations per
 * second while the countdowns tick, then the latency of keystrokes typed into one card's code field and
 * what each keystroke re-rendered. Then the Accounts view with ACCOUNTS (1,000) signed-in accounts, signed in
 * from Node through the app's services: time to open it, rows in the DOM, keystroke latency in "Search
 * accounts" and frames while the list scrolls under the mouse wheel. Prints figures only; fails only if the
 * scenario itself does not happen.
 * The sandbox runs in this process (startBrowserApp takes a Sandbox); Chromium renders in its own.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { AccountSummary } from '../main/contract/account.ts';
import type { LoginCard } from '../main/contract/login-state.ts';
import type { Result } from '../main/contract/errors.ts';
import type { SenderInfo } from '../main/contract/transport-types.ts';
import { startSandbox } from '../main/sandbox/index.ts';
import { filterAccounts } from '../renderer/src/accounts/account-filter.ts';
import { launchChromium, newContext, startBrowserApp, type BrowserApp } from '../test/support/browser-app.ts';

const CARDS = Number(process.env.CARDS ?? 200);
const IDLE_MS = 5_000;
/** Four digits then four Backspaces, so the five-digit code never completes and never signs in. */
const KEYS = ['4', '7', '1', '9', 'Backspace', 'Backspace', 'Backspace', 'Backspace'] as const;
const KEY_CYCLES = 19;
/** Between keystrokes, about a fast typist's pace. */
const KEY_GAP_MS = 60;
const FRAME_MS = 1000 / 60;
const READY_TIMEOUT_MS = 240_000;
const CODE_LENGTH = 5;
/** Long enough that no countdown ends while the benchmark runs. */
const RESEND_TIMEOUT_S = 900;

const phones = Array.from({ length: CARDS }, (_, i) => `+1555072${String(i).padStart(4, '0')}`);

const ACCOUNTS = Number(process.env.ACCOUNTS ?? 1000);
const ACCOUNT_CODE = '24680';
/**
 * Logins of the accounts phase started, coded and dismissed together (one `login:list` poll for all).
 * 50 at once crashed the process in libsecret (keytar) on this machine; 8 did not.
 */
const SIGN_IN_BATCH = Number(process.env.SIGN_IN_BATCH ?? 8);
const SCROLL_MS = 2_000;
/** One notch of a mouse wheel, and how often one comes. */
const WHEEL_PX = 100;
const WHEEL_GAP_MS = 16;
/** The accounts list's rows (the Accounts view). */
const ACCOUNT_ROWS = 'ul[aria-label="Signed-in accounts"] > li';
const accountPhones = Array.from({ length: ACCOUNTS }, (_, i) => `+1555074${String(i).padStart(4, '0')}`);

// ---------------------------------------------------------------------------------------------------------
// In the page. The bench's tsconfig has no DOM lib, so the page's globals are typed here by hand; the
// functions below are serialised into the page, so they use nothing from this module at run time.

/** The parts of a React fiber the probe reads (React DOM 19). */
interface Fiber {
  readonly tag: number;
  readonly key: string | null;
  readonly type: unknown;
  readonly flags: number;
  readonly child: Fiber | null;
  readonly sibling: Fiber | null;
  readonly return: Fiber | null;
  readonly alternate: Fiber | null;
  /** The DOM node of a host fiber. */
  readonly stateNode: unknown;
  readonly memoizedProps: Readonly<Record<string, unknown>> | null;
}

/** What happened in one class of commits (the countdowns' in the background, or the keystrokes'). */
interface Tally {
  commits: number;
  /** Function and class components that rendered. */
  components: number;
  /** Sum over commits of the number of distinct cards with a component that rendered. */
  cardRenders: number;
  /** The same, without the card that has the focus (the one typed into). */
  otherCardRenders: number;
  /** Components outside any card that rendered (the board, the form, the shell). */
  outsideCards: number;
  /** MutationObserver records. */
  mutations: number;
}

interface BoardProbe {
  renderers: number;
  /** True from a code input's beforeinput to its input event: commits then are the keystroke's. */
  inKeystroke: boolean;
  background: Tally;
  keystroke: Tally;
  keydownAt: number | null;
  /** Per keystroke: ms from keydown to the first animation frame after the input event. */
  latencies: number[];
  /**
   * Per keystroke: ms from keydown to the begin time (vsync) of that frame. At most one frame interval
   * means the first frame after the keypress shows it, even when the main thread reached it late.
   */
  frameStarts: number[];
  /** Main-thread tasks over 50 ms (PerformanceObserver 'longtask'), and their total duration. */
  longTasks: number;
  longTaskMs: number;
  /** Per keystroke: the input's value length in that frame, to check the keystroke took effect. */
  lengths: number[];
}

interface MinimalElement {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly disabled?: boolean;
  readonly value?: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<MinimalElement>;
  closest(selector: string): MinimalElement | null;
  readonly control?: MinimalElement | null;
}

interface MinimalEvent {
  readonly timeStamp: number;
  readonly target: unknown;
}

/** Frames seen by a requestAnimationFrame loop (the accounts phase's scrolling). */
interface FrameLog {
  running: boolean;
  times: number[];
  /** The most account rows in the DOM in any of those frames. */
  maxRows: number;
}

/** For each search keystroke: when the list showed its result (the "Showing n of m" text). */
interface SearchProbe {
  expected: string | null;
  keydownAt: number | null;
  /** ms from keydown to the begin of the first frame whose count text was the expected one. */
  toResult: number[];
  /** Keystrokes whose result had not shown when the next key went down. */
  superseded: number;
}

interface PageGlobals {
  __boardProbe: BoardProbe;
  __frameLog: FrameLog;
  __searchProbe: SearchProbe;
  __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown;
  readonly document: {
    readonly body: unknown;
    readonly activeElement: MinimalElement | null;
    querySelectorAll(selector: string): ArrayLike<MinimalElement>;
    querySelector(selector: string): MinimalElement | null;
  };
  readonly api: {
    invoke(channel: 'login:start', payload: { phone: string }): Promise<Result<LoginCard>>;
  };
  readonly MutationObserver: new (callback: (records: ArrayLike<unknown>) => void) => {
    observe(target: unknown, options: Record<string, boolean>): void;
  };
  readonly PerformanceObserver: new (callback: (list: { getEntries(): { duration: number }[] }) => void) => {
    observe(options: { type: string }): void;
  };
  addEventListener(type: string, listener: (event: MinimalEvent) => void, capture: boolean): void;
  requestAnimationFrame(callback: (frameTime: number) => void): number;
  setTimeout(callback: () => void, ms: number): number;
  readonly performance: { now(): number };
  readonly scrollY: number;
}

/**
 * Installed before the page's scripts: a minimal React DevTools hook, which React DOM calls on every commit,
 * and a MutationObserver. Each commit is walked the way DevTools does: a subtree whose child list is the one
 * of the previous commit bailed out, so only what rendered is visited.
 */
function installProbe(): void {
  const page = globalThis as unknown as PageGlobals;
  const tally = (): Tally => ({
    commits: 0,
    components: 0,
    cardRenders: 0,
    otherCardRenders: 0,
    outsideCards: 0,
    mutations: 0,
  });
  const probe: BoardProbe = {
    renderers: 0,
    inKeystroke: false,
    background: tally(),
    keystroke: tally(),
    keydownAt: null,
    latencies: [],
    frameStarts: [],
    longTasks: 0,
    longTaskMs: 0,
    lengths: [],
  };
  page.__boardProbe = probe;
  const current = (): Tally => (probe.inKeystroke ? probe.keystroke : probe.background);

  // React's work tags: function, class, forwardRef, memo, simple memo component; host element.
  const COMPONENT_TAGS = new Set([0, 1, 11, 14, 15]);
  const HOST_COMPONENT = 5;
  const PERFORMED_WORK = 1;
  // A card is the <li> in the board's list (<ol aria-label="Logins">) around it; returns its DOM node.
  const cardOf = (fiber: Fiber): unknown => {
    let item: Fiber | null = null;
    for (let f: Fiber | null = fiber.return; f !== null; f = f.return) {
      if (f.tag !== HOST_COMPONENT) continue;
      if (item !== null)
        return f.type === 'ol' && f.memoizedProps?.['aria-label'] === 'Logins' ? item.stateNode : null;
      if (f.type === 'li') item = f;
    }
    return null;
  };
  const onCommit = (root: { current: Fiber }): void => {
    const into = current();
    into.commits++;
    const cards = new Set<unknown>();
    const stack: Fiber[] = [root.current];
    while (stack.length > 0) {
      const fiber = stack.pop();
      if (fiber === undefined) break;
      const previous = fiber.alternate;
      if (COMPONENT_TAGS.has(fiber.tag) && (previous === null || (fiber.flags & PERFORMED_WORK) !== 0)) {
        into.components++;
        const card = cardOf(fiber);
        if (card === null) into.outsideCards++;
        else cards.add(card);
      }
      if (previous !== null && fiber.child === previous.child) continue;
      for (let child = fiber.child; child !== null; child = child.sibling) stack.push(child);
    }
    into.cardRenders += cards.size;
    const focused = page.document.activeElement?.closest('li') ?? null;
    into.otherCardRenders += cards.size - (focused !== null && cards.has(focused) ? 1 : 0);
  };
  const renderers = new Map<number, unknown>();
  page.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers,
    inject(renderer: unknown): number {
      probe.renderers++;
      renderers.set(probe.renderers, renderer);
      return probe.renderers;
    },
    onCommitFiberRoot(_renderer: number, root: { current: Fiber }): void {
      onCommit(root);
    },
    onCommitFiberUnmount(): void {
      // Unmounts are not counted.
    },
    onPostCommitFiberRoot(): void {
      // Passive effects are not counted.
    },
    checkDCE(): void {
      // Only React DevTools warns about dead-code elimination.
    },
  };

  const isCodeInput = (target: unknown): boolean =>
    target !== null && target === page.document.activeElement && probe.keydownAt !== null;
  page.addEventListener(
    'keydown',
    (event) => {
      probe.keydownAt = event.timeStamp;
    },
    true,
  );
  page.addEventListener(
    'beforeinput',
    (event) => {
      if (isCodeInput(event.target)) probe.inKeystroke = true;
    },
    true,
  );
  // Bubbling on window runs after React's listener on its root and the microtasks of its commit.
  page.addEventListener(
    'input',
    (event) => {
      probe.inKeystroke = false;
      const down = probe.keydownAt;
      if (!isCodeInput(event.target) || down === null) return;
      probe.keydownAt = null;
      const input = event.target as MinimalElement;
      page.requestAnimationFrame((frameTime) => {
        probe.latencies.push(page.performance.now() - down);
        probe.frameStarts.push(Math.max(0, frameTime - down));
        probe.lengths.push(input.value?.length ?? -1);
      });
    },
    false,
  );
  new page.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      probe.longTasks++;
      probe.longTaskMs += entry.duration;
    }
  }).observe({ type: 'longtask' });
  page.addEventListener(
    'DOMContentLoaded',
    () => {
      new page.MutationObserver((records) => {
        current().mutations += records.length;
      }).observe(page.document.body, {
        childList: true,
        subtree: true,
        attributes: true,
        characterData: true,
      });
    },
    false,
  );
}

/** How many cards show an enabled "Login code" input, how many cards there are, and the steps of the rest. */
function readBoard(): { cards: number; ready: number; countdowns: number; others: string[] } {
  const page = globalThis as unknown as PageGlobals;
  const cards = Array.from(page.document.querySelectorAll('article[aria-label^="Login for"]'));
  let ready = 0;
  let countdowns = 0;
  const others: string[] = [];
  for (const card of cards) {
    const label = Array.from(card.querySelectorAll('label')).find((l) => l.textContent === 'Login code');
    const input = label?.control;
    if (input && input.disabled !== true) ready++;
    else if (others.length < 3) others.push((card.textContent ?? '').slice(0, 160));
    const counting = Array.from(card.querySelectorAll('button')).some(
      (b) =>
        b.disabled === true &&
        /^Call me with the code.*in \d+:\d\d/.test(b.getAttribute('aria-label') ?? b.textContent ?? ''),
    );
    if (counting) countdowns++;
  }
  return { cards: cards.length, ready, countdowns, others };
}

/**
 * Resolves once a click (the next one, on the "Accounts" tab) has brought account rows to the screen: ms
 * from the click's timeStamp to the first frame with rows (its requestAnimationFrame callback), and to a
 * task queued from that callback, which runs once that frame has been painted. Also the rows in the DOM.
 */
function awaitAccountRows(selector: string): Promise<{ toFrame: number; toPainted: number; rows: number }> {
  const page = globalThis as unknown as PageGlobals;
  return new Promise((resolve) => {
    let clickAt: number | null = null;
    page.addEventListener(
      'click',
      (event) => {
        clickAt ??= event.timeStamp;
      },
      true,
    );
    const poll = (): void => {
      const rows = page.document.querySelectorAll(selector).length;
      if (clickAt === null || rows === 0) {
        page.requestAnimationFrame(poll);
        return;
      }
      const at = clickAt;
      const toFrame = page.performance.now() - at;
      page.setTimeout(() => {
        resolve({ toFrame, toPainted: page.performance.now() - at, rows });
      }, 0);
    };
    page.requestAnimationFrame(poll);
  });
}

/** Starts logging animation frames and the account rows in each. */
function startFrameLog(selector: string): void {
  const page = globalThis as unknown as PageGlobals;
  const log: FrameLog = { running: true, times: [], maxRows: 0 };
  page.__frameLog = log;
  const frame = (time: number): void => {
    log.times.push(time);
    log.maxRows = Math.max(log.maxRows, page.document.querySelectorAll(selector).length);
    if (log.running) page.requestAnimationFrame(frame);
  };
  page.requestAnimationFrame(frame);
}

function stopFrameLog(): FrameLog {
  const page = globalThis as unknown as PageGlobals;
  page.__frameLog.running = false;
  return page.__frameLog;
}

/**
 * Installs the search probe: after each keydown, every frame checks the count text ("Showing n of m") and
 * notes the first frame where it reads as expected (set by Node before each keystroke).
 */
function installSearchProbe(): void {
  const page = globalThis as unknown as PageGlobals;
  const probe: SearchProbe = { expected: null, keydownAt: null, toResult: [], superseded: 0 };
  page.__searchProbe = probe;
  page.addEventListener(
    'keydown',
    (event) => {
      const want = probe.expected;
      const down = event.timeStamp;
      probe.keydownAt = down;
      probe.expected = null;
      if (want === null) return;
      const check = (frameTime: number): void => {
        if (probe.keydownAt !== down) {
          probe.superseded++;
          return;
        }
        const text = page.document.querySelector('.accounts-count')?.textContent ?? '';
        if (text === want) {
          probe.toResult.push(Math.max(0, frameTime - down));
          return;
        }
        page.requestAnimationFrame(check);
      };
      page.requestAnimationFrame(check);
    },
    true,
  );
}

// ---------------------------------------------------------------------------------------------------------
// In Node.

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface StartPath {
  readonly how: 'paste a list' | 'window.api';
  /** Clicks on "Start …": numbers refused by main stay in the box and are started again. */
  readonly rounds: number;
  /** One refusal message per round that had any, to show why. */
  readonly refusals: readonly string[];
}

const MAX_START_ROUNDS = 10;

async function startLogins(page: Page): Promise<StartPath> {
  await page.getByRole('form', { name: 'Add phones' }).waitFor({ timeout: 20_000 });
  const paste = page.getByRole('button', { name: 'Paste a list' });
  if ((await paste.count()) > 0) {
    await paste.click();
    await page.getByLabel('Phone numbers, one per line').fill(phones.join('\n'));
    const refusals: string[] = [];
    for (let round = 1; round <= MAX_START_ROUNDS; round++) {
      await page.getByRole('button', { name: /^Start \d/ }).click();
      await page.getByRole('button', { name: /^Starting/ }).waitFor({ state: 'hidden', timeout: 120_000 });
      const refused = page.getByRole('list', { name: 'Numbers that did not start' }).getByRole('listitem');
      const count = await refused.count();
      if (count === 0) return { how: 'paste a list', rounds: round, refusals };
      refusals.push(`${String(count)} refused: ${(await refused.first().textContent()) ?? ''}`);
    }
    throw new Error(
      `the board still refused numbers after ${String(MAX_START_ROUNDS)} rounds: ${refusals.join('; ')}`,
    );
  }
  // The add-phones form is not there yet: start the logins as it would, through the page's window.api.
  await page.evaluate(async (list) => {
    const api = (globalThis as unknown as PageGlobals).api;
    const queue = [...list];
    const worker = async (): Promise<void> => {
      for (let phone = queue.shift(); phone !== undefined; phone = queue.shift()) {
        const result = await api.invoke('login:start', { phone });
        if (!result.ok) throw new Error(`login:start ${phone}: ${result.error.code}`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
  }, phones);
  return { how: 'window.api', rounds: 1, refusals: [] };
}

async function waitForCodeInputs(page: Page): Promise<void> {
  const started = performance.now();
  let lastReport = started;
  for (;;) {
    const board = await page.evaluate(readBoard);
    if (board.ready >= CARDS) return;
    const now = performance.now();
    if (now - started > READY_TIMEOUT_MS) {
      throw new Error(
        `after ${String(READY_TIMEOUT_MS / 1000)} s only ${String(board.ready)} of ${String(CARDS)} cards ` +
          `(${String(board.cards)} on the board) show a "Login code" input; some others: ` +
          JSON.stringify(board.others),
      );
    }
    if (now - lastReport > 10_000) {
      lastReport = now;
      console.error(`  ${String(board.ready)}/${String(CARDS)} cards waiting for their code…`);
    }
    await sleep(500);
  }
}

const readProbe = (page: Page): Promise<BoardProbe> =>
  page.evaluate(() => (globalThis as unknown as PageGlobals).__boardProbe);

interface Distribution {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  /** Share at most one frame interval long. */
  readonly withinOneFrame: number;
}

function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? Number.NaN,
    withinOneFrame: sorted.filter((ms) => ms <= FRAME_MS).length / sorted.length,
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

async function measureIdle(page: Page) {
  const before = await readProbe(page);
  const started = performance.now();
  await sleep(IDLE_MS);
  const after = await readProbe(page);
  const seconds = (performance.now() - started) / 1000;
  const rate = (key: keyof Tally): number => (after.background[key] - before.background[key]) / seconds;
  return {
    seconds,
    commitsPerSecond: rate('commits'),
    componentsPerSecond: rate('components'),
    cardRendersPerSecond: rate('cardRenders'),
    outsideCardsPerSecond: rate('outsideCards'),
    mutationsPerSecond: rate('mutations'),
    longTasks: after.longTasks - before.longTasks,
    longTaskMs: after.longTaskMs - before.longTaskMs,
  };
}

async function measureTyping(page: Page) {
  const input = page
    .getByRole('article', { name: `Login for ${phones[0] ?? ''}` })
    .getByLabel('Login code', { exact: true });
  return measureKeystrokes(page, input);
}

/**
 * Types KEY_CYCLES × KEYS into `input` and reads the probe's latencies (the page's probe counts from its
 * load, so this runs once per page). `beforeKey` runs before each keystroke with the value it will give.
 */
async function measureKeystrokes(
  page: Page,
  input: Locator,
  beforeKey: (value: string) => Promise<void> = () => Promise.resolve(),
) {
  await input.focus();
  const before = await readProbe(page);
  const started = performance.now();
  let expected = 0;
  let value = '';
  const expectedLengths: number[] = [];
  for (let cycle = 0; cycle < KEY_CYCLES; cycle++) {
    for (const key of KEYS) {
      expected = key === 'Backspace' ? expected - 1 : expected + 1;
      value = key === 'Backspace' ? value.slice(0, -1) : value + key;
      expectedLengths.push(expected);
      await beforeKey(value);
      await page.keyboard.press(key);
      await page.waitForFunction(
        (n) => (globalThis as unknown as PageGlobals).__boardProbe.latencies.length >= n,
        expectedLengths.length,
        { timeout: 5_000 },
      );
      await sleep(KEY_GAP_MS);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const probe = await readProbe(page);
  const wrong = probe.lengths.findIndex((length, i) => length !== expectedLengths[i]);
  if (wrong !== -1 || probe.lengths.length !== expectedLengths.length) {
    throw new Error(
      `keystroke ${String(wrong + 1)} left the code input with ${String(probe.lengths[wrong])} characters, ` +
        `expected ${String(expectedLengths[wrong])}`,
    );
  }
  const keys = probe.latencies.length;
  return {
    keystrokes: keys,
    seconds,
    toFrameCallback: distribution(probe.latencies),
    toFrameStart: distribution(probe.frameStarts),
    commitsPerKeystroke: probe.keystroke.commits / keys,
    componentsPerKeystroke: probe.keystroke.components / keys,
    cardsPerKeystroke: probe.keystroke.cardRenders / keys,
    otherCardsPerKeystroke: probe.keystroke.otherCardRenders / keys,
    outsideCardsPerKeystroke: probe.keystroke.outsideCards / keys,
    mutationsPerKeystroke: probe.keystroke.mutations / keys,
    backgroundCommitsWhileTyping: probe.background.commits - before.background.commits,
    longTasks: probe.longTasks - before.longTasks,
    longTaskMs: probe.longTaskMs - before.longTaskMs,
  };
}

const APP_FRAME = (app: BrowserApp): SenderInfo => ({
  frameUrl: `${app.harness.origin}/index.html`,
  isMainFrame: true,
  isAppWindow: true,
});

/** One IPC call to main's services, as the page would make it; a refusal throws. */
async function call(app: BrowserApp, channel: string, payload: unknown): Promise<unknown> {
  const result = await app.services.dispatcher.dispatch(channel, payload, APP_FRAME(app));
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Polls `login:list` until every login of `ids` is at `step`; a failed one throws. */
async function allAt(app: BrowserApp, ids: readonly string[], step: LoginCard['state']['step']) {
  const started = performance.now();
  for (;;) {
    const cards = (await call(app, 'login:list', {})) as LoginCard[];
    const ours = cards.filter((card) => ids.includes(card.id));
    const failed = ours.find((card) => card.state.step === 'failed');
    if (failed?.state.step === 'failed') throw new Error(`a login failed: ${failed.state.error.code}`);
    if (ours.length === ids.length && ours.every((card) => card.state.step === step)) return;
    if (performance.now() - started > READY_TIMEOUT_MS) {
      throw new Error(`logins not at ${step}: ${ours.map((card) => card.state.step).join(', ')}`);
    }
    await sleep(200);
  }
}

/**
 * Signs every account of the accounts phase in through main's services (not the page): `login:start`,
 * `login:submitCode` with the world's fixed code, then `login:dismiss` of the finished card, so the board
 * keeps only its active cards. Each session is stored in the keychain under this run's service name.
 */
async function signInAccounts(app: BrowserApp): Promise<number> {
  const started = performance.now();
  for (let from = 0; from < accountPhones.length; from += SIGN_IN_BATCH) {
    const batch = accountPhones.slice(from, from + SIGN_IN_BATCH);
    const ids = await Promise.all(
      batch.map(async (phone) => ((await call(app, 'login:start', { phone })) as LoginCard).id),
    );
    await allAt(app, ids, 'codeSent');
    await Promise.all(
      ids.map((loginId) =>
        call(app, 'login:perform', { loginId, request: { type: 'submitCode', code: ACCOUNT_CODE } }),
      ),
    );
    await allAt(app, ids, 'signedIn');
    await Promise.all(ids.map((loginId) => call(app, 'login:dismiss', { loginId })));
    if (from > 0 && from % 200 === 0)
      console.error(`  ${String(from)}/${String(ACCOUNTS)} accounts signed in…`);
  }
  return performance.now() - started;
}

/** The Accounts view in a fresh page of `context`: opening it, searching it, scrolling it. */
async function measureAccounts(app: BrowserApp, context: BrowserContext) {
  const accounts = (await call(app, 'accounts:list', {})) as AccountSummary[];
  const total = accounts.length;
  if (total < ACCOUNTS) throw new Error(`only ${String(total)} of ${String(ACCOUNTS)} accounts signed in`);
  const page = await context.newPage();
  await page.addInitScript(installSearchProbe);
  await page.goto(app.harness.url);
  await waitForCodeInputs(page);

  // Open: the click on the tab, to the first frame with rows.
  const opened = page.evaluate(awaitAccountRows, ACCOUNT_ROWS);
  await page.getByRole('button', { name: 'Accounts' }).click();
  const open = await opened;
  const shown = `Showing ${String(total)} of ${String(total)} accounts`;
  await page.getByText(shown, { exact: true }).waitFor({ timeout: 20_000 });
  const domRows = await page.locator(ACCOUNT_ROWS).count();

  // Search: the same keystrokes as the code input's, into "Search accounts".
  let lastText = shown;
  const search = page.getByLabel('Search accounts', { exact: true });
  const typing = await measureKeystrokes(page, search, async (value) => {
    const text = `Showing ${String(filterAccounts(accounts, value, 'all').length)} of ${String(total)} accounts`;
    const changes = text !== lastText;
    lastText = text;
    await page.evaluate(
      (want) => {
        (globalThis as unknown as PageGlobals).__searchProbe.expected = want;
      },
      changes ? text : null,
    );
  });
  await page.getByText(shown, { exact: true }).waitFor({ timeout: 20_000 });
  const { toResult: results, superseded } = await page.evaluate(
    () => (globalThis as unknown as PageGlobals).__searchProbe,
  );

  // Scroll: the mouse wheel over the list for SCROLL_MS, a notch every WHEEL_GAP_MS.
  await page.mouse.move(640, 600);
  const before = await readProbe(page);
  const scrollBefore = await page.evaluate(() => (globalThis as unknown as PageGlobals).scrollY);
  await page.evaluate(startFrameLog, ACCOUNT_ROWS);
  const started = performance.now();
  while (performance.now() - started < SCROLL_MS) {
    await page.mouse.wheel(0, WHEEL_PX);
    await sleep(WHEEL_GAP_MS);
  }
  await sleep(100);
  const frames = await page.evaluate(stopFrameLog);
  const scrolled = (await page.evaluate(() => (globalThis as unknown as PageGlobals).scrollY)) - scrollBefore;
  const after = await readProbe(page);
  const intervals = frames.times.slice(1).map((time, i) => time - (frames.times[i] ?? time));
  const missed = intervals.reduce((sum, ms) => sum + Math.max(0, Math.round(ms / FRAME_MS) - 1), 0);
  await page.close();
  return {
    total,
    open,
    domRows,
    typing,
    toResult: distribution(results),
    resultKeystrokes: results.length,
    superseded,
    scroll: {
      px: scrolled,
      frames: frames.times.length,
      interval: distribution(intervals),
      over: intervals.filter((ms) => ms > FRAME_MS * 1.5).length,
      missed,
      maxRows: frames.maxRows,
      longTasks: after.longTasks - before.longTasks,
      longTaskMs: after.longTaskMs - before.longTaskMs,
    },
  };
}

function latencyRows(what: string, d: Distribution): [string, string][] {
  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  return [
    [`  ${what}, p50 / p95 / max`, `${ms(d.p50)} / ${ms(d.p95)} / ${ms(d.max)}`],
    [`    within one frame (<= ${FRAME_MS.toFixed(1)} ms)`, `${(d.withinOneFrame * 100).toFixed(1)} %`],
  ];
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    dcIds: [1, 2],
    world: {
      accounts: [
        ...phones.map((phone, i) => ({
          phone,
          firstName: `Board${String(i)}`,
          ladder: [
            { type: 'sms' as const, length: CODE_LENGTH, timeout: RESEND_TIMEOUT_S },
            { type: 'call' as const, timeout: RESEND_TIMEOUT_S },
          ],
        })),
        ...accountPhones.map((phone, i) => ({
          phone,
          firstName: `Acct${String(i)}`,
          lastName: 'Scale',
          username: `acct_${String(i)}`,
          code: ACCOUNT_CODE,
        })),
      ],
    },
  });
  const problems: string[] = [];
  const app = await startBrowserApp({
    sandbox,
    log: (line) => {
      if (/^(warn|error) /.test(line)) problems.push(line);
    },
  });
  const browser = await launchChromium();
  try {
    const context = await newContext(browser);
    // tsx compiles with esbuild's keepNames, which wraps named functions in a `__name(fn, "name")` call;
    // the functions serialised into the page need that helper there too.
    await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    await context.addInitScript(installProbe);
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(app.harness.url);

    const startedAt = performance.now();
    const start = await startLogins(page);
    const how = `${start.how}, ${String(start.rounds)} round${start.rounds === 1 ? '' : 's'}`;
    await waitForCodeInputs(page);
    const readyMs = performance.now() - startedAt;
    const board = await page.evaluate(readBoard);
    const probe = await readProbe(page);
    if (probe.renderers === 0 || probe.background.commits === 0) {
      throw new Error('React DOM never called the DevTools hook: commits cannot be counted');
    }
    if (board.countdowns < CARDS) {
      throw new Error(
        `only ${String(board.countdowns)} of ${String(CARDS)} cards show a live resend countdown`,
      );
    }
    const idle = await measureIdle(page);
    const typing = await measureTyping(page);
    // The accounts phase: the board's page closes (so its 200 cards do not render 1,000 sign-ins), the
    // accounts sign in from Node, and a fresh page opens the Accounts view.
    let accountsPhase: Awaited<ReturnType<typeof measureAccounts>> | null = null;
    let signInMs = 0;
    if (ACCOUNTS > 0) {
      await page.close();
      signInMs = await signInAccounts(app);
      accountsPhase = await measureAccounts(app, context);
    }

    const ms = (value: number): string => `${value.toFixed(1)} ms`;
    const per = (value: number, unit: string): string => `${value.toFixed(1)} ${unit}`;
    const rows: [string, string][] = [
      ['active cards (codeSent, resend countdown running)', String(board.countdowns)],
      [`from starting the logins (${how}) to every "Login code" input`, ms(readyMs)],
      [`idle, countdowns ticking (${idle.seconds.toFixed(1)} s):`, ''],
      ['  React commits', per(idle.commitsPerSecond, '/s')],
      ['  components rendered', per(idle.componentsPerSecond, '/s')],
      ['  cards re-rendered (sum over commits)', per(idle.cardRendersPerSecond, '/s')],
      ['  components outside cards rendered', per(idle.outsideCardsPerSecond, '/s')],
      ['  DOM mutation records', per(idle.mutationsPerSecond, '/s')],
      ['  main-thread tasks over 50 ms', `${String(idle.longTasks)} (${ms(idle.longTaskMs)} in all)`],
      [`typing in one card's code input (${String(typing.keystrokes)} keystrokes):`, ''],
      ...latencyRows('keydown -> frame callback after the value changed', typing.toFrameCallback),
      ...latencyRows('keydown -> begin (vsync) of that frame', typing.toFrameStart),
      ['  React commits per keystroke', typing.commitsPerKeystroke.toFixed(2)],
      ['  components rendered per keystroke', typing.componentsPerKeystroke.toFixed(2)],
      ['  cards re-rendered per keystroke', typing.cardsPerKeystroke.toFixed(2)],
      ['    of which other than the typed-in card', typing.otherCardsPerKeystroke.toFixed(2)],
      ['  components outside cards per keystroke', typing.outsideCardsPerKeystroke.toFixed(2)],
      ['  DOM mutation records per keystroke', typing.mutationsPerKeystroke.toFixed(2)],
      [
        '  countdown commits meanwhile',
        `${String(typing.backgroundCommitsWhileTyping)} in ${typing.seconds.toFixed(1)} s`,
      ],
      [
        '  main-thread tasks over 50 ms meanwhile',
        `${String(typing.longTasks)} (${ms(typing.longTaskMs)} in all)`,
      ],
    ];
    if (accountsPhase !== null) {
      const a = accountsPhase;
      const d = a.scroll.interval;
      rows.push(
        [`accounts view with ${String(a.total)} signed-in accounts:`, ''],
        ['  signing them in from Node (not measured in the page)', `${(signInMs / 1000).toFixed(1)} s`],
        ['  click on "Accounts" -> first frame with rows', ms(a.open.toFrame)],
        ['  click on "Accounts" -> that frame painted', ms(a.open.toPainted)],
        ['  account rows in the DOM', String(a.domRows)],
        [`  typing in "Search accounts" (${String(a.typing.keystrokes)} keystrokes):`, ''],
        ...latencyRows('  keydown -> frame callback after the value changed', a.typing.toFrameCallback),
        ...latencyRows('  keydown -> begin (vsync) of that frame', a.typing.toFrameStart),
        ...latencyRows(
          `  keydown -> frame showing the new count (${String(a.resultKeystrokes)} that change it)`,
          a.toResult,
        ),
        [
          '    React commits / components per keystroke',
          `${a.typing.commitsPerKeystroke.toFixed(2)} / ${a.typing.componentsPerKeystroke.toFixed(2)}`,
        ],
        [
          '    main-thread tasks over 50 ms meanwhile',
          `${String(a.typing.longTasks)} (${ms(a.typing.longTaskMs)} in all)`,
        ],
        [
          `  mouse wheel over the list (${(SCROLL_MS / 1000).toFixed(0)} s, ${String(Math.round(a.scroll.px))} px):`,
          '',
        ],
        [
          '    frames; intervals p50 / p95 / max',
          `${String(a.scroll.frames)}; ${ms(d.p50)} / ${ms(d.p95)} / ${ms(d.max)}`,
        ],
        [
          '    intervals over 1.5 frames; frames missed',
          `${String(a.scroll.over)}; ${String(a.scroll.missed)}`,
        ],
        ['    most account rows in the DOM in a frame', String(a.scroll.maxRows)],
        [
          '    main-thread tasks over 50 ms meanwhile',
          `${String(a.scroll.longTasks)} (${ms(a.scroll.longTaskMs)} in all)`,
        ],
      );
    }
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(`Board rendering with ${String(CARDS)} active cards (Chromium, production renderer build)`);
    for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
    for (const line of start.refusals) console.log(`  start round refused: ${line}`);
    if (problems.length > 0) console.log(`  (${String(problems.length)} warnings from the app or page)`);
    const round = (value: number): number => Math.round(value * 100) / 100;
    const rounded = (d: Distribution): Distribution => ({
      p50: round(d.p50),
      p95: round(d.p95),
      max: round(d.max),
      withinOneFrame: round(d.withinOneFrame),
    });
    console.log(
      `BOARD_BENCH ${JSON.stringify({
        cards: CARDS,
        startPath: start.how,
        startRounds: start.rounds,
        idleSeconds: round(idle.seconds),
        commitsPerSecond: round(idle.commitsPerSecond),
        componentsPerSecond: round(idle.componentsPerSecond),
        cardRendersPerSecond: round(idle.cardRendersPerSecond),
        outsideCardComponentsPerSecond: round(idle.outsideCardsPerSecond),
        mutationsPerSecond: round(idle.mutationsPerSecond),
        idleLongTasks: idle.longTasks,
        keystrokes: typing.keystrokes,
        keyToFrameCallbackMs: rounded(typing.toFrameCallback),
        keyToFrameStartMs: rounded(typing.toFrameStart),
        commitsPerKeystroke: round(typing.commitsPerKeystroke),
        componentsPerKeystroke: round(typing.componentsPerKeystroke),
        cardsPerKeystroke: round(typing.cardsPerKeystroke),
        otherCardsPerKeystroke: round(typing.otherCardsPerKeystroke),
        outsideCardComponentsPerKeystroke: round(typing.outsideCardsPerKeystroke),
        mutationsPerKeystroke: round(typing.mutationsPerKeystroke),
        typingLongTasks: typing.longTasks,
        accounts:
          accountsPhase === null
            ? null
            : {
                accounts: accountsPhase.total,
                signInSeconds: round(signInMs / 1000),
                openToFrameMs: round(accountsPhase.open.toFrame),
                openToPaintedMs: round(accountsPhase.open.toPainted),
                domRows: accountsPhase.domRows,
                searchKeystrokes: accountsPhase.typing.keystrokes,
                searchKeyToFrameCallbackMs: rounded(accountsPhase.typing.toFrameCallback),
                searchKeyToFrameStartMs: rounded(accountsPhase.typing.toFrameStart),
                searchKeyToResultMs: rounded(accountsPhase.toResult),
                searchResultKeystrokes: accountsPhase.resultKeystrokes,
                searchResultsNotShownBeforeNextKey: accountsPhase.superseded,
                searchCommitsPerKeystroke: round(accountsPhase.typing.commitsPerKeystroke),
                searchComponentsPerKeystroke: round(accountsPhase.typing.componentsPerKeystroke),
                searchLongTasks: accountsPhase.typing.longTasks,
                scrollPx: Math.round(accountsPhase.scroll.px),
                scrollFrames: accountsPhase.scroll.frames,
                scrollFrameIntervalMs: rounded(accountsPhase.scroll.interval),
                scrollIntervalsOver1_5Frames: accountsPhase.scroll.over,
                scrollFramesMissed: accountsPhase.scroll.missed,
                scrollMaxDomRows: accountsPhase.scroll.maxRows,
                scrollLongTasks: accountsPhase.scroll.longTasks,
              },
      })}`,
    );
  } catch (error) {
    for (const line of problems.slice(0, 20)) console.error(`  ${line}`);
    throw error;
  } finally {
    await browser.close();
    await app.destroy();
    await sandbox.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
