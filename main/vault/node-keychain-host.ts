import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { KeychainHostHandle, KeychainHostLauncher } from './keychain-host-launcher.ts';

export interface NodeKeychainHostOptions {
  /** The host's environment; tests give it another D-Bus session (a keyring they can lock or stop). */
  readonly env?: NodeJS.ProcessEnv;
  /** Another entry: the built out/main/keychain-host.js (a test of the build). */
  readonly entry?: string;
}

/**
 * The keychain host as a Node child process, for everything that runs main's services in plain Node (the
 * browser demo, benchmarks, tests). From source (this file is .ts) the child runs keychain-host.ts through
 * tsx; built, it runs keychain-host.js beside this file.
 */
export function nodeKeychainHost(options: NodeKeychainHostOptions = {}): KeychainHostLauncher {
  const entry =
    options.entry ??
    fileURLToPath(
      new URL(`./keychain-host.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
    );
  const fromSource = entry.endsWith('.ts');
  const execArgv = fromSource
    ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href]
    : [];
  return () => {
    const child = fork(entry, [], {
      execArgv,
      env: options.env ?? process.env,
      serialization: 'json',
      // Its stderr is the host's crash output (keytar writes nothing secret there); stdout is unused.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const handle: KeychainHostHandle = {
      send: (request) => {
        if (child.connected) child.send(request);
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
