// The repository's import graph, read from the sources with a scanner rather than a parser: every
// `import ... from`, `export ... from`, side-effect `import '...'` and dynamic `import('...')` with a literal,
// and whether it is erased at build time (`import type`, `export type`, or only `type` specifiers).
// Used by the layering rule (layering-rule.js); prettier keeps the sources in the shapes it expects.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

const STATIC = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm;
const BARE = /^\s*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** `{ type A, type B }` (and nothing else) is erased like `import type`. */
function onlyTypeSpecifiers(clause) {
  const braces = /^\{([^}]*)\}$/.exec(clause.trim());
  if (braces === null) return false;
  const names = braces[1]
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((name) => name.startsWith('type '));
}

/**
 * @param {string} source
 * @returns {{ specifier: string, typeOnly: boolean }[]}
 */
export function importsOf(source) {
  const found = [];
  for (const match of source.matchAll(STATIC)) {
    found.push({ specifier: match[4], typeOnly: match[2] !== undefined || onlyTypeSpecifiers(match[3]) });
  }
  for (const match of source.matchAll(BARE)) found.push({ specifier: match[1], typeOnly: false });
  for (const match of source.matchAll(DYNAMIC)) found.push({ specifier: match[1], typeOnly: false });
  return found;
}

/** A relative specifier's target, as a path relative to root with forward slashes; null for a package. */
export function resolveRelative(root, fromFile, specifier) {
  if (!specifier.startsWith('.')) return null;
  const absolute = normalize(join(dirname(join(root, fromFile)), specifier));
  return relative(root, absolute).split(sep).join('/');
}

export class ImportGraph {
  /** @param {string} root */
  constructor(root) {
    this.root = root;
    /** @type {Map<string, { modified: number, imports: { specifier: string, target: string | null, typeOnly: boolean }[] }>} */
    this.edges = new Map();
  }

  /** The imports of a repository file (relative path), read once. */
  importsFrom(file) {
    const path = join(this.root, file);
    let modified = -1;
    try {
      modified = statSync(path).mtimeMs;
    } catch {
      // A missing file imports nothing (TypeScript reports the import itself).
    }
    const known = this.edges.get(file);
    // Read again when the file changed: an editor's ESLint server keeps this graph between runs.
    if (known !== undefined && known.modified === modified) return known.imports;
    const source = modified === -1 ? '' : readFileSync(path, 'utf8');
    const imports = importsOf(source).map((entry) => ({
      ...entry,
      target: resolveRelative(this.root, file, entry.specifier),
    }));
    this.edges.set(file, { modified, imports });
    return imports;
  }

  /** A chain of value imports from `start` to a file for which `isGoal(file)` holds, or null. */
  valuePath(start, isGoal) {
    return this.path(start, isGoal, (edge) => !edge.typeOnly);
  }

  /** A chain of imports of any kind (type imports too) from `start` to `goal`, or null. */
  anyPath(start, goal) {
    return this.path(
      start,
      (file) => file === goal,
      () => true,
    );
  }

  /** Breadth first, so the chain shown is a shortest one. */
  path(start, isGoal, follows) {
    const seen = new Set([start]);
    const queue = [[start]];
    while (queue.length > 0) {
      const chain = queue.shift();
      const last = chain[chain.length - 1];
      if (isGoal(last)) return chain;
      for (const edge of this.importsFrom(last)) {
        if (!follows(edge) || edge.target === null || seen.has(edge.target)) continue;
        seen.add(edge.target);
        queue.push([...chain, edge.target]);
      }
    }
    return null;
  }
}
