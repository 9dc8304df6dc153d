/** sla.example.yaml without its lead definition, for tests of a report or agreement that has none. */

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const repo = join(import.meta.dirname, "..", "..");

function cut(text: string, from: string, to: string | null): string {
  const start = text.indexOf(from);
  const end = to === null ? text.length : text.indexOf(to, start);
  if (start < 0 || end < 0) throw new Error(`sla.example.yaml no longer has "${from}"`);
  return text.slice(0, start) + text.slice(end);
}

/**
 * The example's text without engagement_types:, definitions:, the definition commitment and the
 * engagements source (the last source), so the rest reads as it did before the example had them.
 */
export function exampleWithoutDefinition(): string {
  let text = readFileSync(join(repo, "sla.example.yaml"), "utf8");
  text = cut(text, "# The kinds of marketing engagement", "# What each team promised");
  text = cut(text, "    definition: 0.8", "  sales:");
  text = cut(text, "  engagements:\n", null);
  return text;
}

/** exampleWithoutDefinition() in a temporary folder, its paths pointing at examples/acme. */
export function exampleWithoutDefinitionFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "acme-no-definition-"));
  const file = join(dir, "sla.yaml");
  writeFileSync(
    file,
    exampleWithoutDefinition().replaceAll("examples/acme/", `${join(repo, "examples/acme")}/`),
  );
  return file;
}
