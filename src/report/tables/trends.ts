/** Trends as the terminal shows them: one line per figure, a sparkline across the periods. */

import type { TrendMoney } from "../../metrics/money-types.js";
import type { Report } from "../../metrics/types.js";
import { count, duration, pct } from "../format.js";
import type { Style } from "../style.js";
import { moneyFigures } from "../tabular/conversion.js";
import { durations, section, table } from "./common.js";
import { amountText } from "./money.js";

const BARS = "▁▂▃▄▅▆▇█";

/** ▁▃▅█ for the values (gaps as spaces), scaled between their minimum and maximum. */
export function sparkline(values: readonly (number | null)[]): string {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return "";
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  return values
    .map((v) =>
      v === null ? " " : BARS[hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1))],
    )
    .join("");
}

/** The figures of a trend: label, values per period, and how to print one value. */
export function trendSeries(
  r: Report,
): { label: string; values: (number | null)[]; show: (v: number | null) => string }[] {
  const rows = r.trends?.rows ?? [];
  const stages = r.stages.map((s) => s.stage);
  return [
    ...stages.map((id) => ({
      label: `${id} entries`,
      values: rows.map((x) => x.entries[id] ?? 0),
      show: (v: number | null) => (v === null ? "–" : count(v)),
    })),
    ...(rows[0]?.steps ?? []).map((s, i) => ({
      label: `${s.from} → ${s.to} rate`,
      values: rows.map((x) => x.steps[i]?.rate ?? null),
      show: pct,
    })),
    ...(rows[0]?.steps ?? []).map((s, i) => ({
      label: `${s.from} → ${s.to} median`,
      values: rows.map((x) => x.steps[i]?.median_hours ?? null),
      show: duration,
    })),
    ...(rows[0]?.handoffs ?? []).map((h, i) => ({
      label: `${h.id} compliance`,
      values: rows.map((x) => x.handoffs[i]?.compliance ?? null),
      show: pct,
    })),
    ...moneySeries(r),
  ];
}

/** Each currency's money per period (a period without its currency's deals: no value). */
function moneySeries(r: Report): ReturnType<typeof trendSeries> {
  const rows = r.trends?.rows ?? [];
  const firsts = new Map<string | null, TrendMoney>();
  for (const m of rows.flatMap((x) => x.money?.totals ?? []))
    if (!firsts.has(m.currency)) firsts.set(m.currency, m);
  return [...firsts].flatMap(([c, first]) =>
    moneyFigures(first).map(([label], k) => ({
      label,
      values: rows.map((x) => {
        const m = x.money?.totals.find((y) => y.currency === c);
        return m ? (moneyFigures(m)[k]?.[1] ?? null) : null;
      }),
      show: label.startsWith("win rate") ? pct : /^(pipeline|revenue)/.test(label) ? amountText : countOf,
    })),
  );
}

const countOf = (v: number | null) => (v === null ? "–" : count(v));

export function trendsTable(r: Report, style: Style): string {
  const t = r.trends;
  if (!t || t.rows.length === 0) return "";
  const first = t.rows[0]?.period ?? "";
  const last = t.rows[t.rows.length - 1]?.period ?? "";
  const rows = trendSeries(r).map((s) => {
    const ends = [s.values[0] ?? null, s.values[s.values.length - 1] ?? null];
    // Both ends of a duration in one unit (never 47.6h beside 5.2d).
    const [a, b] = s.show === duration ? durations(ends, "calendar", style) : ends.map(s.show);
    return [s.label, sparkline(s.values), a ?? "–", b ?? "–"];
  });
  return section(
    style,
    `Trends by ${t.period}`,
    `${t.rows.length} ${t.period}s, ${first} to ${last}; cohort rates by the ${t.period} journeys entered the step`,
    table(style, ["figure", "trend", first, last], rows, ["left", "left", "right", "right"]),
  );
}
