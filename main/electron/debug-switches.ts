/**
 * Command-line switches that open the app to another program: Chromium's remote debugging gives full
 * control of every page (and so every IPC answer, a received login code included), Node's inspector the
 * main process with every session. The fuses already make Electron ignore Node's inspector flags in a
 * packaged build; Chromium's switches have no fuse, so an installed Switchboard refuses to start with any.
 */
export const REFUSED_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-publish-uid',
  'js-flags',
] as const;

/** The refused switches present, from Chromium's view (hasSwitch) and from argv (`--name` or `--name=...`). */
export function refusedSwitchesIn(hasSwitch: (name: string) => boolean, argv: readonly string[]): string[] {
  return REFUSED_SWITCHES.filter(
    (name) =>
      hasSwitch(name) ||
      argv.some((argument) => argument === `--${name}` || argument.startsWith(`--${name}=`)),
  );
}

export function refusedSwitchesMessage(found: readonly string[]): string {
  return `Switchboard does not start with ${found.map((name) => `--${name}`).join(', ')}: debugging switches would let another program read every account's session. Start it without them.`;
}
