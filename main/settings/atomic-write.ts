import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temporary files are "<name>.<random>.tmp" next to the target; left over only by a crash. */
export function isTempFileOf(target: string, candidate: string): boolean {
  const prefix = `${basename(target)}.`;
  return candidate.startsWith(prefix) && /^[0-9a-f]{16}\.tmp$/.test(candidate.slice(prefix.length));
}

/**
 * Replaces `target` so that a reader (or the next start after a crash or power cut) sees either the old
 * content or the new, never a mix: write a temp file in the same folder (same filesystem, so rename is
 * atomic), fsync it, rename it over the target, fsync the folder so the rename itself is durable.
 */
export async function writeFileAtomic(target: string, data: string): Promise<void> {
  const dir = dirname(target);
  const temp = join(dir, `${basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
  try {
    const file = await open(temp, 'wx', 0o600);
    try {
      await file.writeFile(data, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync (EISDIR/EPERM); NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
