import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

/**
 * Lowers the calling thread's scheduling priority, so a Telegram worker busy with 1,000 accounts' traffic
 * never delays the main thread, which answers the window: on 2 cores the main thread then runs as soon
 * as it has work, even while the workers keep both cores busy. Linux only, where setpriority() takes a
 * thread id (the thread's own, from /proc/thread-self); elsewhere it would lower the whole process, so
 * nothing is done. Returns whether the priority was lowered.
 */
export function lowerThisThreadsPriority(platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux') return false;
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return false;
    setPriority(threadId, constants.priority.PRIORITY_BELOW_NORMAL);
    return true;
  } catch {
    // No /proc (a container without it) or not permitted: the thread keeps its priority.
    return false;
  }
}
