/** The proposals as tables: raw rows for CSV, the same rows with their texts for the terminal, Markdown and HTML. */

import type { Proposals } from "../metrics/proposals.js";
import { commitmentFigure, commitmentLabel } from "./commitments-view.js";
import { count, pct } from "./format.js";
import type { Column, TablePart } from "./html/view.js";
import type { Cell, Tabular } from "./tabular.js";

type Fmt = (cell: Cell, row: Cell[]) => string;

const text: Fmt = (c) => (c === null ? "–" : typeof c === "number" ? count(c) : String(c));
const share: Fmt = (c) => (typeof c === "number" ? pct(c) : "–");
const yes: Fmt = (c) => (c ? "yes" : "");

/** A column: its raw name (the CSV head), the head people read, right-aligned or not, its text. */
const col = (name: string, head: string, fmt: Fmt = text, num = true): [string, string, Fmt, boolean] => [
  name,
  head,
  fmt,
  num,
];

function part(
  id: string,
  title: string,
  note: string,
  spec: [string, string, Fmt, boolean][],
  rows: Cell[][],
): TablePart {
  const columns: Column[] = spec.map(([name, head, fmt, num]) => ({
    name,
    head,
    num,
    text: (row) => fmt(row[spec.findIndex((s) => s[0] === name)] ?? null, row),
  }));
  return { id, title, note, columns, rows, clocks: [] };
}

const needed = (w: string | null) => w ?? "not reached";

/** Per handoff: its window and target now, compliance now and the window its target share was met in. */
function windowsPart(p: Proposals): TablePart {
  return part(
    "proposals-windows",
    "Windows the data supports",
    p.definition.window_needed,
    [
      col("handoff", "handoff", text, false),
      col("within", "window", text, false),
      col("target", "target", share),
      col("compliance", "compliance", share),
      col("window_needed", "window for target", (c) => needed(c as string | null)),
      col("obligations", "obligations"),
      col("decided", "decided"),
    ],
    p.handoffs.map((h) => [
      h.handoff,
      h.within,
      h.target,
      h.compliance,
      h.window_needed_text,
      h.obligations,
      h.decided,
    ]),
  );
}

/** Per handoff and candidate window: the audit's counts and compliance at it. */
function candidatesPart(p: Proposals): TablePart {
  const candidates = part(
    "proposals-candidates",
    "Compliance at other windows",
    p.definition.candidates,
    [
      col("handoff", "handoff", text, false),
      col("window", "window", (c, r) => `${text(c, r)}${r[2] ? " (now)" : ""}`),
      col("current", "now", yes, false),
      col("met", "met"),
      col("late", "late"),
      col("missed", "missed"),
      col("pending", "pending"),
      col("compliance", "compliance", share),
    ],
    p.handoffs.flatMap((h) =>
      h.candidates.map((c) => [
        h.handoff,
        c.window,
        c.current,
        c.met,
        c.late,
        c.missed,
        c.pending,
        c.compliance,
      ]),
    ),
  );
  // The "now" column is for the CSV; the window's text already says it.
  candidates.columns = candidates.columns.filter((c) => c.name !== "current");
  return candidates;
}

/** Per handoff and accountable rep: compliance now and the window the target share was met in. */
function repsPart(p: Proposals): TablePart {
  const reps = part(
    "proposals-reps",
    "Windows per rep",
    "the same rule over each accountable owner's obligations; † fewer decided obligations than min_sample",
    [
      col("handoff", "handoff", text, false),
      col("rep", "rep", text, false),
      col("obligations", "obligations"),
      col("decided", "decided", (c, r) => `${text(c, r)}${r[6] ? "†" : ""}`),
      col("compliance", "compliance", share),
      col("window_needed", "window for target", (c) => needed(c as string | null)),
      col("small_sample", "small sample", yes, false),
    ],
    p.handoffs.flatMap((h) =>
      h.reps.map((r) => [
        h.handoff,
        r.rep,
        r.obligations,
        r.decided,
        r.compliance,
        r.window_needed_text,
        r.small_sample,
      ]),
    ),
  );
  reps.columns = reps.columns.filter((c) => c.name !== "small_sample");
  return reps;
}

/** Per commitment: its target now, periods kept, and the target kept in most periods. */
function commitmentsPart(p: Proposals): TablePart {
  const figure: Fmt = (c, r) => commitmentFigure(String(r[1]), c as number | null);
  const commitments = part(
    "proposals-commitments",
    "Targets kept in most periods",
    p.definition.commitments,
    [
      col("team", "team", text, false),
      col("commitment", "commitment", (c) => commitmentLabel(String(c)), false),
      col("target", "target now", figure),
      col("kept", "kept", (c, r) => `${text(c, r)} of ${text(r[4] ?? null, r)}`),
      col("judged", "judged"),
      col("proposed", "kept in most periods", figure),
      col("kept_at_proposed", "periods it held"),
    ],
    p.commitments.map((c) => [
      c.team,
      c.commitment,
      c.target,
      c.kept,
      c.judged,
      c.proposed,
      c.kept_at_proposed,
    ]),
  );
  commitments.columns = commitments.columns.filter((c) => c.name !== "judged");
  return commitments;
}

/** The four tables: windows per handoff, compliance at candidate windows, per rep, per commitment. */
export const proposalsParts = (p: Proposals): TablePart[] => [
  windowsPart(p),
  candidatesPart(p),
  repsPart(p),
  commitmentsPart(p),
];

/** The parts as plain tables with every raw column (CSV). */
export function proposalsTabulars(p: Proposals): Tabular[] {
  const heads: Record<string, string[]> = {
    "proposals-windows": [
      "handoff",
      "within",
      "target",
      "compliance",
      "window_needed",
      "obligations",
      "decided",
    ],
    "proposals-candidates": [
      "handoff",
      "window",
      "current",
      "met",
      "late",
      "missed",
      "pending",
      "compliance",
    ],
    "proposals-reps": [
      "handoff",
      "rep",
      "obligations",
      "decided",
      "compliance",
      "window_needed",
      "small_sample",
    ],
    "proposals-commitments": [
      "team",
      "commitment",
      "target",
      "kept",
      "judged",
      "proposed",
      "kept_at_proposed",
    ],
  };
  return proposalsParts(p).map((t) => ({
    id: t.id,
    section: t.id === "proposals-commitments" ? "commitments" : "latency",
    title: t.title,
    note: t.note,
    head: heads[t.id] ?? [],
    rows: t.rows,
    shares: [],
  }));
}
