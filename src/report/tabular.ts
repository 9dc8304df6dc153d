/**
 * The report as plain tables (raw values, no colour): one source for the Markdown and CSV
 * renderers, so both always show the same rows and columns.
 */

import type { Report } from "../metrics/types.js";
import { foldNote, OTHER } from "./format.js";
import type { Section } from "./table.js";

export type Cell = string | number | boolean | null;

export interface Tabular {
  /** File-name-safe id: "conversion", "compliance-first-touch". */
  id: string;
  section: Section;
  title: string;
  note: string;
  head: string[];
  rows: Cell[][];
  /** Columns holding shares (0..1), shown as percentages in text formats. */
  shares: number[];
}

/** Each section's heading in the Markdown and HTML reports. */
export const SECTION_TITLES: Record<Section, string> = {
  conversion: "Conversion",
  latency: "Handoff SLAs",
  compliance: "Rep follow-up compliance",
  commitments: "Who kept their word",
  quality: "Data quality",
};

/** The file-name part of an id: lower-case letters and digits, dashes between (rules.ts refuses two handoffs with one). */
export const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

function conversion(r: Report): Tabular[] {
  const c = r.conversion;
  const out: Tabular[] = [
    {
      id: "stages",
      section: "conversion",
      title: "Stages",
      note: "journeys entering each stage in the period",
      head: ["stage", "label", "entries", "backfilled", "leads"],
      rows: r.stages.map((s) => [s.stage, s.label, s.entries, s.backfilled, s.leads]),
      shares: [],
    },
    {
      id: "conversion",
      section: "conversion",
      title: "Conversion (cohort)",
      note: `${c.definition}${c.window ? `; window ${c.window}` : ""}; skipped stages: ${c.skipped_stages}`,
      head: [
        "from",
        "to",
        "entered",
        "converted",
        "in_flight",
        "skipped",
        "decided",
        "rate",
        "rate_basis",
        "decided_share",
        "rate_low",
        "rate_high",
        "rate_of_entered",
        "mature",
        "median_hours",
      ],
      rows: c.steps.map((s) => [
        s.from,
        s.to,
        s.entered,
        s.converted,
        s.in_flight,
        s.skipped,
        s.decided,
        s.rate,
        s.rate_basis,
        s.decided_share,
        s.rate_low,
        s.rate_high,
        s.rate_of_entered,
        s.mature,
        s.median_hours,
      ]),
      shares: [7, 9, 10, 11, 12],
    },
  ];
  if (r.trends)
    out.push({
      id: "trends",
      section: "conversion",
      title: `Trends by ${r.trends.period}`,
      note: "one row per period and figure",
      head: ["period", "partial", "figure", "value"],
      rows: r.trends.rows.flatMap((x) => [
        ...Object.entries(x.entries).map(([stage, n]): Cell[] => [
          x.period,
          x.partial,
          `${stage} entries`,
          n,
        ]),
        ...x.steps.flatMap((s): Cell[][] => [
          [x.period, x.partial, `${s.from}->${s.to} rate`, s.rate],
          [x.period, x.partial, `${s.from}->${s.to} median_hours`, s.median_hours],
          [x.period, x.partial, `${s.from}->${s.to} p90_hours`, s.p90_hours],
        ]),
        ...x.handoffs.map((h): Cell[] => [x.period, x.partial, `${h.id} compliance`, h.compliance]),
      ]),
      shares: [],
    });
  if (c.breakdown)
    out.push({
      id: `conversion-by-${slug(c.breakdown.by)}`,
      section: "conversion",
      title: `Conversion by ${c.breakdown.by}`,
      note: [foldNote(c.breakdown), "cohort rate per value (÷ decided or ÷ entered: rate_basis)"]
        .filter(Boolean)
        .join("; "),
      head: [
        c.breakdown.by,
        "from",
        "to",
        "entered",
        "converted",
        "decided",
        "rate",
        "rate_basis",
        "rate_of_entered",
        "leads",
        "groups",
      ],
      // The folded values last, as one row per step: `groups` says how many values it adds up.
      rows: [
        ...c.breakdown.groups.map((g) => ({ ...g, groups: 1 })),
        ...(c.breakdown.other ? [{ key: OTHER, ...c.breakdown.other }] : []),
      ].flatMap((g) =>
        g.steps.map((s) => [
          g.key,
          s.from,
          s.to,
          s.entered,
          s.converted,
          s.decided,
          s.rate,
          s.rate_basis,
          s.rate_of_entered,
          g.leads,
          g.groups,
        ]),
      ),
      shares: [6, 8],
    });
  return out;
}

