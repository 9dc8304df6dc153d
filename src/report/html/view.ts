/** How a plain table (tabular.ts) reads on a page. */

/*
 * Each `_low`/`_high` pair becomes one interval column, `from`/`to` one step, hours a duration with
 * its unit on the row's clock; a table too wide for a page is split into parts that share its first
 * column (no column is ever dropped).
 */

import { changeFigure, count, decimal, figureClock, pct } from "../format.js";
import { MOVERS_POINTS } from "../movers-tables.js";
import { type Cell, slug, type Tabular } from "../tabular.js";
import { type Clock, durationTexts, exactHours, spelled } from "./units.js";

export interface Column {
  /** The column's name in the plain table, or the pair's: "compliance_interval", "step". */
  name: string;
  head: string;
  num: boolean;
  /** The cell's text (the row and its index in the table): HTML sets it, Markdown escapes it. */
  text: (row: Cell[], i: number) => string;
  /** The exact figure behind the text, shown on hover (durations), or null. */
  exact?: (row: Cell[]) => string | null;
}

export interface TablePart {
  id: string;
  title: string;
  note: string;
  columns: Column[];
  rows: Cell[][];
  /** The clocks the part's durations are on (for the unit note). */
  clocks: Clock[];
}

function plain(cell: Cell, share: boolean): string {
  if (cell === null) return "–";
  if (typeof cell === "boolean") return cell ? "yes" : "no";
  if (typeof cell === "number")
    return share ? pct(cell) : Number.isInteger(cell) ? count(cell) : decimal(cell);
  return cell;
}

/** What a table's hours are measured on: each handoff's clock (a report, or a trace's SLA). */
export interface HandoffClocks {
  latency: { handoffs: readonly { id: string; clock: Clock }[] };
}

/** The clock a row's hours are on: a handoff's own, calendar time for the funnel. */
function clockOf(r: HandoffClocks, t: Tabular): (row: Cell[]) => Clock {
  const clocks = new Map(r.latency.handoffs.map((h) => [h.id, h.clock]));
  // Tables whose first column is the handoff (a trace's "clocks": one row per obligation).
  if (t.id === "latency" || t.id === "speed" || t.id === "delay" || t.id === "clocks")
    return (row) => clocks.get(String(row[0])) ?? "calendar";
  // Marketing's pass clocks: each row says its clock.
  if (t.id === "leakage") {
    const at = t.head.indexOf("clock");
    return (row) => (row[at] === "business" ? "business" : "calendar");
  }
  const h = r.latency.handoffs.find((x) => `compliance-${slug(x.id)}` === t.id);
  return () => h?.clock ?? "calendar";
}

const words = (name: string) => name.replaceAll("_", " ");

/** A baseline row's figure in its own kind (a share in %, its change in points, hours with the clock's unit); a difference of two shares in points. */
function changeColumn(r: HandoffClocks, t: Tabular, name: string, i: number): Column {
  const value = (row: Cell[]) => (typeof row[i] === "number" ? row[i] : null);
  const kind = (row: Cell[]) => row[1] as "share" | "hours" | "count";
  const text =
    t.id === "baseline"
      ? (row: Cell[]) =>
          changeFigure(kind(row), value(row), figureClock(r, String(row[0])), name === "change", spelled)
      : (row: Cell[]) => changeFigure("share", value(row), "calendar", true);
  return { name, head: name, num: true, text };
}

function columnsOf(r: HandoffClocks, t: Tabular, businessDay: number | null): Column[] {
  const clock = clockOf(r, t);
  const out: Column[] = [];
  const taken = new Set<number>();
  t.head.forEach((name, i) => {
    if (taken.has(i)) return;
    const share = t.shares.includes(i);
    const high = name.endsWith("_low") ? t.head.indexOf(`${name.slice(0, -4)}_high`) : -1;
    if (high >= 0) {
      taken.add(high);
      out.push({
        name: `${name.slice(0, -4)}_interval`,
        head: "95% interval",
        num: true,
        text: (row) => (row[i] === null ? "–" : `${pct(row[i] as number)}–${pct(row[high] as number)}`),
      });
    } else if (name === "from" && t.head[i + 1] === "to") {
      taken.add(i + 1);
      out.push({ name: "step", head: "step", num: false, text: (row) => `${row[i]} → ${row[i + 1]}` });
    } else if (
      name === "difference" ||
      (t.id === "baseline" && ["before", "now", "change"].includes(name)) ||
      (t.id.startsWith("movers") && MOVERS_POINTS.includes(name))
    ) {
      out.push(changeColumn(r, t, name, i));
    } else if (name.endsWith("_hours")) {
      // One unit per clock in the column, as the terminal shows it.
      const hours = (row: Cell[]) => (typeof row[i] === "number" ? row[i] : null);
      const texts = durationTexts(t.rows.map(hours), t.rows.map(clock), businessDay);
      out.push({
        name,
        head: name === "median_hours" ? "median time" : words(name.slice(0, -6)),
        num: true,
        text: (_, k) => texts[k] ?? "–",
        exact: (row) => {
          const h = hours(row);
          return h === null ? null : exactHours(h, clock(row));
        },
      });
    } else {
      const num = t.rows.some((row) => typeof row[i] === "number");
      out.push({ name, head: words(name), num, text: (row) => plain(row[i] ?? null, share) });
    }
  });
  return out;
}

