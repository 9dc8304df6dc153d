/**
 * Issue 18: the shape of src/ that docs/architecture.md describes, checked. No import cycles
 * (type-only imports included), types.ts depends on nothing, files under 300 lines, functions under
 * 60, and each file opens with one line saying what it is for.
 */

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const srcRoot = join(repo, "src");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

const files = filesUnder(srcRoot).sort();
const name = (file: string) => relative(srcRoot, file);
const sources = new Map(
  files.map((f) => [f, ts.createSourceFile(f, readFileSync(f, "utf8"), ts.ScriptTarget.Latest, true)]),
);

/** Every module a file imports or re-exports from src/ (static, dynamic and type-only alike). */
function importsOf(file: string): string[] {
  const source = sources.get(file) as ts.SourceFile;
  const out: string[] = [];
  const add = (spec: string) => {
    if (!spec.startsWith(".")) return;
    out.push(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
  };
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier)
      add((node.moduleSpecifier as ts.StringLiteral).text);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      add((node.argument.literal as ts.StringLiteral).text);
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    )
      add(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...new Set(out)].filter((f) => sources.has(f));
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** Strongly connected components of more than one file, or a file importing itself (Tarjan). */
function cycles(): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
    }
    if (low.get(v) === idx.get(v)) {
      const part: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        on.delete(w);
        part.push(name(w));
      } while (w !== v);
      if (part.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(part.sort());
    }
  };
  for (const f of files) if (!idx.has(f)) visit(f);
  return found;
}

/** A function's name: declared, or the variable, property or method it is assigned to. */
function nameOf(node: ts.Node): string {
  const named = (node as { name?: ts.Node }).name;
  if (named) return named.getText();
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)))
    return parent.name.getText();
  return "(anonymous)";
}

/** Functions (declarations, methods, arrows, expressions) longer than `max` lines, as "file name". */
function longFunctions(max: number): string[] {
  const out: string[] = [];
  for (const [file, source] of sources) {
    const visit = (node: ts.Node) => {
      if (
        ts.isFunctionDeclaration(node) ||
        ts.isMethodDeclaration(node) ||
        ts.isArrowFunction(node) ||
        ts.isFunctionExpression(node) ||
        ts.isConstructorDeclaration(node) ||
        ts.isGetAccessor(node)
      ) {
        const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        if (end - start + 1 > max) out.push(`${name(file)} ${nameOf(node)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

const current = () => ({
  cycles: cycles(),
  longFiles: files.filter((f) => readFileSync(f, "utf8").split("\n").length - 1 >= 300).map(name),
  longFunctions: longFunctions(59).sort(),
  bareFiles: files.filter((f) => !/^\/\*\*? .+|^\/\/ .+/.test(readFileSync(f, "utf8"))).map(name),
});

// `ARCHITECTURE_LIST=1 npx vitest run tests/architecture.test.ts` prints every rule's breaches at once.
if (process.env.ARCHITECTURE_LIST) process.stderr.write(`${JSON.stringify(current(), null, 2)}\n`);

describe("the shape of src/ (docs/architecture.md)", () => {
  it("has no import cycle, type-only imports included", () => {
    expect(cycles()).toEqual([]);
  });

  it("types.ts and types/, the ground floor, import nothing of the project but types/", () => {
    const ground = (f: string) => f === join(srcRoot, "types.ts") || name(f).startsWith("types/");
    const outside = files
      .filter(ground)
      .flatMap((f) =>
        (graph.get(f) ?? [])
          .filter((g) => !name(g).startsWith("types/"))
          .map((g) => `${name(f)} -> ${name(g)}`),
      );
    expect(outside).toEqual([]);
  });

  it("every file is under 300 lines", () => {
    const long = files
      .map((f) => [name(f), readFileSync(f, "utf8").split("\n").length - 1] as const)
      .filter(([, n]) => n >= 300)
      .map(([f]) => f);
    expect(long).toEqual([]);
  });

  it("every function is under 60 lines", () => {
    expect(longFunctions(59).sort()).toEqual([]);
  });

  it("every file opens with one line saying what it is for", () => {
    const bare = files.filter((f) => !/^\/\*\*? .+|^\/\/ .+/.test(readFileSync(f, "utf8"))).map(name);
    expect(bare).toEqual([]);
  });
});