function latency(r: Report): Tabular[] {
  const hs = r.latency.handoffs;
  return [
    {
      id: "latency",
      section: "latency",
      title: "Each handoff against its SLA",
      note: r.latency.definition,
      head: [
        "handoff",
        "from",
        "within",
        "clock",
        "target",
        "obligations",
        "met",
        "late",
        "missed",
        "pending",
        "compliance",
        "compliance_low",
        "compliance_high",
        "target_met",
        "p50_hours",
        "p90_hours",
        "p95_hours",
        "max_hours",
      ],
      rows: hs.map((h) => [
        h.id,
        h.from,
        h.within,
        h.clock,
        h.target,
        h.obligations,
        h.met,
        h.late,
        h.missed,
        h.pending,
        h.compliance,
        h.compliance_low,
        h.compliance_high,
        h.target_met,
        h.p50_hours,
        h.p90_hours,
        h.p95_hours,
        h.max_hours,
      ]),
      shares: [4, 10, 11, 12],
    },
    {
      id: "speed",
      section: "latency",
      title: "Speed to lead",
      note: "share of decided obligations answered within each time, on the handoff's clock",
      head: ["handoff", ...(hs[0]?.speed.map((x) => `within_${x.within}`) ?? [])],
      rows: hs.map((h) => [h.id, ...h.speed.map((x) => x.share)]),
      shares: (hs[0]?.speed ?? []).map((_, i) => i + 1),
    },
    {
      id: "delay",
      section: "latency",
      title: "Where the wait was",
      note: "answered obligations: system = entry to a rep owning the lead; person = rep to response",
      head: ["handoff", "system_p50_hours", "person_p50_hours", "system_share"],
      rows: hs.map((h) => [h.id, h.delay.system_p50_hours, h.delay.person_p50_hours, h.delay.system_share]),
      shares: [3],
    },
  ];
}

function compliance(r: Report): Tabular[] {
  return r.compliance.by_handoff.map((b) => ({
    id: `compliance-${slug(b.handoff)}`,
    section: "compliance" as const,
    title: `Rep follow-up: ${b.handoff}`,
    note: r.compliance.definition,
    head: [
      "rep",
      "obligations",
      "met",
      "late",
      "missed",
      "pending",
      "compliance",
      "compliance_low",
      "compliance_high",
      "small_sample",
      "median_hours",
      "p90_hours",
    ],
    rows: b.reps.map((p) => [
      p.rep,
      p.obligations,
      p.met,
      p.late,
      p.missed,
      p.pending,
      p.compliance,
      p.compliance_low,
      p.compliance_high,
      p.small_sample,
      p.median_hours,
      p.p90_hours,
    ]),
    shares: [6, 7, 8],
  }));
}

function commitments(r: Report): Tabular[] {
  const out: Tabular[] = [];
  if (r.commitments)
    out.push({
      id: "commitments",
      section: "commitments",
      title: "Who kept their word",
      note: r.commitments.definition,
      head: ["period", "team", "commitment", "actual", "target", "n", "status"],
      rows: r.commitments.rows.map((x) => [
        x.period,
        x.team,
        x.commitment,
        x.actual,
        x.target,
        x.n,
        x.status,
      ]),
      shares: [],
    });
  out.push({
    id: "feedback",
    section: "commitments",
    title: "Feedback to marketing",
    note: r.feedback.definition,
    head: ["source", "outcome", "reason", "count"],
    rows: r.feedback.rows.map((f) => [f.source, f.outcome, f.reason, f.count]),
    shares: [],
  });
  return out;
}

function quality(r: Report): Tabular[] {
  return [
    {
      id: "quality",
      section: "quality",
      title: "Findings",
      note: "error: the row is not used; warning: used but suspicious; info: noted",
      head: ["severity", "code", "count", "title", "first_example", "hint"],
      rows: r.quality.findings.map((f) => [
        f.severity,
        f.code,
        f.count,
        f.title,
        f.examples[0] ? `${f.examples[0].file}:${f.examples[0].line}` : null,
        f.hint,
      ]),
      shares: [],
    },
  ];
}

const BUILD: Record<Section, (r: Report) => Tabular[]> = {
  conversion,
  latency,
  compliance,
  commitments,
  quality,
};

function baseline(r: Report): Tabular[] {
  if (!r.baseline) return [];
  return [
    {
      id: "baseline",
      section: "conversion",
      title: "Week over week",
      note: `against the report as of ${r.baseline.as_of}; regression = worse beyond the SLA's check thresholds`,
      head: ["figure", "kind", "before", "now", "change", "worse", "regression"],
      rows: r.baseline.changes.map((c) => [
        c.figure,
        c.kind,
        c.before,
        c.after,
        c.delta,
        c.worse,
        c.regression,
      ]),
      shares: [],
    },
  ];
}

/** The chosen sections as plain tables, in section order (the week-over-week table first). */
export function reportTables(report: Report, sections: readonly Section[]): Tabular[] {
  return [...baseline(report), ...sections.flatMap((s) => BUILD[s](report))];
}
