import { describe, expect, it } from 'vitest';
import {
  CHECK_INTERVAL_MS,
  createUpdateScheduler,
  decideUpdateChecks,
  FIRST_CHECK_DELAY_MS,
  sanitizeUpdateMessage,
  type UpdateDecision,
  type UpdateTimers,
} from '../../main/update/update-policy.ts';

describe('decideUpdateChecks', () => {
  it('checks only in the packaged app, outside demo mode, with the setting on', () => {
    expect(decideUpdateChecks({ packaged: true, demo: false, enabled: true })).toEqual({ check: true });
    expect(decideUpdateChecks({ packaged: false, demo: false, enabled: true })).toEqual({
      check: false,
      reason: 'not packaged',
    });
    expect(decideUpdateChecks({ packaged: true, demo: true, enabled: true })).toEqual({
      check: false,
      reason: 'demo mode',
    });
    expect(decideUpdateChecks({ packaged: true, demo: false, enabled: false })).toEqual({
      check: false,
      reason: 'turned off in settings',
    });
  });

  it('never checks when any condition fails', () => {
    for (const packaged of [true, false]) {
      for (const demo of [true, false]) {
        for (const enabled of [true, false]) {
          expect(decideUpdateChecks({ packaged, demo, enabled }).check).toBe(packaged && !demo && enabled);
        }
      }
    }
  });
});

describe('sanitizeUpdateMessage', () => {
  it('keeps only the origin of URLs (a signed download URL carries credentials)', () => {
    const message =
      'Cannot download "https://objects.githubusercontent.com/github-production-release-asset/1/2?X-Amz-Signature=abc123&X-Amz-Credential=AKIA%2F", status 403';
    const line = sanitizeUpdateMessage(new Error(message));
    expect(line).toBe('Cannot download "https://objects.githubusercontent.com", status 403');
    expect(line).not.toMatch(/abc123|AKIA|release-asset/);
  });

  it('removes credential-looking pairs and everything after the first line (stacks, headers)', () => {
    const line = sanitizeUpdateMessage(
      'HttpError: 401 token=ghp_secret123 password: hunter2\nHeaders: {"authorization": "Bearer xyz"}\n    at f (x.js:1:1)',
    );
    expect(line).toBe('HttpError: 401 token=<redacted> password=<redacted>');
  });

  it('bounds the length and names what is not an error or a string', () => {
    expect(sanitizeUpdateMessage('x'.repeat(1000))).toHaveLength(301);
    expect(sanitizeUpdateMessage({ secret: 'a' })).toBe('unknown error');
    expect(sanitizeUpdateMessage(undefined)).toBe('unknown error');
    expect(sanitizeUpdateMessage('\n')).toBe('unknown error');
    expect(sanitizeUpdateMessage('at ftp://%zz/x?token=1')).toBe('at <url>');
  });
});

/** Timers the test advances by hand. */
class ManualTimers implements UpdateTimers {
  now = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  get scheduled(): number[] {
    return [...this.pending.values()].map((timer) => timer.at - this.now).sort((a, b) => a - b);
  }

  /** Moves the clock, running what falls due (and letting the checks' promises settle). */
  async advance(ms: number): Promise<void> {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.pending.entries()]
        .filter(([, timer]) => timer.at <= until)
        .sort(([, a], [, b]) => a.at - b.at)[0];
      if (due === undefined) break;
      const [id, timer] = due;
      this.pending.delete(id);
      this.now = timer.at;
      timer.callback();
      await flush();
    }
    this.now = until;
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

const ON: UpdateDecision = { check: true };
const OFF: UpdateDecision = { check: false, reason: 'turned off in settings' };

function setUp(check: () => Promise<unknown> = () => Promise.resolve()) {
  const timers = new ManualTimers();
  const logs: string[] = [];
  let checks = 0;
  const scheduler = createUpdateScheduler({
    check: () => {
      checks++;
      return check();
    },
    log: (level, message) => logs.push(`${level} ${message}`),
    timers,
  });
  return { timers, logs, scheduler, checks: () => checks };
}

