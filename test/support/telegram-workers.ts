import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { LogSink } from '../../main/telegram/gateway-options.ts';
import { TelegramWorkerPool } from '../../main/telegram/worker/worker-pool.ts';

const repoRoot = new URL('../../', import.meta.url);
/** tsx's loader, so a worker thread runs main/telegram/worker/worker-main.ts as it is. */
const TSX_LOADER = pathToFileURL(createRequire(new URL('package.json', repoRoot)).resolve('tsx')).href;

/** The worker's source entry, run through tsx (tests and benchmarks run from source, as the harness does). */
export const SOURCE_WORKER_ENTRY = new URL('main/telegram/worker/worker-main.ts', repoRoot);
/** The built entry the packaged app starts (`npm run build` writes it). */
export const BUILT_WORKER_ENTRY = new URL('out/main/telegram-worker.js', repoRoot);

export function sourceWorkerPool(log: LogSink, size?: number): TelegramWorkerPool {
  return new TelegramWorkerPool({
    entry: SOURCE_WORKER_ENTRY,
    execArgv: ['--import', TSX_LOADER],
    log,
    ...(size !== undefined ? { size } : {}),
  });
}
