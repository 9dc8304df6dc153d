/** The data generator stays dev-only: outside src/, imported by nothing there, not built into dist/. */

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..", "..", "..");
const generator = join(repo, "scripts", "generate");

/** Every .ts file below `dir`. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(dir, f));
}

/** The relative module specifiers a file names (static, re-export, dynamic and type-only imports), resolved. */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    let spec: ts.Expression | undefined;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) spec = node.moduleSpecifier;
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      spec = node.arguments[0];
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) spec = node.argument.literal;
    if (spec !== undefined && ts.isStringLiteral(spec) && spec.text.startsWith("."))
      found.push(resolve(dirname(file), spec.text));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const inGenerator = (path: string) => !relative(generator, path).startsWith("..");

describe("the generator's boundary", () => {
  it("the import scan sees the generator where it is used (scripts/generate-examples.ts)", () => {
    // Guards the next test: a scan that found nothing would pass it for the wrong reason.
    const used = importsOf(join(repo, "scripts", "generate-examples.ts")).filter(inGenerator);
    expect(used.map((p) => relative(repo, p))).toContain(join("scripts", "generate", "acme.js"));
  });

  it("no file under src/ imports it", () => {
    const offenders = tsFiles(join(repo, "src")).flatMap((file) =>
      importsOf(file)
        .filter(inGenerator)
        .map((p) => `${relative(repo, file)} -> ${relative(repo, p)}`),
    );
    expect(offenders).toEqual([]);
  });

  it("the tsconfig that builds dist/ does not compile it; the typecheck's tsconfig does", () => {
    const files = (config: string) => {
      const parsed = ts.getParsedCommandLineOfConfigFile(
        join(repo, config),
        {},
        {
          ...ts.sys,
          onUnRecoverableConfigFileDiagnostic: (d) => {
            throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
          },
        },
      );
      return (parsed?.fileNames ?? []).map((f) => resolve(f));
    };
    const built = files("tsconfig.build.json");
    expect(built.length).toBeGreaterThan(0);
    expect(built.filter(inGenerator)).toEqual([]);
    expect(files("tsconfig.json")).toContain(join(generator, "acme.ts"));
  });
});
