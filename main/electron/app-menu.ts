/**
 * The application menu as data (Electron's roles): what a user needs to edit text and manage the window,
 * and, only in a development run, the View menu with reload and DevTools. main/index.ts builds it with
 * Menu.buildFromTemplate.
 */
export type MenuRole = 'appMenu' | 'fileMenu' | 'editMenu' | 'viewMenu' | 'windowMenu';

export interface MenuEntry {
  readonly role: MenuRole;
}

export function appMenuTemplate(platform: NodeJS.Platform, packaged: boolean): MenuEntry[] {
  // macOS needs the Edit menu for copy and paste shortcuts, and keeps the app's own menu first.
  const entries: MenuRole[] =
    platform === 'darwin' ? ['appMenu', 'editMenu', 'windowMenu'] : ['fileMenu', 'editMenu', 'windowMenu'];
  if (!packaged) entries.splice(entries.indexOf('windowMenu'), 0, 'viewMenu');
  return entries.map((role) => ({ role }));
}
