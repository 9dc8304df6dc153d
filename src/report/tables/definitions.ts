/** The lead definition as terminal tables: the check per stage, its failures, marketing's pass clock, validity, groups. */

import type { DefinitionsSection, OutcomeRates } from "../../metrics/definition-types.js";
import type { Report } from "../../metrics/types.js";
import {
  CONTRADICTED,
  criterionName,
  dimensionsOf,
  SHOWN_GROUPS,
  validityNames,
} from "../definitions-view.js";
import { changeFigure, count, pct, printable } from "../format.js";
import type { Style } from "../style.js";
import { wrap } from "../width.js";
import { counts, fitTable, interval, rate, section, smallMark } from "./common.js";
import { handoffTable } from "./sla.js";

/** "+30.0 pts": a difference of two shares. */
const points = (x: number | null) => changeFigure("share", x, "calendar", true);

function checkTable(d: DefinitionsSection, style: Style): string {
  const rows = d.stages.map((s) => [
    s.stage,
    ...counts(s.entries, s.backfilled, s.met, s.not_met),
    pct(s.rate),
  ]);
  const main = fitTable(style, {
    head: ["stage", "entries", "backfilled", "met", "not met", "rate"],
    rows,
    drop: [2],
  });
  const failed = d.stages.flatMap((s) =>
    s.criteria.map((c) => [
      s.stage,
      printable(criterionName(c)),
      c.kind,
      ...counts(c.failed, c.missing, c.partial, c.unreadable),
    ]),
  );
  const why = fitTable(style, {
    head: ["stage", "criterion", "kind", "failed", "missing", "partial", "unreadable"],
    rows: failed,
    align: ["left", "left", "left"],
    wrap: 1,
    drop: [2, 6, 5, 0],
    explain: {
      4: "missing: no value",
      5: "partial: a range only partly inside",
      6: "unreadable: a value that could not be read",
    },
  });
  return [
    section(
      style,
      "Lead definition",
      "each entry into a defined stage judged at its instant; lead fields as exported, no field history",
      main,
    ),
    section(style, "Why entries did not meet it", "an entry may fail several criteria", why),
  ].join("\n\n");
}

function leakageTable(d: DefinitionsSection, style: Style, minSample: number): string {
  const hs = d.leakage;
  if (hs.length === 0) return "";
  const body = handoffTable(style, hs, ["stage", (h) => h.stage], minSample);
  return section(
    style,
    "Marketing's pass clock",
    "from the first instant a lead met the definition to its entry into the stage; compliance = met ÷ (met + late + missed)",
    body,
  );
}

/** One side of the split: its decided entries, acceptance (with † under min_sample decided), interval, conversion. */
const side = (label: string, o: OutcomeRates, minSample: number) => [
  label,
  count(o.decided),
  count(o.accepted),
  rate(o.rate, o.decided < minSample),
  interval(o.low, o.high),
  rate(o.conversion, o.converted_decided < minSample),
];

function validityTables(d: DefinitionsSection, style: Style, minSample: number): string {
  if (d.validity.length === 0) return "";
  const rows = d.validity.flatMap((v) => [
    [v.stage, ...side("met", v.met, minSample), points(v.difference)],
    ["", ...side("not met", v.not_met, minSample), ""],
  ]);
  const stages = d.validity
    .map(
      (v) =>
        `${v.stage}: accepted = reached ${v.accepted_stage ?? "–"}, converted = reached ${v.converted_stage}`,
    )
    .join("; ");
  const main = fitTable(style, {
    head: [
      "stage",
      "definition",
      "decided",
      "accepted",
      "acceptance",
      "95% interval",
      "conversion",
      "difference",
    ],
    rows,
    align: ["left", "left"],
    drop: [6, 3, 5],
    marks: smallMark(minSample),
  });
  const crit = d.validity.flatMap((v) =>
    v.criteria.map((c, i) => [
      v.stage,
      printable(validityNames(d, v)[i] ?? c.name),
      count(c.held.decided),
      rate(c.held.rate, c.held.decided < minSample),
      count(c.failed.decided),
      rate(c.failed.rate, c.failed.decided < minSample),
      `${points(c.difference)}${c.contradicted ? ` ${style.chalk.red("✗")}` : ""}`,
    ]),
  );
  const byCriterion = fitTable(style, {
    head: ["stage", "criterion", "held", "accepted", "failed", "accepted", "difference"],
    rows: crit,
    align: ["left", "left"],
    wrap: 1,
    drop: [0, 4, 2],
    explain: { 2: "held, failed: decided entries where the criterion held, failed" },
    marks: { "✗": CONTRADICTED, ...smallMark(minSample) },
  });
  return [
    section(
      style,
      "Does the definition predict acceptance",
      `decided entries; difference = met − not met acceptance; ${stages}`,
      main,
    ),
    section(style, "Each criterion against acceptance", "", byCriterion),
  ].join("\n\n");
}

function groupTables(d: DefinitionsSection, style: Style): string[] {
  return dimensionsOf(d.stages).flatMap((dim) =>
    d.stages.flatMap((s) => {
      const all = s.by.find((b) => b.dimension === dim)?.groups ?? [];
      if (all.length === 0) return [];
      const week = dim === "week";
      const shown = week ? all.slice(-SHOWN_GROUPS) : all.slice(0, SHOWN_GROUPS);
      const rows = shown.map((g) => [
        printable(g.key),
        count(g.entries),
        count(g.met),
        pct(g.rate),
        printable(g.top_failed ?? "–"),
      ]);
      const body = fitTable(style, {
        head: [dim, "entries", "met", "rate", "most failed"],
        rows,
        align: ["left", "right", "right", "right", "left"],
        wrap: 4,
        drop: [2],
      });
      const cut =
        all.length > shown.length
          ? `${week ? "the last" : "the first"} ${shown.length} of ${count(all.length)}; the CSV and JSON list all`
          : "";
      return [section(style, `${s.stage} definition by ${dim}`, cut, body)];
    }),
  );
}

function engagementsLine(d: DefinitionsSection, style: Style): string {
  const e = d.engagements;
  const types = e.by_type.map((t) => `${printable(t.type)} ${count(t.count)}`).join(", ");
  return section(
    style,
    "Engagements read",
    "",
    wrap(
      `${count(e.engagements)} on ${count(e.leads_with)} leads${types ? `: ${types}` : ""}`,
      style.width,
      "  ",
    ),
  );
}

/** Nothing without a definitions section (the section is then not shown at all). */
export function definitionsTables(r: Report, style: Style): string {
  const d = r.definitions;
  if (!d) return "";
  const check =
    d.stages.length === 0
      ? `${style.chalk.bold("Lead definition")}: no stage defined (definitions: in the SLA file)`
      : checkTable(d, style);
  return [
    check,
    leakageTable(d, style, r.confidence.min_sample),
    validityTables(d, style, r.confidence.min_sample),
    ...groupTables(d, style),
    engagementsLine(d, style),
  ]
    .filter(Boolean)
    .join("\n\n");
}
