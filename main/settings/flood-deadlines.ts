import { PhoneNumberSchema } from '../contract/phone.ts';
import { SettingsRejected, type SettingsStore } from './settings-store.ts';

/**
 * FLOOD_WAIT deadlines per phone number, kept in the settings file so that restarting the app does not
 * let a number hammer Telegram again (which lengthens the wait).
 */
export class FloodDeadlines {
  private pruning: Promise<void> | null = null;

  constructor(private readonly settings: SettingsStore) {}

  /**
   * Epoch ms when `phone` may try again, or null if it may now. Synchronous, because login steps ask before
   * every send; deadlines that have passed are pruned from the file in the background (see prune).
   */
  get(phone: string, now: number): number | null {
    const key = normalize(phone);
    const deadlines = this.settings.get().floodDeadlines;
    if (this.pruning === null && Object.values(deadlines).some((at) => at <= now)) {
      this.pruning = this.prune(now).finally(() => {
        this.pruning = null;
      });
    }
    const at = deadlines[key];
    return at !== undefined && at > now ? at : null;
  }

  /** Records Telegram's latest answer for `phone`, replacing any earlier deadline. */
  async set(phone: string, retryAtMs: number): Promise<void> {
    const key = normalize(phone);
    await this.settings.update((draft) => ({
      ...draft,
      // Whole milliseconds, rounded towards waiting longer (the file keeps integers).
      floodDeadlines: { ...draft.floodDeadlines, [key]: Math.ceil(retryAtMs) },
    }));
  }

  /** Resolves once a prune started by get() has been written (tests; shutdown). */
  async settled(): Promise<void> {
    await this.pruning;
  }

  private async prune(now: number): Promise<void> {
    try {
      // Decided on the latest settings when the update runs: a set() queued meanwhile is kept.
      await this.settings.update((draft) => ({
        ...draft,
        floodDeadlines: Object.fromEntries(Object.entries(draft.floodDeadlines).filter(([, at]) => at > now)),
      }));
    } catch {
      // Only housekeeping: a passed deadline left in the file still reads as passed, and the next get()
      // tries again. A write that keeps failing surfaces through set() and every other update.
    }
  }
}

function normalize(phone: string): string {
  const parsed = PhoneNumberSchema.safeParse(phone);
  if (!parsed.success) throw new SettingsRejected(['phone: invalid_format']);
  return parsed.data;
}
