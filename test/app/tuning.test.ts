import { describe, expect, it } from 'vitest';
import { resolveTuning } from '../../main/app/tuning.ts';

describe('resolveTuning', () => {
  it('gives the installed app its defaults, frozen, so no layer changes them on the way down', () => {
    const tuning = resolveTuning();
    expect(tuning).toEqual({
      requestTimeoutMs: 15_000,
      reconnectDelaysMs: [2_000, 5_000, 15_000, 60_000, 300_000],
      sessionCheckMs: 600_000,
    });
    expect(Object.isFrozen(tuning)).toBe(true);
    expect(Object.isFrozen(tuning.reconnectDelaysMs)).toBe(true);
  });

  it('takes overrides (tests, benchmarks) and copies the delays it was given', () => {
    const delays = [200, 500];
    const tuning = resolveTuning({ requestTimeoutMs: 1_500, reconnectDelaysMs: delays });
    delays.push(9);
    expect(tuning).toEqual({
      requestTimeoutMs: 1_500,
      reconnectDelaysMs: [200, 500],
      sessionCheckMs: 600_000,
    });
  });

  it('refuses values that would make the app spin or never time out', () => {
    expect(() => resolveTuning({ requestTimeoutMs: 0 })).toThrow(RangeError);
    expect(() => resolveTuning({ sessionCheckMs: -1 })).toThrow(RangeError);
    expect(() => resolveTuning({ reconnectDelaysMs: [] })).toThrow(RangeError);
    expect(() => resolveTuning({ requestTimeoutMs: Number.NaN })).toThrow(RangeError);
  });
});