describe('createUpdateScheduler', () => {
  it('checks a minute after start-up, then every six hours', async () => {
    const { timers, scheduler, checks } = setUp();
    expect(FIRST_CHECK_DELAY_MS).toBe(60_000);
    expect(CHECK_INTERVAL_MS).toBe(6 * 60 * 60 * 1000);
    scheduler.apply(ON);
    expect(timers.scheduled).toEqual([FIRST_CHECK_DELAY_MS]);
    await timers.advance(FIRST_CHECK_DELAY_MS - 1);
    expect(checks()).toBe(0);
    await timers.advance(1);
    expect(checks()).toBe(1);
    expect(timers.scheduled).toEqual([CHECK_INTERVAL_MS]);
    await timers.advance(3 * CHECK_INTERVAL_MS);
    expect(checks()).toBe(4);
  });

  it('never checks while off, and stops when turned off', async () => {
    const { timers, scheduler, checks, logs } = setUp();
    scheduler.apply({ check: false, reason: 'demo mode' });
    await timers.advance(10 * CHECK_INTERVAL_MS);
    expect(checks()).toBe(0);
    expect(timers.scheduled).toEqual([]);
    expect(logs).toEqual(['info automatic update checks are off: demo mode']);

    scheduler.apply(ON);
    await timers.advance(FIRST_CHECK_DELAY_MS);
    expect(checks()).toBe(1);
    scheduler.apply(OFF);
    expect(timers.scheduled).toEqual([]);
    await timers.advance(10 * CHECK_INTERVAL_MS);
    expect(checks()).toBe(1);
  });

  it('is idempotent: applying the same decision again changes nothing', async () => {
    const { timers, scheduler, checks, logs } = setUp();
    scheduler.apply(ON);
    await timers.advance(30_000);
    scheduler.apply(ON);
    expect(timers.scheduled).toEqual([30_000]);
    await timers.advance(30_000);
    expect(checks()).toBe(1);
    scheduler.apply(OFF);
    scheduler.apply(OFF);
    expect(logs).toEqual([
      'info automatic update checks are on',
      'info automatic update checks are off: turned off in settings',
    ]);
  });

  it('logs a failed check as one sanitized line and carries on', async () => {
    const { timers, scheduler, checks, logs } = setUp(() =>
      Promise.reject(
        new Error('net::ERR_INTERNET_DISCONNECTED https://api.github.com/repos/x?token=abc\nstack'),
      ),
    );
    scheduler.apply(ON);
    await timers.advance(FIRST_CHECK_DELAY_MS + CHECK_INTERVAL_MS);
    expect(checks()).toBe(2);
    expect(logs.filter((line) => line.startsWith('warn'))).toEqual([
      'warn update check failed: net::ERR_INTERNET_DISCONNECTED https://api.github.com',
      'warn update check failed: net::ERR_INTERNET_DISCONNECTED https://api.github.com',
    ]);
    expect(timers.scheduled).toEqual([CHECK_INTERVAL_MS]);
  });

  it('survives a check that throws synchronously', async () => {
    const { timers, scheduler, logs } = setUp(() => {
      throw new Error('boom');
    });
    scheduler.apply(ON);
    await timers.advance(FIRST_CHECK_DELAY_MS);
    expect(logs).toContain('warn update check failed: boom');
    expect(timers.scheduled).toEqual([CHECK_INTERVAL_MS]);
  });

  it('does not stack checks: a slow one delays the next', async () => {
    let finish: () => void = () => undefined;
    const { timers, scheduler, checks } = setUp(
      () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
    );
    scheduler.apply(ON);
    await timers.advance(FIRST_CHECK_DELAY_MS);
    expect(checks()).toBe(1);
    expect(timers.scheduled).toEqual([]);
    await timers.advance(10 * CHECK_INTERVAL_MS);
    expect(checks()).toBe(1);
    finish();
    await flush();
    expect(timers.scheduled).toEqual([CHECK_INTERVAL_MS]);
  });

  it('does nothing after stop(), not even when turned on again', async () => {
    const { timers, scheduler, checks } = setUp();
    scheduler.apply(ON);
    scheduler.stop();
    expect(timers.scheduled).toEqual([]);
    scheduler.apply(ON);
    await timers.advance(10 * CHECK_INTERVAL_MS);
    expect(checks()).toBe(0);
  });
});
