// ESLint rule `local/layering`: the layers of the repository, in the spirit of VS Code's layering rule.
// - renderer/** and preload/** import from main/ only main/contract/**;
// - main/contract/** imports nothing else from the repository, and no package but zod;
// - nothing the renderer imports by value brings zod or a Node module into its bundle (followed through
//   every value import; `import type` is erased at build time);
// - main/sandbox/** (our test server) is imported only by itself, the demo's wiring (main/app/demo-sandbox.ts)
//   and tests and benchmarks: the product's Telegram layer treats the sandbox as plain data;
// - no import cycles, type imports included (a cycle of types is a cycle of design).
// test/lint/layering-rule.test.ts feeds it each breach.
import { builtinModules } from 'node:module';
import { relative, sep } from 'node:path';
import { ImportGraph, resolveRelative } from './import-graph.js';

const NODE_BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));
const isNodeBuiltin = (specifier) =>
  specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0] ?? specifier);
const isZod = (specifier) => specifier === 'zod' || specifier.startsWith('zod/');

/** One graph per root and lint run: each file is read once however many files import it. */
const graphs = new Map();
const graphFor = (root) => {
  let graph = graphs.get(root);
  if (graph === undefined) {
    graph = new ImportGraph(root);
    graphs.set(root, graph);
  }
  return graph;
};

const under = (file, folder) => file === folder || file.startsWith(`${folder}/`);

/** Who may import the sandbox DC. */
const SANDBOX_IMPORTERS = ['main/sandbox', 'main/app/demo-sandbox.ts', 'test', 'bench'];

/** @type {import('eslint').Rule.RuleModule} */
export const layeringRule = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Keeps the layers apart: contract, renderer, preload; no zod or Node in the page; no cycles.',
    },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' } },
        additionalProperties: false,
      },
    ],
    messages: {
      outsideContract:
        '{{layer}} may import from main/ only main/contract/**, the layer both sides share (found {{target}}).',
      contractEscapes:
        'main/contract/ imports nothing else from the repository and no package but zod (found {{target}}).',
      packageInRenderer:
        'This import brings {{what}} into the renderer bundle ({{chain}}). Import only its types (`import type`), or move the value into a module without it.',
      cycle: 'Import cycle: {{chain}}. Give one side the narrow piece it needs instead.',
      sandboxOutsideDemo:
        'Only the demo wiring (main/app/demo-sandbox.ts), tests and benchmarks import the sandbox (found {{target}}); give the product its address and key as data.',
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const file = relative(root, context.filename).split(sep).join('/');
    if (file.startsWith('..')) return {};
    const graph = graphFor(root);
    const inRenderer = under(file, 'renderer');
    const layer = inRenderer ? 'renderer/' : under(file, 'preload') ? 'preload/' : null;
    const inContract = under(file, 'main/contract');

    const check = (node, specifier, typeOnly) => {
      const target = resolveRelative(root, file, specifier);
      if (layer !== null && target !== null && under(target, 'main') && !under(target, 'main/contract')) {
        context.report({ node, messageId: 'outsideContract', data: { layer, target } });
      }
      if (
        target !== null &&
        under(target, 'main/sandbox') &&
        !SANDBOX_IMPORTERS.some((allowed) => under(file, allowed))
      ) {
        context.report({ node, messageId: 'sandboxOutsideDemo', data: { target } });
      }
      if (inContract && (target === null ? !isZod(specifier) : !under(target, 'main/contract'))) {
        context.report({ node, messageId: 'contractEscapes', data: { target: target ?? specifier } });
      }
      if (inRenderer && !typeOnly) {
        for (const [what, matches] of [
          ['zod', isZod],
          ['a Node module', isNodeBuiltin],
        ]) {
          const direct = target === null && matches(specifier);
          const chain = direct
            ? [file]
            : target === null
              ? null
              : graph.valuePath(target, (candidate) =>
                  graph
                    .importsFrom(candidate)
                    .some((edge) => !edge.typeOnly && edge.target === null && matches(edge.specifier)),
                );
          if (chain !== null) {
            const shown = direct ? `${file} -> ${specifier}` : [file, ...chain].join(' -> ');
            context.report({ node, messageId: 'packageInRenderer', data: { what, chain: shown } });
          }
        }
      }
      if (target !== null) {
        const back = graph.anyPath(target, file);
        if (back !== null)
          context.report({ node, messageId: 'cycle', data: { chain: [file, ...back].join(' -> ') } });
      }
    };

    const typeOnlyImport = (node) =>
      node.importKind === 'type' ||
      (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
    const typeOnlyExport = (node) =>
      node.exportKind === 'type' ||
      (node.specifiers !== undefined &&
        node.specifiers.length > 0 &&
        node.specifiers.every((s) => s.exportKind === 'type'));

    return {
      ImportDeclaration(node) {
        check(node, node.source.value, typeOnlyImport(node));
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, typeOnlyExport(node));
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === 'type');
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal' && typeof node.source.value === 'string')
          check(node, node.source.value, false);
      },
    };
  },
};
