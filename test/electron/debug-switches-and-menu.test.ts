import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../main/electron/app-menu.ts';
import { refusedSwitchesIn, refusedSwitchesMessage } from '../../main/electron/debug-switches.ts';

const none = (): boolean => false;

describe('refusedSwitchesIn', () => {
  it('finds remote debugging and inspector switches, from Chromium or from argv, with or without a value', () => {
    expect(
      refusedSwitchesIn((name) => name === 'remote-debugging-port', ['/opt/Switchboard/switchboard']),
    ).toEqual(['remote-debugging-port']);
    expect(
      refusedSwitchesIn(none, [
        'switchboard',
        '--inspect=9229',
        '--remote-debugging-pipe',
        '--js-flags=--expose-gc',
      ]),
    ).toEqual(['remote-debugging-pipe', 'inspect', 'js-flags']);
  });

  it('lets the app start with its own switches and with look-alikes', () => {
    expect(
      refusedSwitchesIn(none, ['switchboard', '--demo', '--inspector-theme', 'remote-debugging-port']),
    ).toEqual([]);
  });

  it('says which switches and what to do', () => {
    expect(refusedSwitchesMessage(['remote-debugging-port', 'inspect'])).toBe(
      "Switchboard does not start with --remote-debugging-port, --inspect: debugging switches would let another program read every account's session. Start it without them.",
    );
  });
});

describe('appMenuTemplate', () => {
  it('has no View menu (reload, DevTools) in an installed build', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(appMenuTemplate(platform, true).map((entry) => entry.role)).not.toContain('viewMenu');
    }
    expect(appMenuTemplate('darwin', true)).toEqual([
      { role: 'appMenu' },
      { role: 'editMenu' },
      { role: 'windowMenu' },
    ]);
    expect(appMenuTemplate('linux', true)).toEqual([
      { role: 'fileMenu' },
      { role: 'editMenu' },
      { role: 'windowMenu' },
    ]);
  });

  it('keeps the View menu for a development run', () => {
    expect(appMenuTemplate('linux', false).map((entry) => entry.role)).toEqual([
      'fileMenu',
      'editMenu',
      'viewMenu',
      'windowMenu',
    ]);
  });
});
