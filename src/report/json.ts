/** Report -> JSON (schema_version 1): the stable contract CI jobs read (docs/json-contract.md). */

import type { Report } from "../metrics/types.js";
import { inertJson } from "../text.js";
import type { Section } from "./table.js";

const ENVELOPE = [
  "schema_version",
  "sla",
  "as_of",
  "period",
  "confidence",
  "snapshot",
  "coverage",
  "inputs",
  "baseline",
] as const;
const KEYS: Record<Section, (keyof Report)[]> = {
  conversion: ["stages", "conversion", "trends"],
  latency: ["latency"],
  compliance: ["compliance"],
  commitments: ["commitments", "feedback"],
  definitions: ["definitions"],
  money: ["money"],
  quality: ["quality"],
};

/** The envelope, the chosen sections in report order, and the check; two-space indent, trailing newline. */
export function renderJson(report: Report, sections: readonly Section[]): string {
  return [...jsonChunks(report, sections)].join("");
}

/**
 * renderJson in pieces, the same bytes: a report with 300k groups is written as it is made, never
 * held as one string (V8 caps a string at 512 MB, far sooner in practice).
 */
export function* jsonChunks(report: Report, sections: readonly Section[]): Generator<string> {
  const wanted = new Set<keyof Report>([...ENVELOPE, ...sections.flatMap((s) => KEYS[s]), "check"]);
  const picked = Object.fromEntries(Object.entries(report).filter(([k]) => wanted.has(k as keyof Report)));
  for (const chunk of pretty(picked, "")) yield inertJson(chunk);
  yield "\n";
}

/** Arrays longer than this are written element by element, each element in one piece. */
const LONG = 256;

/** JSON.stringify(value, null, 2) at `indent`, in pieces: objects key by key, long arrays element by element. */
function* pretty(value: unknown, indent: string): Generator<string> {
  const inner = `${indent}  `;
  if (Array.isArray(value) && value.length > 0) {
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? "[" : ","}\n${inner}`;
      // As JSON.stringify: what has no JSON form is null in an array.
      const v = value[i] ?? null;
      if (value.length > LONG) yield JSON.stringify(v, null, 2)?.replaceAll("\n", `\n${inner}`) ?? "null";
      else yield* pretty(v, inner);
    }
    yield `\n${indent}]`;
    return;
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    // As JSON.stringify: keys whose value has no JSON form (undefined, a function) are left out.
    const entries = Object.entries(value).filter(
      ([, v]) => v !== undefined && typeof v !== "function" && typeof v !== "symbol",
    );
    if (entries.length === 0) return yield "{}";
    for (let i = 0; i < entries.length; i++) {
      const [k, v] = entries[i] as [string, unknown];
      yield `${i === 0 ? "{" : ","}\n${inner}${JSON.stringify(k)}: `;
      yield* pretty(v, inner);
    }
    yield `\n${indent}}`;
    return;
  }
  yield JSON.stringify(value) ?? "null";
}
