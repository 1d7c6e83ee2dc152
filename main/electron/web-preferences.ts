/**
 * The webPreferences of every window the app opens. Each flag is spelled out even where it is Electron's
 * default, so a reader (and the static test) sees the whole security stance in one place.
 * main-window.ts checks at compile time that every key here is a real Electron WebPreferences key.
 */
export interface SecureWebPreferences {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly experimentalFeatures: false;
  readonly webviewTag: false;
  readonly navigateOnDragDrop: false;
  readonly safeDialogs: true;
  /** The board never needs it, and the spellchecker would download dictionaries from Google. */
  readonly spellcheck: false;
  /** Off in an installed build: DevTools would show every IPC answer, a received login code included. */
  readonly devTools: boolean;
}

/**
 * @param preloadPath absolute path of the built, CommonJS preload (out/preload/index.cjs).
 * @param packaged an installed build (app.isPackaged): no DevTools.
 */
export function secureWebPreferences(preloadPath: string, packaged: boolean): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: !packaged,
  };
}
