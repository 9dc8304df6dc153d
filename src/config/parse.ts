/** SLA text -> {config, issues}: YAML syntax, then the schema, then cross-field rules; all problems at once. */

import { dirname } from "node:path";
import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import type { Issue } from "../errors.js";
import { closest, quoteList } from "../text.js";
import type { SlaConfig, SourceDef } from "../types.js";
import { type DocPath, formatPath, type Locator, makeLocator } from "./locate.js";
import { normalizeSla } from "./normalize.js";
import { runRules } from "./rules.js";
import { type RawSla, slaSchema } from "./schema.js";
import { validKeys } from "./valid-keys.js";
import { WINDOW_HINT } from "./window.js";

export interface ParseResult {
  config: SlaConfig | null;
  issues: Issue[];
}

/** Deeper than this is no SLA file, and deep enough to exhaust the parser's stack. */
const MAX_DEPTH = 64;

/**
 * Where a YAML text first nests deeper than MAX_DEPTH: brackets of flow collections (outside
 * quotes and comments), or block indentation of more than 2 × MAX_DEPTH columns. Checked before
 * parsing, so the answer does not depend on how much stack the parser happens to have.
 */
function tooDeep(text: string): { line: number; column: number } | null {
  let depth = 0;
  let line = 1;
  let column = 0;
  let quote = "";
  let indent = true;
  let spaces = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    column++;
    if (c === "\n") {
      line++;
      column = 0;
      indent = true;
      spaces = 0;
      continue;
    }
    if (indent) {
      if (c === " " || c === "-") {
        spaces++;
        if (spaces > 2 * MAX_DEPTH) return { line, column };
        continue;
      }
      indent = false;
    }
    if (quote) {
      if (c === quote && (quote === "'" || text[i - 1] !== "\\")) quote = "";
      continue;
    }
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1] as string))) {
      const end = text.indexOf("\n", i);
      column += (end < 0 ? text.length : end) - i - 1;
      i = (end < 0 ? text.length : end) - 1;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") {
      if (++depth > MAX_DEPTH) return { line, column };
    } else if ((c === "]" || c === "}") && depth > 0) depth--;
  }
  return null;
}

/** Parses and validates an SLA file's text; `file` names it in messages and anchors relative paths. */
export function parseSlaConfig(text: string, file: string): ParseResult {
  const deep = tooDeep(text);
  if (deep)
    return {
      config: null,
      issues: [
        {
          severity: "error",
          file,
          ...deep,
          message: `YAML: the document is nested more than ${MAX_DEPTH} levels deep`,
          hint: "an SLA file is a few levels deep: look for brackets that never close, or a runaway indentation",
        },
      ],
    };
  const lineCounter = new LineCounter();
  // Duplicate keys are found here in one pass (the parser's own check compares each key with every
  // other: an SLA file of 40k keys took 37 s).
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: true });
  const issues = yamlIssues(doc, lineCounter, file);
  if (issues.some((i) => i.severity === "error")) return { config: null, issues };
  const value = mappingOf(doc, file, issues);
  if (value === null) return { config: null, issues };

  const locate = makeLocator(doc, lineCounter);
  const parsed = slaSchema.safeParse(value);
  if (!parsed.success)
    issues.push(...parsed.error.issues.flatMap((i) => schemaIssues(i, file, locate, value)));
  issues.push(...runRules(value, file, locate));

  if (issues.some((i) => i.severity === "error") || !parsed.success) return { config: null, issues };
  const config = normalizeSla(parsed.data as RawSla, file, dirname(file), locate);
  placeSources(config, value as Record<string, unknown>, locate);
  return { config, issues };
}

const SYNTAX_HINT =
  "fix the YAML syntax here (indentation, quotes, brackets); a YAML linter shows the exact spot";

/** The YAML syntax problems of a parsed document: duplicate keys, then the parser's errors and warnings. */
function yamlIssues(doc: Document.Parsed, lineCounter: LineCounter, file: string): Issue[] {
  const issues: Issue[] = [];
  for (const offset of duplicateKeys(doc.contents)) {
    const pos = lineCounter.linePos(offset);
    issues.push({
      severity: "error",
      file,
      line: pos.line,
      column: pos.col,
      message: "YAML: Map keys must be unique",
      hint: SYNTAX_HINT,
    });
  }
  for (const err of [...doc.errors, ...doc.warnings]) {
    const pos = err.linePos?.[0] ?? { line: 1, col: 1 };
    issues.push({
      severity: doc.errors.includes(err as never) ? "error" : "warning",
      file,
      line: pos.line,
      column: pos.col,
      message: `YAML: ${/call stack/i.test(err.message) ? "the document is nested too deeply" : err.message.split(" at line ")[0]}`,
      hint: SYNTAX_HINT,
    });
  }
  return issues;
}

/** The document as plain data when it is a mapping; else null, with the reason pushed to `issues`. */
function mappingOf(doc: Document.Parsed, file: string, issues: Issue[]): object | null {
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const hint = /alias/i.test(message)
      ? "remove the anchors (&name) and aliases (*name) that repeat data; an SLA file needs none"
      : "check the YAML: an SLA file is a few levels deep";
    issues.push({ severity: "error", file, line: 1, column: 1, message: `YAML: ${message}`, hint });
    return null;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    issues.push({
      severity: "error",
      file,
      line: 1,
      column: 1,
      message: "the SLA file must be a YAML mapping (version, timezone, stages, handoffs, sources)",
      hint: "start from sla.example.yaml or run `funnel-audit init`",
    });
    return null;
  }
  return value;
}

