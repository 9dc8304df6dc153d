/** The lead definition in `trace`: each entry's verdict criterion by criterion, and the lead's engagements. */

import type { ExplainedCriterion } from "../definition/explain.js";
import type { DefinitionTrace } from "../metrics/definition-trace.js";
import { formatInstant } from "../time/format.js";
import type { Engagement } from "../types.js";
import type { Cell, Tabular } from "./tabular.js";

const where = (p: { file: string; line: number } | null) => (p ? `${p.file}:${p.line}` : "");
/** Rows a criterion read, as places: the first few, then how many more. */
const ROWS_SHOWN = 3;
export const placesText = (rows: readonly { file: string; line: number }[]) =>
  rows.length <= ROWS_SHOWN
    ? rows.map(where).join(", ")
    : `${rows.slice(0, ROWS_SHOWN).map(where).join(", ")} +${rows.length - ROWS_SHOWN} more`;

/** A criterion's verdict in words: an exclusion that held excludes the lead. */
export function verdictText(c: ExplainedCriterion): string {
  if (c.kind === "exclusion") return c.held ? "excluded" : "not excluded";
  return c.held ? "held" : "failed";
}

/** Whether the criterion counts against the entry (a failed rule or an exclusion that held). */
export const against = (c: ExplainedCriterion) => (c.kind === "exclusion" ? c.held : !c.held);

const part = (id: string, title: string, note: string, head: string[], rows: Cell[][]): Tabular => ({
  id,
  section: "latency",
  title,
  note,
  head,
  rows,
  shares: [],
});

/** One row per criterion of each entry into a defined stage. */
export function definitionTable(d: DefinitionTrace, s: (ms: number) => string): Tabular {
  return part(
    "definition",
    "Lead definition",
    "each entry into a defined stage judged at its instant: every criterion, what it read and where; lead fields as exported",
    ["entered", "stage", "journey", "verdict", "criterion", "result", "read", "rows"],
    d.entries.flatMap((e) =>
      e.criteria.map((c) => [
        s(e.at),
        e.stage,
        e.journey,
        e.met ? "met" : "not met",
        `${"  ".repeat(c.depth)}${c.name}`,
        verdictText(c),
        c.detail,
        placesText(c.rows),
      ]),
    ),
  );
}

export function engagementsTable(list: readonly Engagement[], s: (ms: number) => string): Tabular {
  return part(
    "engagements",
    "Engagements",
    "the lead's engagements up to as-of, in time order",
    ["at", "type", "place"],
    list.map((e) => [s(e.at), e.type, where(e.place)]),
  );
}

/** The trace's JSON for the definition: each entry with its criteria (instants in the zone). */
export function definitionJson(d: DefinitionTrace, engagements: readonly Engagement[], z: string) {
  return {
    definitions: d.entries.map((e) => ({
      stage: e.stage,
      journey: e.journey,
      entered: formatInstant(e.at, z),
      backfilled: e.backfilled,
      met: e.met,
      criteria: e.criteria.map((c) => ({
        name: c.name,
        kind: c.kind,
        depth: c.depth,
        held: c.held,
        read: c.detail,
        rows: c.rows.map(where),
      })),
    })),
    engagements: engagements.map((e) => ({
      at: formatInstant(e.at, z),
      type: e.type,
      place: where(e.place),
    })),
  };
}

/** The text trace's section: per entry a verdict line, then each criterion with ✓ / ✗ and its rows. */
export function definitionLines(
  d: DefinitionTrace,
  pen: {
    s: (ms: number) => string;
    p: (text: string | null | undefined) => string;
    b: (text: string) => string;
    ok: (text: string) => string;
    bad: (text: string) => string;
    dim: (text: string) => string;
  },
): string[] {
  const lines = ["", pen.b("Lead definition (lead fields as exported)")];
  if (d.entries.length === 0) lines.push("  no entry into a defined stage");
  for (const e of d.entries) {
    const verdict = e.met ? pen.ok("met") : pen.bad("not met");
    lines.push(
      `  ${pen.b(pen.p(e.stage))} (journey ${e.journey}) entered ${pen.s(e.at)}${e.backfilled ? " (backfilled)" : ""} → ${verdict}`,
    );
    for (const c of e.criteria) {
      const mark = against(c) ? pen.bad("✗") : pen.ok("✓");
      const rows = c.rows.length ? `  ${pen.dim(pen.p(placesText(c.rows)))}` : "";
      lines.push(`    ${"  ".repeat(c.depth)}${mark} ${pen.p(c.name)}: ${pen.p(c.detail)}${rows}`);
    }
  }
  return lines;
}
