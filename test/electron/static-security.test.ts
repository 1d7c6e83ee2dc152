import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Source-level guarantees, checked on the syntax tree (so comments and formatting do not matter): which
 * files touch which Electron APIs, and that no file anywhere weakens a window's security settings.
 */
const ROOT = join(import.meta.dirname, '../..');
const SCANNED = ['main', 'preload', 'renderer'];

function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(c|m)?tsx?$/.test(entry.name)) files.push(path);
    }
  };
  SCANNED.forEach(walk);
  for (const entry of readdirSync(ROOT)) if (/\.(c|m)?ts$/.test(entry)) files.push(entry);
  return files.map((file) => relative(ROOT, join(ROOT, file)).split('\\').join('/')).sort();
}

interface Finding {
  readonly file: string;
  readonly what: string;
}

const BAD_SETTINGS: Readonly<Record<string, (value: ts.Expression) => boolean>> = {
  nodeIntegration: isTrue,
  nodeIntegrationInWorker: isTrue,
  nodeIntegrationInSubFrames: isTrue,
  contextIsolation: isFalse,
  sandbox: isFalse,
  webSecurity: isFalse,
  allowRunningInsecureContent: isTrue,
  experimentalFeatures: isTrue,
  webviewTag: isTrue,
  enableBlinkFeatures: () => true,
  bypassCSP: isTrue,
  corsEnabled: isTrue,
};

function isTrue(value: ts.Expression): boolean {
  return value.kind === ts.SyntaxKind.TrueKeyword;
}
function isFalse(value: ts.Expression): boolean {
  return value.kind === ts.SyntaxKind.FalseKeyword;
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return undefined;
}

/** `{ sandbox: false }`, `{ 'nodeIntegration': true }`, ... */
function isBadSetting(node: ts.Node): boolean {
  if (!ts.isPropertyAssignment(node)) return false;
  const name = propertyName(node.name);
  const bad = name === undefined ? undefined : BAD_SETTINGS[name];
  return bad?.(node.initializer) ?? false;
}

function isImportOrRequire(callee: ts.Expression): boolean {
  return (
    callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')
  );
}

/** Everything the assertions below need, from one walk over every file. */
function scan() {
  const electronImporters: string[] = [];
  const updaterImporters: string[] = []; // electron-updater loads electron itself
  const electronBindings: Finding[] = []; // `ipcMain` imported in file X
  const calls: Finding[] = []; // `shell.openExternal`, `x.loadFile`, ...
  const badSettings: Finding[] = [];
  const sandboxSwitches: Finding[] = [];

  for (const file of sourceFiles()) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        if (/^electron-updater(\/|$)/.test(node.moduleSpecifier.text)) updaterImporters.push(file);
        if (/^electron(\/|$)/.test(node.moduleSpecifier.text)) {
          electronImporters.push(file);
          const bindings = node.importClause?.namedBindings;
          if (bindings && ts.isNamedImports(bindings)) {
            for (const element of bindings.elements) {
              electronBindings.push({ file, what: (element.propertyName ?? element.name).text });
            }
          } else if (bindings || node.importClause?.name) {
            electronBindings.push({ file, what: '* or default' });
          }
        }
      }
      // import('electron') and require('electron') count too.
      if (ts.isCallExpression(node) && isImportOrRequire(node.expression)) {
        const [specifier] = node.arguments;
        if (
          specifier === undefined ||
          !ts.isStringLiteralLike(specifier) ||
          /^electron(\/|$)/.test(specifier.text)
        ) {
          electronImporters.push(file);
        }
        if (
          specifier !== undefined &&
          ts.isStringLiteralLike(specifier) &&
          /^electron-updater(\/|$)/.test(specifier.text)
        ) {
          updaterImporters.push(file);
        }
      }
      if (ts.isPropertyAccessExpression(node)) {
        calls.push({ file, what: `${node.expression.getText(source)}.${node.name.text}` });
      }
      if (isBadSetting(node)) badSettings.push({ file, what: node.getText(source) });
      if (ts.isStringLiteralLike(node) && /(^|\s)--?no-sandbox\b|^no-sandbox$/.test(node.text)) {
        sandboxSwitches.push({ file, what: node.text });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return {
    electronImporters: [...new Set(electronImporters)].sort(),
    updaterImporters: [...new Set(updaterImporters)].sort(),
    electronBindings,
    calls,
    badSettings,
    sandboxSwitches,
  };
}

