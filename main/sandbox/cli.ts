import { parseArgs } from 'node:util';
import { DEFAULT_DC_IDS, loadWorldFile, startSandbox } from './index.ts';

/**
 * `npm run sandbox [-- --world FILE] [--dcs 1,2,3,4,5] [--port 20000] [--strict]`: runs the sandbox DC as its
 * own process.
 * The first line on standard output is one JSON object, `{"dcs": {"1": port, ...}, "publicKeyPem": "..."}`,
 * for scripts and for the app's custom-server profile; everything else goes to standard error.
 * SIGUSR2 drops every connection of every DC (benchmarks use it for a network outage) and reports
 * `dropped N connections` on standard error.
 */
const usage = `Usage: npm run sandbox -- [--world FILE] [--dcs 1,2,3,4,5] [--port BASE] [--strict]
  --world   accounts and settings as JSON (see main/sandbox/worlds/demo.json); test numbers
            99966XYYYY work without one
  --dcs     which DCs to run (default 1,2,3,4,5), each on its own 127.0.0.1 listener
  --port    listen on BASE+id for DC id (default: ephemeral ports)
  --strict  always 256-byte auth keys, as Telegram (GramJS then fails about 1 handshake in 200)
Signal SIGUSR2 drops every open connection, as a network outage would (the listeners stay up).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      world: { type: 'string' },
      dcs: { type: 'string' },
      port: { type: 'string' },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stderr.write(`${usage}\n`);
    return;
  }
  const dcIds =
    values.dcs === undefined ? [...DEFAULT_DC_IDS] : values.dcs.split(',').map((s) => Number(s.trim()));
  if (dcIds.some((id) => !Number.isInteger(id) || id < 1 || id > 1000)) {
    throw new Error(`--dcs must list DC ids from 1 to 1000, got "${values.dcs ?? ''}"`);
  }
  const base = values.port === undefined ? undefined : Number(values.port);
  if (base !== undefined && (!Number.isInteger(base) || base < 1024 || base + Math.max(...dcIds) > 65535)) {
    throw new Error(
      `--port must be a base port from 1024 such that base + DC id <= 65535, got "${values.port ?? ''}"`,
    );
  }
  const world = values.world === undefined ? undefined : await loadWorldFile(values.world);
  const sandbox = await startSandbox({
    dcIds,
    ...(world ? { world } : {}),
    strictAuthKeyPadding: values.strict,
    ...(base !== undefined ? { ports: Object.fromEntries(dcIds.map((id) => [id, base + id])) } : {}),
  });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`Sandbox DC stopping (${signal})\n`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Sandbox DC failed to stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
  process.on('SIGUSR2', () => {
    if (stopping) return;
    process.stderr.write(`dropped ${String(sandbox.dropAllConnections())} connections\n`);
  });
  // Only now, with every handler in place: whoever reads the line may signal at once.
  process.stdout.write(`${JSON.stringify({ dcs: sandbox.ports, publicKeyPem: sandbox.publicKeyPem })}\n`);
  process.stderr.write(
    `Sandbox DC listening on 127.0.0.1: ${dcIds.map((id) => `DC ${id} :${sandbox.portFor(id)}`).join(', ')}\n` +
      `Try phone 9996621234 (DC 2, code 22222). Ctrl-C stops it.\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
