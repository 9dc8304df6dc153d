/** A comparison of two agreements as plain tables: one source for the terminal, Markdown, CSV and HTML. */

import type { Comparison } from "../compare/index.js";
import type { Report } from "../metrics/types.js";
import { changeFigure, count, figureClock, shortIso } from "./format.js";
import type { Cell } from "./tabular.js";

export interface CompareTable {
  /** File-name-safe id (the CSV's `table` column). */
  id: string;
  title: string;
  note: string;
  head: string[];
  /** Raw values (CSV) and as shown (terminal, Markdown, HTML). */
  raw: Cell[][];
  text: string[][];
  /** Columns shown left-aligned; the others are figures, right-aligned. */
  left: number[];
}

/** How each agreement is named: its `name:` when the two differ, else its file. */
export function sideNames(c: Comparison): [string, string] {
  const [a, b] = [c.current.sla, c.proposed.sla];
  return a.name && b.name && a.name !== b.name ? [a.name, b.name] : [a.file, b.file];
}

/** The lines above the tables: both agreements, the frame, how the data was read. */
export function compareHeader(c: Comparison): string[] {
  const [a, b] = sideNames(c);
  const r = c.current;
  const reading = c.reading.once
    ? "the data was read once and replayed under each agreement"
    : `the data was read again for the proposal: ${c.reading.differs.join(", ")} differ`;
  return [
    `current: ${a} · proposed: ${b}`,
    `as of ${shortIso(r.as_of)} ${r.sla.timezone} · period ${shortIso(r.period.from)} → ${shortIso(r.period.to)}`,
    `${count(r.inputs.leads)} leads; ${reading}`,
  ];
}

const SIDE_WORD: Record<string, string> = { none: "(not created)" };
const side = (s: string) => SIDE_WORD[s] ?? s;

function figuresTable(c: Comparison, [a, b]: [string, string]): CompareTable {
  const clocked: Pick<Report, "latency"> = {
    latency: {
      ...c.proposed.latency,
      handoffs: [...c.current.latency.handoffs, ...c.proposed.latency.handoffs],
    },
  };
  return {
    id: "figures",
    title: "Headline figures",
    note: `${a} against ${b}; change = proposed − current`,
    head: ["figure", "current", "proposed", "change", ""],
    raw: c.figures.map((f) => [f.figure, f.current, f.proposed, f.change, verdict(f)]),
    text: c.figures.map((f) => {
      const clock = figureClock(clocked, f.figure);
      const show = (v: number | null, change = false) => changeFigure(f.kind, v, clock, change);
      return [f.figure, show(f.current), show(f.proposed), show(f.change, true), verdict(f)];
    }),
    left: [0, 4],
  };
}

/** The smallest change each kind shows (0.1 point, 0.1 hour, 1): a change that rounds to nothing is none. */
const SHOWN: Record<Comparison["figures"][number]["kind"], number> = {
  share: 0.0005,
  hours: 0.05,
  count: 0.5,
};

/** "better" or "worse" for the proposal, as the figure reads (a higher compliance is better). */
function verdict(f: Comparison["figures"][number]): string {
  if (f.change === null || Math.abs(f.change) < SHOWN[f.kind]) return "";
  return f.change > 0 === f.higherIsBetter ? "better" : "worse";
}

function transitionsTable(c: Comparison): CompareTable {
  const rows = c.changes.transitions;
  const same = c.changes.unchanged.map((u) => `${u.handoff} ${count(u.obligations)}`).join(", ");
  return {
    id: "changes",
    title: "Obligations whose outcome changes",
    note: `${count(c.changes.leads)} leads have at least one; unchanged: ${same || "none"}; (not created): the agreement creates no such obligation`,
    head: ["handoff", "current", "proposed", "obligations"],
    raw: rows.map((t) => [t.handoff, t.from, t.to, t.obligations]),
    text: rows.map((t) => [t.handoff, side(t.from), side(t.to), count(t.obligations)]),
    left: [0, 1, 2],
  };
}

function examplesTable(c: Comparison): CompareTable {
  const rows = c.changes.examples;
  return {
    id: "examples",
    title: "Examples",
    note: "the first leads by id of each change; the trace command shows the replay under the proposal",
    head: ["handoff", "change", "lead", "entered", "trace"],
    raw: rows.map((e) => [e.handoff, `${e.from} → ${e.to}`, e.leadId, e.entered, e.trace]),
    text: rows.map((e) => [
      e.handoff,
      `${side(e.from)} → ${side(e.to)}`,
      e.leadId,
      shortIso(e.entered),
      e.trace,
    ]),
    left: [0, 1, 2, 4],
  };
}

function missedTable(c: Comparison): CompareTable {
  return {
    id: "newly-missed",
    title: "Targets the proposal misses that the current agreement meets",
    note: "what compare --check fails on",
    head: ["target", "period", "under the proposal"],
    raw: c.newlyMissed.map((m) => [m.id, m.period, m.message]),
    text: c.newlyMissed.map((m) => [m.id, m.period ?? "the whole period", m.message]),
    left: [0, 1, 2],
  };
}

/** The comparison's tables, in reading order. */
export function compareTables(c: Comparison): CompareTable[] {
  return [figuresTable(c, sideNames(c)), transitionsTable(c), examplesTable(c), missedTable(c)];
}
