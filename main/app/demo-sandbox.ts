import { generateKeyPairSync } from 'node:crypto';
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { describeError } from '../contract/errors.ts';
import { startSandbox, parseWorldFile, WorldStateSchema } from '../sandbox/index.ts';
import demoWorld from '../sandbox/worlds/demo.json' with { type: 'json' };
import { writeFileAtomic } from '../settings/atomic-write.ts';
import type { SandboxEndpoint } from './profile-runtime.ts';
import type { Logger } from '../logging/log.ts';

export interface RunningSandbox extends SandboxEndpoint {
  readonly dcIds: readonly number[];
  /** Saves the world one last time, then stops the sandbox. */
  close(): Promise<void>;
}

export interface DemoSandboxOptions {
  /** The demo's data folder: its world is kept there (DEMO_WORLD_FILE), between runs. */
  readonly dataDir: string;
  readonly log: Logger;
  /** How often a changed world is written; default 2 s. */
  readonly saveEveryMs?: number;
}

/** The demo sandbox's saved world: its own RSA key and what it learnt (accounts, keys, sessions...). */
export const DEMO_WORLD_FILE = 'demo-sandbox.json';

const SavedDemoSchema = z.strictObject({
  /** The demo server's own key, made at its first start: nobody else has it, unlike the committed test key. */
  rsaPrivateKeyPem: z.string().startsWith('-----BEGIN PRIVATE KEY-----'),
  world: WorldStateSchema,
});
type SavedDemo = z.infer<typeof SavedDemoSchema>;

/**
 * The app's offline demo: the sandbox DC with the demo accounts, on loopback only (run by
 * demo-sandbox-host.ts, in a process of its own). Its world is saved in the demo's data folder (every
 * couple of seconds when it changed, and on close) and
 * loaded at the next start, so the demo's accounts stay signed in across restarts. The file holds the
 * sandbox's own made-up data and key, never a user's secret (0600, like the settings). A file that cannot
 * be read is set aside (".unreadable") and the demo starts afresh.
 */
export async function startDemoSandbox(options: DemoSandboxOptions): Promise<RunningSandbox> {
  const path = join(options.dataDir, DEMO_WORLD_FILE);
  const saved = await loadSaved(path, options.log);
  const rsaPrivateKeyPem = saved?.rsaPrivateKeyPem ?? newRsaKey();
  const sandbox = await startSandbox({
    world: parseWorldFile(demoWorld, 'the demo world'),
    rsaPrivateKeyPem,
    ...(saved ? { state: saved.world } : {}),
  });
  if (saved) options.log('info', `demo sandbox: its world from ${path}`);

  let written = '';
  let saving: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    saving = saving.then(async () => {
      const text = serialise({ rsaPrivateKeyPem, world: sandbox.captureState() });
      if (text === written) return;
      try {
        await writeFileAtomic(path, text);
        written = text;
      } catch (error) {
        options.log('warn', `demo sandbox: could not save its world to ${path}: ${describeError(error)}`);
      }
    });
    return saving;
  };
  await save();
  const timer = setInterval(() => void save(), options.saveEveryMs ?? 2_000);
  timer.unref();

  return {
    dcIds: sandbox.dcIds,
    portFor: sandbox.portFor,
    publicKeyPem: sandbox.publicKeyPem,
    close: async () => {
      clearInterval(timer);
      await save();
      await sandbox.close();
    },
  };
}

function serialise(saved: SavedDemo): string {
  return `${JSON.stringify(saved, null, 1)}\n`;
}

function newRsaKey(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
}

async function loadSaved(path: string, log: DemoSandboxOptions['log']): Promise<SavedDemo | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = SavedDemoSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const aside = `${path}.unreadable`;
  await rename(path, aside);
  log('warn', `demo sandbox: ${path} could not be read; moved to ${aside}, starting a new demo world`);
  return null;
}
