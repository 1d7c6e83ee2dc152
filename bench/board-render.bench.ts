/**
 * `npm run bench:board`: the board with 200 active cards in Chromium (the production build of the renderer,
 * served by the browser harness against the real main-process services, the keychain and the sandbox DC).
 * Every card waits for its code with a live resend countdown. Prints React commits and DOM mutations per
 * second while the countdowns tick, then the latency of keystrokes typed into one card's code field and
 * what each keystroke re-rendered. Prints figures only; fails only if the scenario itself does not happen.
 * The sandbox runs in this process (startBrowserApp takes a Sandbox); Chromium renders in its own.
 */
import type { Page } from 'playwright-core';
import type { LoginCard } from '../main/domain/login-state.ts';
import type { Result } from '../main/domain/errors.ts';
import { startSandbox } from '../main/sandbox/index.ts';
import { launchChromium, newContext, startBrowserApp } from '../test/support/browser-app.ts';

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

interface PageGlobals {
  __boardProbe: BoardProbe;
  __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown;
  readonly document: {
    readonly body: unknown;
    readonly activeElement: MinimalElement | null;
    querySelectorAll(selector: string): ArrayLike<MinimalElement>;
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
  readonly performance: { now(): number };
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
  await input.focus();
  const before = await readProbe(page);
  const started = performance.now();
  let expected = 0;
  const expectedLengths: number[] = [];
  for (let cycle = 0; cycle < KEY_CYCLES; cycle++) {
    for (const key of KEYS) {
      expected = key === 'Backspace' ? expected - 1 : expected + 1;
      expectedLengths.push(expected);
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
      accounts: phones.map((phone, i) => ({
        phone,
        firstName: `Board${String(i)}`,
        ladder: [
          { type: 'sms' as const, length: CODE_LENGTH, timeout: RESEND_TIMEOUT_S },
          { type: 'call' as const, timeout: RESEND_TIMEOUT_S },
        ],
      })),
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
