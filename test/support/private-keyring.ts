import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PASSWORD = 'switchboard-private-keyring';
const SECRETS_NAME = 'org.freedesktop.secrets';

/**
 * A D-Bus session and a gnome-keyring daemon of a test's own, which the test can lock, stop, pause and
 * kill without touching the keyring every other test uses. The bus has no service files, so nothing is
 * started behind the test's back: no second daemon when this one is gone, no unlock prompter (an unlock
 * request fails at once, as on a machine where nobody answers the prompt).
 */
export class PrivateKeyring {
  private daemon: ChildProcess | undefined;

  private constructor(
    private readonly dir: string,
    private readonly bus: ChildProcess,
    private readonly address: string,
  ) {}

  static async start(): Promise<PrivateKeyring> {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-private-keyring-'));
    const config = join(dir, 'bus.conf');
    await writeFile(config, busConfig(dir));
    const bus = spawn('dbus-daemon', ['--nofork', `--config-file=${config}`, '--print-address=1'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const address = await firstLine(bus);
    const keyring = new PrivateKeyring(dir, bus, address);
    await keyring.startDaemon();
    return keyring;
  }

  /** The environment of a process that should use this keyring (the keychain host). */
  get env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: this.address,
      XDG_DATA_HOME: this.dir,
      XDG_RUNTIME_DIR: this.dir,
    };
  }

  /** Starts the daemon on the keyring files, the login keyring unlocked (as a desktop session does). */
  async startDaemon(): Promise<void> {
    const daemon = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
      env: this.env,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    daemon.stdin.end(PASSWORD);
    this.daemon = daemon;
    await until(() => this.hasDaemon(), 'the private keyring daemon to take its bus name');
  }

  /** Ends the daemon as a crash does (SIGKILL) and waits until its name has left the bus. */
  async killDaemon(): Promise<void> {
    const daemon = this.daemon;
    this.daemon = undefined;
    if (daemon?.exitCode !== null) return;
    const exited = new Promise((resolve) => daemon.once('exit', resolve));
    daemon.kill('SIGKILL');
    await exited;
    await until(async () => !(await this.hasDaemon()), 'the private keyring daemon to leave the bus');
  }

  /** The daemon stops answering (SIGSTOP), as a hung keychain does; resume() lets it go on. */
  pause(): void {
    this.daemon?.kill('SIGSTOP');
  }

  resume(): void {
    this.daemon?.kill('SIGCONT');
  }

  /** Locks the login collection; with no prompter on this bus, nothing can unlock it again. */
  async lockLogin(): Promise<void> {
    await this.dbus(
      '/org/freedesktop/secrets',
      'org.freedesktop.Secret.Service.Lock',
      'array:objpath:/org/freedesktop/secrets/collection/login',
    );
  }

  /**
   * Gives the keyring a second collection, locked: a copy of the login keyring under another name, so
   * every item is there twice, and the second copy cannot be read. Restarts the daemon to load it.
   */
  async addLockedCopyOfLogin(): Promise<void> {
    await this.killDaemon();
    const keyrings = join(this.dir, 'keyrings');
    await copyFile(join(keyrings, 'login.keyring'), join(keyrings, 'second.keyring'));
    await this.startDaemon();
  }

  async close(): Promise<void> {
    this.resume();
    await this.killDaemon();
    this.bus.kill('SIGKILL');
    await rm(this.dir, { recursive: true, force: true });
  }

  private async hasDaemon(): Promise<boolean> {
    const { stdout } = await this.dbus(
      '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner',
      `string:${SECRETS_NAME}`,
      'org.freedesktop.DBus',
    );
    return stdout.includes('boolean true');
  }

  private dbus(
    path: string,
    method: string,
    argument: string,
    destination = SECRETS_NAME,
  ): Promise<{ stdout: string }> {
    return run(
      'dbus-send',
      [`--bus=${this.address}`, '--print-reply', `--dest=${destination}`, path, method, argument],
      { timeout: 10_000 },
    );
  }
}

/** Polls an asynchronous condition every 50 ms, for at most 10 s. */
async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if (await condition()) return;
    await delay(50);
  }
  throw new Error(`waited 10 s for ${what}`);
}

function busConfig(dir: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      text += chunk;
      const end = text.indexOf('\n');
      if (end >= 0) resolve(text.slice(0, end).trim());
    });
    child.once('exit', (code) => {
      reject(new Error(`dbus-daemon ended (exit code ${String(code)}) before it printed its address`));
    });
  });
}