/** Tables split in two on a page: each part's columns by name; any other column joins the last part. */
const PARTS: Record<string, { title: string; note?: string; columns: string[] }[]> = {
  "money-campaigns": [
    {
      title: "Pipeline and revenue by campaign",
      columns: ["campaign", "currency", "leads", "MQLs", "pipeline", "won amount"],
    },
    { title: "Per MQL and per lead, by campaign", columns: ["campaign", "currency"] },
  ],
  money: [
    {
      title: "Pipeline created and deals closed",
      columns: [
        "group",
        "currency",
        "opportunities",
        "pipeline",
        "no amount",
        "won",
        "won amount",
        "lost",
        "lost amount",
        "win rate",
        "win rate by value",
      ],
    },
    {
      title: "Deal size and sales cycle",
      note: "the deals won in the period: their amount, and the days from the lead's creation and from its first MQL entry to the close",
      columns: ["group", "currency"],
    },
  ],
  latency: [
    {
      title: "Obligations per handoff",
      columns: ["handoff", "from", "within", "target", "obligations", "met", "late", "missed", "pending"],
    },
    {
      title: "Compliance and response time per handoff",
      note: "compliance with its Wilson 95% interval, and the response time's percentiles over answered obligations",
      columns: ["handoff", "clock", "compliance", "compliance_interval", "target_met"],
    },
  ],
  leakage: [
    {
      title: "Marketing's pass clock",
      columns: ["stage", "within", "target", "obligations", "met", "late", "missed", "pending"],
    },
    {
      title: "Compliance and time to pass",
      note: "compliance with its Wilson 95% interval, and the time from meeting the definition to the entry over answered obligations",
      columns: ["stage", "clock", "compliance", "compliance_interval", "target_met"],
    },
  ],
  validity: [
    {
      title: "Does the definition predict acceptance",
      columns: [
        "stage",
        "accepted_at",
        "met_decided",
        "met_acceptance",
        "met_acceptance_interval",
        "not_met_decided",
        "not_met_acceptance",
        "not_met_acceptance_interval",
        "difference",
      ],
    },
    {
      title: "Conversion of met and not met entries",
      note: "conversion: decided entries that reached the last stage",
      columns: ["stage", "converted_at", "met_conversion", "not_met_conversion"],
    },
  ],
  "validity-criteria": [
    {
      title: "Each criterion against acceptance",
      columns: [
        "stage",
        "criterion",
        "held_decided",
        "held_acceptance",
        "failed_decided",
        "failed_acceptance",
        "difference",
        "contradicted",
      ],
    },
    {
      title: "Each criterion's acceptance with its interval",
      note: "Wilson 95% intervals of the acceptance where the criterion held and where it failed",
      columns: ["stage", "criterion", "held_acceptance_interval", "failed_acceptance_interval"],
    },
  ],
  conversion: [
    {
      title: "Conversion (cohort)",
      columns: [
        "step",
        "entered",
        "converted",
        "in_flight",
        "skipped",
        "decided",
        "rate",
        "rate_interval",
        "median_hours",
      ],
    },
    {
      title: "How each rate was taken",
      note: "rate basis: over decided journeys or over all entered; rate of entered: the floor if every journey in flight failed",
      columns: ["step", "rate_basis", "decided_share", "rate_of_entered", "mature"],
    },
  ],
};

function clocksOf(r: HandoffClocks, t: Tabular, columns: Column[]): Clock[] {
  const hours = t.head.flatMap((name, i) => (name.endsWith("_hours") ? [i] : []));
  if (!hours.some((i) => columns.some((c) => c.name === t.head[i]))) return [];
  const clock = clockOf(r, t);
  return [...new Set(t.rows.filter((row) => hours.some((i) => row[i] !== null)).map(clock))].sort();
}

/**
 * The table as it is shown: one part, or the parts of PARTS. Large business durations are in
 * business days when every calendar's day is `businessDay` hours long (Style.businessDay).
 */
export function tableParts(r: HandoffClocks, t: Tabular, businessDay: number | null = null): TablePart[] {
  const all = columnsOf(r, t, businessDay);
  const plan = PARTS[t.id];
  const part = (id: string, title: string, note: string, columns: Column[]): TablePart => ({
    id,
    title,
    note,
    columns,
    rows: t.rows,
    clocks: clocksOf(r, t, columns),
  });
  if (!plan) return [part(t.id, t.title, t.note, all)];
  const placed = new Set(plan.flatMap((p) => p.columns.slice(1)));
  return plan.map((p, k) => {
    const named = p.columns.flatMap((name) => all.filter((c) => c.name === name));
    const rest = k === plan.length - 1 ? all.filter((c, i) => i > 0 && !placed.has(c.name)) : [];
    return part(k ? `${t.id}-${k + 1}` : t.id, p.title, k ? (p.note ?? "") : t.note, [...named, ...rest]);
  });
}

/** What a page says instead of a section whose tables are all empty (the terminal says the same). */
const EMPTY: Partial<Record<Tabular["section"], string>> = {
  latency: "no handoffs declared (`handoffs:` in the SLA file)",
  compliance: "no handoffs declared (`handoffs:` in the SLA file)",
  commitments: "no commitments declared (`commitments:` in the SLA file); no journey ended in an outcome",
  definitions: "no stage defined (`definitions:` in the SLA file); no engagement read",
  quality: "no findings",
};

/** The line a section shows when none of its tables has a row, else null. */
export function emptySection(section: Tabular["section"], tables: readonly Tabular[]): string | null {
  return tables.every((t) => t.rows.length === 0) ? (EMPTY[section] ?? "nothing to show") : null;
}
