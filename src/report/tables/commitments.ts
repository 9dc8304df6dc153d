/** "Who kept their word": commitments per period, the feedback loop, and the targets missed. */

import { NO_REASON } from "../../metrics/feedback.js";
import type { CommitmentRow, Report } from "../../metrics/types.js";
import { count, pct, printable } from "../format.js";
import type { Style } from "../style.js";
import { section, table } from "./common.js";

const LABELS: Record<string, string> = {
  mqls: "MQLs delivered",
  acceptance: "MQLs accepted",
  reasons: "reasons given",
};
const label = (commitment: string) => LABELS[commitment] ?? commitment.replace(/^handoff:/, "");

function cellOf(row: CommitmentRow | undefined, style: Style): string {
  if (!row) return "";
  const figure = row.actual === null ? "–" : row.commitment === "mqls" ? count(row.actual) : pct(row.actual);
  if (row.status === "met") return style.chalk.green(`✓ ${figure}`);
  if (row.status === "missed") return style.chalk.red(`✗ ${figure}`);
  return row.status === "partial" ? `${figure} (partial)` : "no data";
}

export function commitmentsTable(r: Report, style: Style): string {
  const c = r.commitments;
  if (!c)
    return `${style.chalk.bold("Who kept their word")}: no commitments declared (commitments: in the SLA file)`;
  const keys = [...new Set(c.rows.map((x) => `${x.team}\u0000${x.commitment}`))];
  const head = [
    "period",
    ...keys.map((k) => {
      const [team, commitment] = k.split("\u0000") as [string, string];
      const target = c.rows.find((x) => x.team === team && x.commitment === commitment)?.target ?? 0;
      return `${team}: ${label(commitment)}\n≥ ${commitment === "mqls" ? count(target) : pct(target)}`;
    }),
  ];
  const rows = c.periods.map((p) => [
    `${p.period}${p.partial ? "*" : ""}`,
    ...keys.map((k) =>
      cellOf(
        c.rows.find((x) => x.period === p.period && `${x.team}\u0000${x.commitment}` === k),
        style,
      ),
    ),
  ]);
  const kept = c.rows.filter((x) => x.status === "met").length;
  const judged = c.rows.filter((x) => x.status === "met" || x.status === "missed").length;
  const note = `per ${c.period}; ${kept} of ${judged} kept; * partial ${c.period}: volume not judged`;
  return section(style, "Who kept their word", note, table(style, head, rows));
}

/** Source × outcome, with the reasons most given; the JSON keeps every (source, outcome, reason) count. */
export function feedbackTable(r: Report, style: Style): string {
  const groups = new Map<
    string,
    { source: string; outcome: string; total: number; none: number; reasons: [string, number][] }
  >();
  for (const f of r.feedback.rows) {
    const key = `${f.source}\u0000${f.outcome}`;
    const g = groups.get(key) ?? { source: f.source, outcome: f.outcome, total: 0, none: 0, reasons: [] };
    g.total += f.count;
    if (f.reason === NO_REASON) g.none += f.count;
    else g.reasons.push([f.reason, f.count]);
    groups.set(key, g);
  }
  if (groups.size === 0)
    return `${style.chalk.bold("Feedback to marketing")}: no recycles or rejections in the period`;
  const rows = [...groups.values()].map((g) => [
    printable(g.source),
    g.outcome,
    count(g.total),
    g.none ? style.chalk.yellow(count(g.none)) : "0",
    g.reasons
      .slice(0, 3)
      .map(([reason, n]) => `${printable(reason)} ${n}`)
      .join(", "),
  ]);
  const head = ["source", "outcome", "journeys", "no reason", "top reasons"];
  return section(
    style,
    "Feedback to marketing",
    "how journeys ended in the period, and why, by lead source",
    table(style, head, rows, ["left", "left", "right", "right", "left"]),
  );
}

/** Targets missed: each handoff, then each commitment with the periods it was missed in. */
export function checkList(r: Report, style: Style): string {
  const { targets, missed } = r.check;
  const thin = r.coverage.warning
    ? style.chalk.red("; the figures rest on too few rows (see the warning)")
    : "";
  if (missed.length === 0) return `${style.chalk.bold("Targets")}: all ${targets} targets held${thin}`;
  const lines: string[] = [];
  const byCommitment = new Map<string, string[]>();
  for (const m of missed) {
    if (m.kind === "handoff") lines.push(`  ${style.chalk.red("✗")} ${m.message}`);
    else byCommitment.set(m.id, [...(byCommitment.get(m.id) ?? []), m.period ?? ""]);
  }
  const judged = (id: string) =>
    r.commitments?.rows.filter(
      (x) => `${x.team}.${x.commitment}` === id && (x.status === "met" || x.status === "missed"),
    ).length ?? 0;
  for (const [id, periods] of byCommitment)
    lines.push(
      `  ${style.chalk.red("✗")} ${id}: missed in ${periods.length} of ${judged(id)} ${r.commitments?.period ?? "period"}s (${periods.join(", ")})`,
    );
  return `${style.chalk.bold("Targets")}: ${missed.length} of ${targets} missed (--check lists each)\n${lines.join("\n")}`;
}

/** Week over week: each headline figure before and after, worse ones marked, regressions loud. */
export function baselineTable(r: Report, style: Style): string {
  const b = r.baseline;
  if (!b) return "";
  const show = (kind: string, v: number | null) =>
    v === null ? "–" : kind === "share" ? pct(v) : kind === "hours" ? `${v.toFixed(1)}h` : count(v);
  const rows = b.changes.map((c) => {
    const delta =
      c.delta === null
        ? "–"
        : c.kind === "share"
          ? `${c.delta >= 0 ? "+" : ""}${(c.delta * 100).toFixed(1)} pts`
          : `${c.delta >= 0 ? "+" : ""}${c.kind === "hours" ? c.delta.toFixed(1) : count(c.delta)}`;
    const mark = c.regression
      ? style.chalk.red("regression")
      : c.worse
        ? style.chalk.yellow("worse")
        : c.delta === 0 || c.delta === null
          ? ""
          : style.chalk.green("better");
    return [c.figure, show(c.kind, c.before), show(c.kind, c.after), delta, mark];
  });
  return section(
    style,
    "Week over week",
    `against the report as of ${b.as_of.slice(0, 16).replace("T", " ")}`,
    table(style, ["figure", "before", "now", "change", ""], rows, [
      "left",
      "right",
      "right",
      "right",
      "left",
    ]),
  );
}