const found = scan();
const filesWith = (what: string): string[] =>
  [...new Set(found.electronBindings.filter((f) => f.what === what).map((f) => f.file))].sort();
const filesCalling = (pattern: RegExp): string[] =>
  [...new Set(found.calls.filter((f) => pattern.test(f.what)).map((f) => f.file))].sort();

describe('Electron stays in its corner', () => {
  it('is imported only by the bootstrap, the thin adapters and the preload', () => {
    expect(found.electronImporters).toEqual([
      'main/electron/app-protocol.ts',
      'main/electron/external-links.ts',
      'main/electron/ipc-bridge.ts',
      'main/electron/main-window.ts',
      'main/electron/server-confirmation-dialog.ts',
      'main/electron/session-guard.ts',
      'main/electron/utility-host.ts',
      'main/electron/web-contents-guard.ts',
      'main/index.ts',
      'preload/index.ts',
    ]);
  });

  it('has electron-updater (which loads electron) in auto-updater.ts only', () => {
    expect(found.updaterImporters).toEqual(['main/electron/auto-updater.ts']);
  });

  it('is never imported whole (so every API used is visible by name)', () => {
    expect(found.electronBindings.filter((f) => f.what === '* or default')).toEqual([]);
  });

  it('has ipcMain in ipc-bridge.ts only', () => {
    expect(filesWith('ipcMain')).toEqual(['main/electron/ipc-bridge.ts']);
    expect(filesCalling(/^ipcMain\./)).toEqual(['main/electron/ipc-bridge.ts']);
  });

  it('has shell (and so shell.openExternal) in external-links.ts only', () => {
    expect(filesWith('shell')).toEqual(['main/electron/external-links.ts']);
    expect(filesCalling(/^shell\.openExternal$/)).toEqual(['main/electron/external-links.ts']);
  });

  it('has ipcRenderer and contextBridge in the preload only, and exposes only window.api', () => {
    expect(filesWith('ipcRenderer')).toEqual(['preload/index.ts']);
    expect(filesWith('contextBridge')).toEqual(['preload/index.ts']);
    expect(found.calls.filter((f) => f.what.endsWith('.exposeInMainWorld'))).toEqual([
      { file: 'preload/index.ts', what: 'contextBridge.exposeInMainWorld' },
    ]);
    const preload = readFileSync(join(ROOT, 'preload/index.ts'), 'utf8');
    expect(preload).toMatch(/exposeInMainWorld\('api', api\)/);
  });

  it('has protocol registration in app-protocol.ts only, and never loads file://', () => {
    expect(filesWith('protocol')).toEqual(['main/electron/app-protocol.ts']);
    expect(
      filesCalling(/\.(loadFile|registerFileProtocol|interceptFileProtocol|registerBufferProtocol)$/),
    ).toEqual([]);
  });
});

describe('no file weakens a window', () => {
  it('never sets nodeIntegration true, contextIsolation false, sandbox false, webSecurity false, ...', () => {
    expect(found.badSettings).toEqual([]);
  });

  it('never disables the sandbox by switch', () => {
    expect(found.sandboxSwitches).toEqual([]);
    expect(filesCalling(/\.appendSwitch$/)).toEqual([]);
  });

  it('catches what it looks for (self-check of the scanner)', () => {
    const code = 'x({ sandbox: false, "nodeIntegration": true, webSecurity: true, contextIsolation: false })';
    const probe = ts.createSourceFile('p.ts', code, ts.ScriptTarget.Latest, true);
    const hits: string[] = [];
    const visit = (node: ts.Node): void => {
      if (isBadSetting(node)) hits.push(node.getText(probe));
      ts.forEachChild(node, visit);
    };
    visit(probe);
    expect(hits).toEqual(['sandbox: false', '"nodeIntegration": true', 'contextIsolation: false']);
  });
});
