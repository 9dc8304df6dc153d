/** "Who kept their word": commitments per period, the feedback loop, and the targets missed. */

import type { CommitmentRow, Report } from "../../metrics/types.js";
import { commitmentFigure, feedbackGroups, commitmentLabel as label } from "../commitments-view.js";
import { changeFigure, count, figureClock, printable } from "../format.js";
import type { Style } from "../style.js";
import { wrap } from "../width.js";
import { fitTable, section, table } from "./common.js";

/** The grid's column heads, short: team, commitment and target go on three lines. */
const SHORT: Record<string, string> = {
  mqls: "MQLs",
  acceptance: "accepted",
  definition: "definition",
  pipeline: "pipeline",
  reasons: "reasons",
  revenue: "revenue",
};

function cellOf(row: CommitmentRow | undefined, style: Style): string {
  if (!row) return "";
  const figure = commitmentFigure(row.commitment, row.actual);
  if (row.status === "met") return style.chalk.green(`✓ ${figure}`);
  if (row.status === "missed") return style.chalk.red(`✗ ${figure}`);
  return row.status === "partial" ? `${figure} *` : "no data";
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
      return `${team}\n${SHORT[commitment] ?? label(commitment)}\n≥ ${commitmentFigure(commitment, target)}`;
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
  const note = `per ${c.period}; ${kept} of ${judged} kept`;
  const body = fitTable(style, {
    head,
    rows,
    marks: { "✓": "kept", "✗": "missed", "*": `partial ${c.period}: the MQL volume is not judged` },
  });
  return section(style, "Who kept their word", note, body);
}

/** Source × outcome, with the reasons most given; the JSON keeps every (source, outcome, reason) count. */
export function feedbackTable(r: Report, style: Style): string {
  const groups = feedbackGroups(r);
  if (groups.length === 0)
    return `${style.chalk.bold("Feedback to marketing")}: no recycles or rejections in the period`;
  const rows = groups.map((g) => [
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
    fitTable(style, { head, rows, align: ["left", "left", "right", "right", "left"], wrap: 4 }),
  );
}

/**
 * Consecutive periods as ranges, "W19–W26, W28": `all` is every period in order (a run is
 * consecutive there, across a year's end too); the year is dropped when every label shares it.
 */
export function compactPeriods(missed: readonly string[], all: readonly string[]): string {
  const years = new Set([...missed, ...all].map((p) => p.slice(0, 5)));
  const short = (p: string) => (years.size === 1 && /^\d{4}-[WQ]/.test(p) ? p.slice(5) : p);
  const index = new Map(all.map((p, i) => [p, i]));
  const runs: string[][] = [];
  for (const p of missed) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    if (
      run &&
      prev !== undefined &&
      index.get(prev) !== undefined &&
      index.get(p) === (index.get(prev) ?? -2) + 1
    )
      run.push(p);
    else runs.push([p]);
  }
  return runs
    .map((run) =>
      // Two in a row read better listed: "W19, W20"; three or more as a range.
      run.length < 3
        ? run.map(short).join(", ")
        : `${short(run[0] as string)}–${short(run[run.length - 1] as string)}`,
    )
    .join(", ");
}

/** The verdict: each handoff missed, then each commitment with the periods it was missed in, compactly. */
export function checkLines(r: Report): string[] {
  const lines: string[] = [];
  const byCommitment = new Map<string, string[]>();
  for (const m of r.check.missed) {
    if (m.kind === "commitment") byCommitment.set(m.id, [...(byCommitment.get(m.id) ?? []), m.period ?? ""]);
    else lines.push(m.message);
  }
  const c = r.commitments;
  const judged = (id: string) =>
    c?.rows.filter((x) => `${x.team}.${x.commitment}` === id && (x.status === "met" || x.status === "missed"))
      .length ?? 0;
  const all = c?.periods.map((p) => p.period) ?? [];
  for (const [id, periods] of byCommitment) {
    const [team, commitment] = id.split(/\.(.*)/s) as [string, string];
    lines.push(
      `${team} ${label(commitment)}: missed in ${periods.length} of ${judged(id)} ${c?.period ?? "period"}s (${compactPeriods(periods, all)})`,
    );
  }
  return lines;
}

/** Targets missed, one line each (see checkLines), wrapped to the width. */
export function checkList(r: Report, style: Style): string {
  const { targets, missed } = r.check;
  const thin = r.coverage.warning
    ? style.chalk.red("; the figures rest on too few rows (see the warning)")
    : "";
  if (missed.length === 0 && targets === 0)
    return `${style.chalk.bold("Targets")}: none to judge (the SLA file sets none)${thin}`;
  if (missed.length === 0) return `${style.chalk.bold("Targets")}: all ${count(targets)} targets held${thin}`;
  const lines = checkLines(r).map((l) => wrap(`  ${style.chalk.red("✗")} ${l}`, style.width, "    "));
  return `${style.chalk.bold("Targets")}: ${missed.length} of ${targets} missed\n${lines.join("\n")}`;
}

/** Week over week: each headline figure before and after, worse ones marked, regressions loud. */
export function baselineTable(r: Report, style: Style): string {
  const b = r.baseline;
  if (!b) return "";
  const rows = b.changes.map((c) => {
    const clock = figureClock(r, c.figure);
    const show = (v: number | null, change = false) => changeFigure(c.kind, v, clock, change);
    const [before, after, delta] = [show(c.before), show(c.after), show(c.delta, true)];
    const mark = c.regression
      ? style.chalk.red("regression")
      : c.worse
        ? style.chalk.yellow("worse")
        : c.delta === 0 || c.delta === null
          ? ""
          : style.chalk.green("better");
    return [c.figure, before, after, delta, mark];
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
