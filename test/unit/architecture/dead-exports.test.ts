import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
/** Product code: an export here that nothing imports is dead weight a reader must still understand. */
const PRODUCT = ['electron', 'hub', 'shared', 'renderer/src'];
/** Code that may import product code: the product itself, its tests and benches. */
const IMPORTERS = [...PRODUCT, 'test', 'bench'];

function sources(folder: string): string[] {
  const dir = join(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(relative(root, path));
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile()) ?? null;
}

const hasExport = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

// A type exported beside the function whose signature uses it is part of that function's surface: only values count.
const isTypeOnly = (node: ts.Node) => ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node);

interface ModuleFacts {
  exports: Set<string>;
  /** Per imported file: the names taken from it, or '*' for all of them. */
  uses: Map<string, Set<string>>;
}

function factsOf(path: string): ModuleFacts {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const exports = new Set<string>();
  const uses = new Map<string, Set<string>>();
  const use = (specifier: string, name: string) => {
    const target = resolveImport(path, specifier);
    if (!target) return;
    const names = uses.get(target) ?? new Set<string>();
    names.add(name);
    uses.set(target, names);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const from = node.moduleSpecifier.text;
      if (!clause) use(from, '*');
      else {
        if (clause.name) use(from, 'default');
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) use(from, '*');
        if (bindings && ts.isNamedImports(bindings))
          for (const el of bindings.elements) use(from, (el.propertyName ?? el.name).text);
      }
    } else if (ts.isExportDeclaration(node)) {
      const from = node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : null;
      if (!node.exportClause) {
        if (from) use(from, '*');
      } else if (ts.isNamedExports(node.exportClause)) {
        for (const el of node.exportClause.elements) {
          if (!node.isTypeOnly && !el.isTypeOnly) exports.add(el.name.text);
          if (from) use(from, (el.propertyName ?? el.name).text);
        }
      }
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) use(arg.text, '*');
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)) use(arg.literal.text, '*');
    } else if (ts.isExportAssignment(node)) {
      exports.add('default');
    } else if (node.parent === file && hasExport(node) && !isTypeOnly(node)) {
      if (ts.isVariableStatement(node)) {
        for (const decl of node.declarationList.declarations)
          if (ts.isIdentifier(decl.name)) exports.add(decl.name.text);
      } else if ('name' in node && node.name && ts.isIdentifier(node.name as ts.Node)) {
        const isDefault = (ts.getModifiers(node as ts.HasModifiers) ?? []).some(
          (m) => m.kind === ts.SyntaxKind.DefaultKeyword,
        );
        exports.add(isDefault ? 'default' : (node.name as ts.Identifier).text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { exports, uses };
}

/** Files whose exports a tool or a runtime takes by name, not an import: entry points and worker scripts. */
function isEntry(path: string): boolean {
  const rel = relative(root, path);
  return /(^|\/)(main|serve|cli|preload|label-worker)\.tsx?$/.test(rel) || rel.startsWith('renderer/src/main.tsx');
}

describe('dead exports', () => {
  it('every export of product code is imported somewhere (else it is not exported, or it is removed)', () => {
    const facts = new Map(IMPORTERS.flatMap(sources).map((path) => [path, factsOf(path)] as const));
    const used = new Map<string, Set<string>>();
    for (const { uses } of facts.values())
      for (const [target, names] of uses) {
        const set = used.get(target) ?? new Set<string>();
        names.forEach((name) => set.add(name));
        used.set(target, set);
      }
    const dead: string[] = [];
    for (const [path, { exports }] of facts) {
      const rel = relative(root, path);
      if (!PRODUCT.some((folder) => rel.startsWith(`${folder}/`)) || isEntry(path)) continue;
      const names = used.get(path) ?? new Set<string>();
      if (names.has('*')) continue;
      for (const name of exports) if (!names.has(name)) dead.push(`${rel}: ${name}`);
    }
    expect(dead.sort()).toEqual([]);
  });
});
