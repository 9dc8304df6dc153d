/** "Who kept their word": commitments per period, the feedback loop, and the targets missed. */

import type { CommitmentRow, Report } from "../../metrics/types.js";
import { count, pct } from "../format.js";
import type { Style } from "../style.js";
import { section, table } from "./common.js";

const LABELS: Record<string, string> = { mqls: "MQLs delivered", acceptance: "MQLs accepted", reasons: "reasons given" };
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
  if (!c) return `${style.chalk.bold("Who kept their word")}: no commitments declared (commitments: in the SLA file)`;
  const keys = [...new Set(c.rows.map((x) => `${x.team}\u0000${x.commitment}`))];
  const head = ["period", ...keys.map((k) => {
    const [team, commitment] = k.split("\u0000") as [string, string];
    const target = c.rows.find((x) => x.team === team && x.commitment === commitment)?.target ?? 0;
    return `${team}: ${label(commitment)}\n≥ ${commitment === "mqls" ? count(target) : pct(target)}`;
  })];
  const rows = c.periods.map((p) => [
    `${p.period}${p.partial ? "*" : ""}`,
    ...keys.map((k) => cellOf(c.rows.find((x) => x.period === p.period && `${x.team}\u0000${x.commitment}` === k), style)),
  ]);
  const kept = c.rows.filter((x) => x.status === "met").length;
  const judged = c.rows.filter((x) => x.status === "met" || x.status === "missed").length;
  const note = `per ${c.period}; ${kept} of ${judged} kept; * partial ${c.period}: volume not judged`;
  return section(style, "Who kept their word", note, table(style, head, rows));
}

export function feedbackTable(r: Report, style: Style): string {
  const rows = r.feedback.rows.map((f) => [f.source, f.outcome, f.reason, count(f.count)]);
  if (rows.length === 0) return `${style.chalk.bold("Feedback to marketing")}: no recycles or rejections in the period`;
  return section(style, "Feedback to marketing", "how journeys ended, and why, by lead source", table(style, ["source", "outcome", "reason", "journeys"], rows, ["left", "left", "left", "right"]));
}

export function checkList(r: Report, style: Style): string {
  const { targets, missed } = r.check;
  if (missed.length === 0) return `${style.chalk.bold("Targets")}: all ${targets} targets held`;
  const lines = missed.map((m) => `  ${style.chalk.red("✗")} ${m.message}`);
  return `${style.chalk.bold("Targets")}: ${missed.length} of ${targets} missed\n${lines.join("\n")}`;
}