/** Notes where the SLA file names each source file, so an unreadable file points back at it. */
function placeSources(config: SlaConfig, raw: Record<string, unknown>, locate: Locator): void {
  const place = (source: SourceDef | null, path: DocPath) => {
    if (!source) return;
    const { line, column } = locate([...path, "file"]);
    source.declared = { line, column, path: formatPath([...path, "file"]) };
  };
  const s = config.sources;
  const rawSources = (raw.sources ?? {}) as Record<string, unknown>;
  place(s.leads, ["sources", "leads"]);
  place(s.stage_history, ["sources", "stage_history"]);
  place(s.owner_history, ["sources", "owner_history"]);
  place(s.reps, ["sources", "reps"]);
  const many = Array.isArray(rawSources.activities);
  for (const [i, a] of s.activities.entries())
    place(a, many ? ["sources", "activities", i] : ["sources", "activities"]);
  for (const [i, d] of s.stage_dates.entries()) place(d, ["sources", "stage_dates", i]);
  const manyEngagements = Array.isArray(rawSources.engagements);
  for (const [i, e] of s.engagements.entries())
    place(e, manyEngagements ? ["sources", "engagements", i] : ["sources", "engagements"]);
  for (const [i, r] of config.references.entries()) place(r.source, ["references", i]);
  for (const [i, l] of (s.lookups ?? []).entries()) place(l, ["sources", "lookups", i]);
  for (const key of ["opportunities", "opportunity_history"] as const)
    for (const [i, o] of (s[key] ?? []).entries())
      place(o, Array.isArray(rawSources[key]) ? ["sources", key, i] : ["sources", key]);
}

type ZodIssue = z.core.$ZodIssue;

function schemaIssues(issue: ZodIssue, file: string, locate: Locator, root: unknown): Issue[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  const base = (p: DocPath, part: "key" | "value" = "value") => {
    const pos = locate(p, part);
    return { severity: "error" as const, file, line: pos.line, column: pos.column };
  };
  if (issue.code === "unrecognized_keys") {
    const valid = validKeys(path);
    return issue.keys.map((key) => {
      const guess = closest(key, valid);
      return {
        ...base([...path, key], "key"),
        path: formatPath([...path, key]),
        message: `unknown key "${key}"`,
        hint: guess
          ? `did you mean "${guess}"? valid keys here: ${valid.join(", ")}`
          : `valid keys here: ${valid.join(", ")}`,
      };
    });
  }
  const present = lookup(root, path) !== undefined;
  if (!present && path.length > 0) {
    const key = String(path[path.length - 1]);
    const value =
      issue.code === "invalid_value" && issue.values.length === 1 ? String(issue.values[0]) : null;
    const expected = issue.code === "invalid_type" ? `(${issue.expected})` : value === null ? "…" : "";
    return [
      {
        ...base(path.slice(0, -1)),
        path: formatPath(path),
        message: `missing required key "${key}"`,
        hint: `add ${key}: ${value ?? expected}`,
      },
    ];
  }
  const message = messageFor(issue, lookup(root, path));
  const hint =
    issue.code === "invalid_format" &&
    path.some((p) => p === "within" || p === "window" || p === "pass_within")
      ? WINDOW_HINT
      : hintFor(issue);
  return [{ ...base(path), path: formatPath(path), message, ...(hint ? { hint } : {}) }];
}

function messageFor(issue: ZodIssue, value: unknown): string {
  if (issue.code === "invalid_value") return `${JSON.stringify(value)} is not a valid value`;
  if (issue.code === "too_big" && issue.origin === "number") return `must be at most ${issue.maximum}`;
  if (issue.code === "too_small" && issue.origin === "number") return `must be at least ${issue.minimum}`;
  if (issue.code === "too_small" && issue.origin === "array")
    return `must list at least ${issue.minimum} item(s)`;
  if (issue.code === "too_small" && issue.origin === "string") return "must not be empty";
  if (issue.code === "invalid_union") return "this value has none of the shapes allowed here";
  return issue.message.replace(/^Invalid input: /, "");
}

function hintFor(issue: ZodIssue): string | undefined {
  if (issue.code === "invalid_value" && issue.values.length === 1)
    return `write ${String(issue.path.at(-1))}: ${String(issue.values[0])}`;
  if (issue.code === "invalid_value") return `use one of ${quoteList(issue.values.map(String))}`;
  if ((issue.code === "too_big" || issue.code === "too_small") && issue.origin === "number")
    return "a target is a share between 0 and 1, e.g. 0.9 for 90%";
  return undefined;
}

function lookup(root: unknown, path: DocPath): unknown {
  let node: unknown = root;
  for (const seg of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

/** The offsets of keys that repeat an earlier key of the same mapping, in document order. */
function duplicateKeys(root: unknown): number[] {
  const out: number[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) out.push((pair.key as { range?: [number] } | null)?.range?.[0] ?? 0);
        else seen.add(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) stack.push(item);
  }
  return out.sort((a, b) => a - b);
}
