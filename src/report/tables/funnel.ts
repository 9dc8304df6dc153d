/** Stages and cohort conversion as terminal tables. */

import type { Report } from "../../metrics/types.js";
import { count, foldNote, OTHER, pct, printable } from "../format.js";
import type { Style } from "../style.js";
import { counts, durations, fitTable, interval, rate, section, smallMark, table } from "./common.js";

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
  const median = durations(
    c.steps.map((s) => s.median_hours),
    "calendar",
    style,
  );
  const rows = c.steps.map((s, i) => [
    `${s.from} → ${s.to}`,
    ...counts(s.entered, s.converted, s.in_flight, s.skipped),
    rate(s.rate, s.small_sample),
    s.rate_basis,
    interval(s.rate_low, s.rate_high),
    pct(s.rate_of_entered),
    pct(s.cumulative_rate),
    s.flow_ratio === null ? "–" : `${pct(s.flow_ratio)} (${count(s.flow_to)}/${count(s.flow_from)})`,
    s.mature ? "yes" : "no",
    median[i] ?? "–",
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
  const note = `cohort${c.window ? `, window ${c.window}` : ""}; skipped stages: ${c.skipped_stages}`;
  const body = fitTable(style, {
    head,
    rows,
    // Kept to the last: step, entered, converted, rate and its basis, the median time.
    drop: [10, 7, 11, 9, 4, 8, 3],
    marks: smallMark(r.confidence.min_sample),
    explain: {
      5: 'rate = converted ÷ decided, or ÷ entered (in flight as not converted yet) when fewer than half are decided ("of" says which)',
      9: "cumulative = from the first stage",
      8: "of entered = converted ÷ entered",
      10: "flow = entries into the next stage ÷ entries into this one, a ratio of volumes that can pass 100%",
    },
  });
  return section(style, "Conversion", note, body);
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
      s.entered === 0 ? "–" : `${rate(s.rate, s.small_sample)} (${count(s.converted)}/${count(s.entered)})`,
    ),
  ]);
  const note = [foldNote(b), "each cell: the rate, as in the conversion table, and converted/entered"]
    .filter(Boolean)
    .join("; ");
  return section(
    style,
    `Conversion by ${b.by}`,
    note,
    fitTable(style, { head: [b.by, "leads", ...steps], rows, marks: smallMark(r.confidence.min_sample) }),
  );
}
