/** Stages and cohort conversion as terminal tables. */

import type { Report } from "../../metrics/types.js";
import { count, duration, foldNote, OTHER, pct, printable } from "../format.js";
import type { Style } from "../style.js";
import { counts, interval, rate, section, table } from "./common.js";

export function stagesTable(r: Report, style: Style): string {
  const rows = r.stages.map((s) => [s.label, ...counts(s.entries, s.backfilled, s.leads)]);
  return section(
    style,
    "Stages",
    "journeys entering each stage in the period",
    table(style, ["stage", "entries", "backfilled", "leads"], rows),
  );
}

export function conversionTable(r: Report, style: Style): string {
  const c = r.conversion;
  const rows = c.steps.map((s) => [
    `${s.from} → ${s.to}`,
    ...counts(s.entered, s.converted, s.in_flight, s.skipped),
    rate(s.rate, s.small_sample),
    s.rate_basis,
    interval(s.rate_low, s.rate_high),
    pct(s.rate_of_entered),
    pct(s.cumulative_rate),
    s.flow_ratio === null ? "–" : `${pct(s.flow_ratio)} (${count(s.flow_to)}/${count(s.flow_from)})`,
    s.mature ? "yes" : "no",
    duration(s.median_hours),
  ]);
  const head = [
    "step",
    "entered",
    "converted",
    "in flight",
    "skipped",
    "rate",
    "of",
    "95% interval",
    "of entered",
    "cumulative",
    "flow",
    "mature",
    "median",
  ];
  const note = `cohort${c.window ? `, window ${c.window}` : ""}, skipped stages: ${c.skipped_stages}; rate = converted ÷ decided with a window when at least half are decided, else converted ÷ entered with in flight counted as not converted yet ("of" says which); of entered = converted ÷ entered; cumulative = from the first stage; flow = entries into to ÷ entries into from in the period, a ratio of volumes that can exceed 100%`;
  return section(style, "Conversion", note, table(style, head, rows));
}

/** With --by: one row per value, one column per step: "rate of decided" (in flight apart). */
export function breakdownTable(r: Report, style: Style): string {
  const b = r.conversion.breakdown;
  if (!b) return "";
  const steps = r.conversion.steps.map((s) => `${s.from} → ${s.to}`);
  const folded = b.other ? [{ key: `${OTHER}: ${count(b.other.groups)} values`, ...b.other }] : [];
  const rows = [...b.groups.map((g) => ({ ...g, key: printable(g.key) })), ...folded].map((g) => [
    g.key,
    count(g.leads),
    ...g.steps.map((s) =>
      s.entered === 0 ? "–" : `${rate(s.rate, s.small_sample)} · ${count(s.converted)}/${count(s.entered)}`,
    ),
  ]);
  const note = [
    foldNote(b),
    "each cell: rate (÷ decided or ÷ entered, as in the conversion table) · converted/entered",
  ]
    .filter(Boolean)
    .join("; ");
  return section(style, `Conversion by ${b.by}`, note, table(style, [b.by, "leads", ...steps], rows));
}
