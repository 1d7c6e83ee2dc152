// Types for import-graph.js, which the layering rule (plain JS, loaded by eslint.config.js) also uses.
export interface ImportEdge {
  readonly specifier: string;
  /** The imported file relative to the root, null for a package. */
  readonly target: string | null;
  readonly typeOnly: boolean;
}

export declare function importsOf(source: string): { specifier: string; typeOnly: boolean }[];
export declare function resolveRelative(root: string, fromFile: string, specifier: string): string | null;

export declare class ImportGraph {
  constructor(root: string);
  importsFrom(file: string): readonly ImportEdge[];
  valuePath(start: string, isGoal: (file: string) => boolean): string[] | null;
  anyPath(start: string, goal: string): string[] | null;
  path(
    start: string,
    isGoal: (file: string) => boolean,
    follows: (edge: ImportEdge) => boolean,
  ): string[] | null;
}
