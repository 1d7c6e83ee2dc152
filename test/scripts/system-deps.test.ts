import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeMachine } from './shell-sandbox.ts';

/**
 * scripts/system-deps.sh on made-up machines: what it finds missing, which package manager it asks, and
 * what it says when it may not install. The fakes stand in for the package managers and the system's
 * tools; the script and the browser lookup (scripts/find-browser.ts, run by this Node) are the real ones.
 */
const BUILD = ['pkg-config', 'libsecret-1-dev', 'python3', 'make', 'g++'];
const TEST = ['dbus', 'gnome-keyring', 'libsecret-tools', 'chromium'];
const APT_INSTALL = 'apt-get install -y --no-install-recommends';

let machine: FakeMachine;
afterEach(() => {
  machine.remove();
});

function linux(uid: number, distro = 'debian'): FakeMachine {
  machine = new FakeMachine(['dirname'])
    .link('node', process.execPath)
    .fake('uname', 'echo Linux')
    .fake('id', `echo ${String(uid)}`);
  writeFileSync(join(machine.dir, 'os-release'), `ID=${distro}\n`);
  return machine;
}

function run(purpose: string, env: Record<string, string> = {}): ReturnType<FakeMachine['run']> {
  return machine.run('scripts/system-deps.sh', [purpose], {
    SWITCHBOARD_OS_RELEASE: join(machine.dir, 'os-release'),
    SWITCHBOARD_BROWSER: '/nonexistent/chromium',
    ...env,
  });
}

/** Gives the machine every tool the check looks for (each one a fake that succeeds). */
function withEverything(m: FakeMachine): FakeMachine {
  for (const tool of [
    'pkg-config',
    'python3',
    'make',
    'g++',
    'dbus-run-session',
    'dbus-send',
    'gnome-keyring-daemon',
  ])
    m.fake(tool);
  return m.fake('secret-tool');
}

const installs = (m: FakeMachine): string[] =>
  m.calls().filter((call) => /^(sudo|apt-get|dnf|brew) /.test(call));

describe('scripts/system-deps.sh', () => {
  it('installs everything the tests need with apt as root, after apt-get update', () => {
    linux(0).fake('apt-get');
    const result = run('test');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(installs(machine)).toEqual(['apt-get update', `${APT_INSTALL} ${[...BUILD, ...TEST].join(' ')}`]);
  });

  it('asks only for what building the app needs, for start.sh', () => {
    linux(0).fake('apt-get');
    expect(run('app').status).toBe(0);
    expect(installs(machine)).toEqual(['apt-get update', `${APT_INSTALL} ${BUILD.join(' ')}`]);
  });

  it('installs nothing and says nothing when everything is there', () => {
    withEverything(linux(0)).fake('apt-get');
    const result = run('test', { SWITCHBOARD_BROWSER: '/bin/sh' });
    expect([result.status, result.stdout, result.stderr]).toEqual([0, '', '']);
    expect(installs(machine)).toEqual([]);
  });

  it('finds a browser in the usual places when none is named, and installs only what is missing', () => {
    withEverything(linux(0)).fake('apt-get').fake('pkg-config', 'exit 1');
    const result = run('test', { SWITCHBOARD_BROWSER: '' });
    expect(result.status).toBe(0);
    // This machine's own Chromium counts (the tests could not run without one): only libsecret is missing.
    expect(installs(machine)).toEqual(['apt-get update', `${APT_INSTALL} libsecret-1-dev`]);
  });

  it("installs Ubuntu's Chromium package there", () => {
    withEverything(linux(0, 'ubuntu')).fake('apt-get');
    expect(run('test').status).toBe(0);
    expect(installs(machine)).toEqual(['apt-get update', `${APT_INSTALL} chromium-browser`]);
  });

  it('uses sudo when it needs no password', () => {
    withEverything(linux(1000))
      .fake('apt-get')
      .fake('sudo', '[ "$1" = -n ] && shift; [ "$1" = true ] && exit 0; exec "$@"');
    expect(run('test').status).toBe(0);
    expect(installs(machine)).toEqual([
      'sudo -n true',
      'sudo -n apt-get update',
      'apt-get update',
      `sudo -n ${APT_INSTALL} chromium`,
      `${APT_INSTALL} chromium`,
    ]);
  });

  it('prints the one command to run, and installs nothing, when it may not install', () => {
    linux(1000).fake('apt-get').fake('sudo', '[ "$1" = -n ] && exit 1; exit 0');
    const result = run('test');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `sudo apt-get update && sudo ${APT_INSTALL} ${[...BUILD, ...TEST].join(' ')}\n`,
    );
    expect(installs(machine)).toEqual(['sudo -n true']);
  });

  it('uses dnf on Fedora-like systems', () => {
    linux(0).fake('dnf');
    expect(run('test').status).toBe(0);
    expect(installs(machine)).toEqual([
      'dnf install -y pkgconf-pkg-config libsecret-devel python3 make gcc-c++ dbus-daemon dbus-tools gnome-keyring libsecret chromium',
    ]);
  });

  it('names what is missing when there is no package manager it knows', () => {
    linux(0);
    const result = run('app');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no apt, dnf or Homebrew');
    expect(result.stderr).toContain('libsecret headers');
  });

  it('says so when the install fails, and stops', () => {
    linux(0).fake('apt-get', '[ "$1" = install ] && exit 100; exit 0');
    const result = run('app');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('failed');
  });

  it('checks nothing on Windows, where keytar needs no system package', () => {
    machine = new FakeMachine([]).fake('uname', 'echo MINGW64_NT-10.0-26100');
    expect(run('test').status).toBe(0);
    expect(machine.calls()).toEqual(['uname -s']);
  });

  it('on macOS, installs only a browser (with Homebrew) and asks for the command line tools', () => {
    machine = new FakeMachine(['dirname'])
      .link('node', process.execPath)
      .fake('uname', 'echo Darwin')
      .fake('id', 'echo 501')
      .fake('xcode-select')
      .fake('brew');
    expect(run('app').status).toBe(0);
    expect(run('test').status).toBe(0);
    expect(installs(machine)).toEqual(['brew install --cask chromium']);

    machine.fake('xcode-select', 'exit 2');
    const without = run('app');
    expect(without.status).toBe(1);
    expect(without.stderr).toContain('xcode-select --install');
  });
});
