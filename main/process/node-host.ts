import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { HostHandle, HostLauncher } from './host-handle.ts';

export interface NodeHostOptions {
  /** The host's environment; default this process's. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * A host as a Node child process, for everything that runs main's services in plain Node (the browser demo,
 * benchmarks, tests). A .ts entry (running from source) is run through tsx. The child's stderr is its crash
 * output; stdout is unused.
 */
export function nodeHost<Request>(entry: string, options: NodeHostOptions = {}): HostLauncher<Request> {
  const execArgv = entry.endsWith('.ts')
    ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href]
    : [];
  return () => {
    const child = fork(entry, [], {
      execArgv,
      env: options.env ?? process.env,
      serialization: 'json',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const handle: HostHandle<Request> = {
      send: (request) => {
        if (child.connected) child.send(request as object);
      },
      onMessage: (listener) => {
        child.on('message', listener);
      },
      onExit: (listener) => {
        let told = false;
        const tell = (how: string): void => {
          if (told) return;
          told = true;
          listener(how);
        };
        child.once('exit', (code, signal) => {
          tell(signal !== null ? `signal ${signal}` : `exit code ${String(code)}`);
        });
        child.once('error', (error) => {
          tell(`could not start: ${error.message}`);
        });
      },
      kill: () => {
        child.kill('SIGKILL');
      },
      setBusy: (busy) => {
        if (busy) {
          child.ref();
          child.channel?.ref();
        } else {
          child.unref();
          child.channel?.unref();
        }
      },
    };
    handle.setBusy(false);
    return handle;
  };
}

/** A module's sibling entry: `name.ts` when running from source, `name.js` when built. */
export function siblingEntry(moduleUrl: string, name: string): string {
  return fileURLToPath(new URL(`./${name}.${moduleUrl.endsWith('.ts') ? 'ts' : 'js'}`, moduleUrl));
}
