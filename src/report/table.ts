/** Report -> terminal tables (cli-table3); colour only through the Style passed in. */

import Table from "cli-table3";
import type { ConversionStep, FindingRow, HandoffRow, Report, RepRow } from "../metrics/types.js";
import { count, duration, pct, shortIso } from "./format.js";
import type { Style } from "./style.js";

export type Section = "conversion" | "latency" | "compliance" | "quality";
export const SECTIONS: readonly Section[] = ["conversion", "latency", "compliance", "quality"];

function table(style: Style, head: string[], rows: string[][], align: ("left" | "right")[] = []): string {
  const t = new Table({
    head: head.map((h) => style.chalk.bold(h)),
    style: style.color ? { head: [], border: ["grey"] } : { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    colAligns: head.map((_, i) => align[i] ?? (i === 0 ? "left" : "right")),
  });
  t.push(...rows);
  return t.toString();
}

function header(r: Report, style: Style): string {
  const files = r.inputs.files
    .map((f) => `${f.file} (${count(f.rows)} rows${f.not_used ? `, ${count(f.not_used)} not used` : ""})`)
    .join(", ");
  return [
    style.chalk.bold(`funnel-audit · ${r.sla.name ?? r.sla.file}`),
    `as of ${shortIso(r.as_of)} ${r.sla.timezone} · period ${shortIso(r.period.from)} → ${shortIso(r.period.to)}`,
    `inputs: ${files}`,
    `${count(r.inputs.leads)} leads, ${count(r.inputs.journeys)} journeys`,
  ].join("\n");
}

function stagesTable(r: Report, style: Style): string {
  const rows = r.stages.map((s) => [s.label, count(s.entries), count(s.backfilled), count(s.leads)]);
  return `${style.chalk.bold("Stages")} (journeys entering each stage in the period)\n${table(style, ["stage", "entries", "backfilled", "leads"], rows)}`;
}

function conversionTable(r: Report, style: Style): string {
  const c = r.conversion;
  const rows = c.steps.map((s: ConversionStep) => [
    `${s.from} → ${s.to}`,
    count(s.entered),
    count(s.converted),
    count(s.in_flight),
    count(s.skipped),
    pct(s.rate),
    s.mature ? "yes" : "no",
    duration(s.median_hours),
  ]);
  const title = `${style.chalk.bold("Conversion")} (cohort${c.window ? `, window ${c.window}` : ""}, skipped stages: ${c.skipped_stages}; rate = converted ÷ decided)`;
  return `${title}\n${table(style, ["step", "entered", "converted", "in flight", "skipped", "rate", "mature", "median"], rows)}`;
}

function latencyTable(r: Report, style: Style): string {
  const rows = r.latency.handoffs.map((h: HandoffRow) => {
    const verdict =
      h.target_met === null ? "–" : h.target_met ? style.chalk.green("met") : style.chalk.red("missed");
    return [
      h.id,
      h.within,
      count(h.obligations),
      count(h.met),
      count(h.late),
      count(h.missed),
      count(h.pending),
      pct(h.compliance),
      `${pct(h.target)} ${verdict}`,
      duration(h.p50_hours),
      duration(h.p90_hours),
      duration(h.p95_hours),
      duration(h.max_hours),
    ];
  });
  const head = [
    "handoff",
    "within",
    "obligations",
    "met",
    "late",
    "missed",
    "pending",
    "compliance",
    "target",
    "p50",
    "p90",
    "p95",
    "max",
  ];
  return `${style.chalk.bold("Handoff SLAs")} (calendar clock; compliance = met ÷ (met + late + missed))\n${table(style, head, rows)}`;
}

function repTable(title: string, reps: RepRow[], style: Style): string {
  const rows = reps.map((p) => [
    p.rep,
    count(p.obligations),
    count(p.met),
    count(p.late),
    count(p.missed),
    count(p.pending),
    pct(p.compliance),
    p.compliance_low === null ? "–" : `${pct(p.compliance_low)}–${pct(p.compliance_high)}`,
    duration(p.median_hours),
    duration(p.p90_hours),
  ]);
  const head = [
    "rep",
    "obligations",
    "met",
    "late",
    "missed",
    "pending",
    "compliance",
    "95% interval",
    "median",
    "p90",
  ];
  return `${title}\n${table(style, head, rows)}`;
}

function complianceTables(r: Report, style: Style): string {
  const c = r.compliance;
  if (c.by_handoff.length === 0) return `${style.chalk.bold("Rep follow-up")}: no handoffs declared`;
  return c.by_handoff
    .map((b) =>
      repTable(
        `${style.chalk.bold("Rep follow-up")}: ${b.handoff} (on_reassign: ${c.on_reassign})`,
        b.reps,
        style,
      ),
    )
    .join("\n\n");
}

function qualityTable(r: Report, style: Style): string {
  const q = r.quality;
  const title = `${style.chalk.bold("Data quality")}: ${count(q.errors)} rows not used, ${count(q.warnings)} warnings, ${count(q.infos)} notes`;
  if (q.findings.length === 0) return `${title}\nno findings`;
  const sev = (f: FindingRow) =>
    f.severity === "error"
      ? style.chalk.red(f.severity)
      : f.severity === "warning"
        ? style.chalk.yellow(f.severity)
        : f.severity;
  const rows = q.findings.map((f) => {
    const ex = f.examples[0];
    const values = clip(
      f.values
        .slice(0, 3)
        .map((v) => `"${v.value}" ×${v.count}`)
        .join(", "),
      72,
    );
    return [
      sev(f),
      f.code,
      count(f.count),
      f.title + (values ? `\n${values}` : ""),
      ex ? `${ex.file}:${ex.line}` : "",
    ];
  });
  return `${title}\n${table(style, ["severity", "code", "count", "what", "first at"], rows, ["left", "left", "right", "left", "left"])}`;
}

const clip = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

const RENDER: Record<Section, (r: Report, s: Style) => string> = {
  conversion: (r, s) => `${stagesTable(r, s)}\n\n${conversionTable(r, s)}`,
  latency: latencyTable,
  compliance: complianceTables,
  quality: qualityTable,
};

/** The report's chosen sections as terminal tables, under a header. */
export function renderTable(report: Report, sections: readonly Section[], style: Style): string {
  return `${[header(report, style), ...sections.map((s) => RENDER[s](report, style))].join("\n\n")}\n`;
}
