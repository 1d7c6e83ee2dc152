import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../settings/atomic-write.ts';

/**
 * The browser demo's address, kept in its data folder (0600): the same port and token at the next start,
 * so a tab left open reconnects by itself instead of talking to nothing. The token unlocks the demo's
 * services, so it is kept like the settings, for this user only.
 */
export const HARNESS_ADDRESS_FILE = 'browser-harness.json';

const AddressSchema = z.strictObject({
  port: z.int().min(1024).max(65_535),
  token: z.string().regex(/^[\w-]{22,128}$/),
});
export type HarnessAddress = z.infer<typeof AddressSchema>;

/** The address the last run used, or null (none yet, or a file that does not parse: a new one is made). */
export async function loadHarnessAddress(dataDir: string): Promise<HarnessAddress | null> {
  try {
    const parsed = AddressSchema.safeParse(
      JSON.parse(await readFile(join(dataDir, HARNESS_ADDRESS_FILE), 'utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function saveHarnessAddress(dataDir: string, address: HarnessAddress): Promise<void> {
  await writeFileAtomic(join(dataDir, HARNESS_ADDRESS_FILE), `${JSON.stringify(address)}\n`);
}
