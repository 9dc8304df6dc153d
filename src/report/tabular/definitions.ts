/** The lead-definition section as plain tables: the check per stage, why entries failed, the pass clock, validity, groups. */

import type { DefinitionsSection } from "../../metrics/definition-types.js";
import type { Report } from "../../metrics/types.js";
import {
  CONTRADICTED,
  criterionName,
  dimensionsOf,
  SHOWN_GROUPS,
  validityNames,
} from "../definitions-view.js";
import { count } from "../format.js";
import { HANDOFF_HEAD, HANDOFF_SHARES, handoffCells } from "./latency.js";
import type { Tabular } from "./shape.js";

/** The id of the group table of one dimension. */
export const groupTableId = (dimension: string) => `definition-by-${dimension}`;

function stagesTable(d: DefinitionsSection): Tabular {
  return {
    id: "definitions",
    section: "definitions",
    title: "Entries meeting the definition",
    note: `${d.definition}; lead fields are judged as the export shows them (no field history)`,
    head: ["stage", "entries", "backfilled", "met", "not_met", "rate"],
    rows: d.stages.map((s) => [s.stage, s.entries, s.backfilled, s.met, s.not_met, s.rate]),
    shares: [5],
  };
}

function criteriaTable(d: DefinitionsSection): Tabular {
  return {
    id: "definition-criteria",
    section: "definitions",
    title: "Why entries did not meet it",
    note: "entries each criterion failed (an exclusion: entries it excluded); an entry may fail several. Of the failures: missing = no value, partial = a range only partly inside, unreadable = a value that could not be read",
    head: ["stage", "criterion", "kind", "failed", "missing", "partial", "unreadable"],
    rows: d.stages.flatMap((s) =>
      s.criteria.map((c) => [
        s.stage,
        criterionName(c),
        c.kind,
        c.failed,
        c.missing,
        c.partial,
        c.unreadable,
      ]),
    ),
    shares: [],
  };
}

function leakageTable(d: DefinitionsSection): Tabular {
  return {
    id: "leakage",
    section: "definitions",
    title: "Marketing's pass clock",
    note: "from the first instant a lead met the stage's definition to its entry into the stage (or a later one), judged like a handoff",
    head: ["stage", ...HANDOFF_HEAD],
    rows: d.leakage.map((h) => [h.stage, ...handoffCells(h)]),
    shares: HANDOFF_SHARES.map((i) => i + 1),
  };
}

function validityTable(d: DefinitionsSection): Tabular {
  return {
    id: "validity",
    section: "definitions",
    title: "Does the definition predict acceptance",
    note: "decided entries (accepted: reached the next stage; rejected: ended by an outcome before it) that met the definition against those that did not, Wilson 95% intervals; difference = met − not met acceptance; conversion: reached the last stage",
    head: [
      "stage",
      "accepted_at",
      "met_decided",
      "met_acceptance",
      "met_acceptance_low",
      "met_acceptance_high",
      "not_met_decided",
      "not_met_acceptance",
      "not_met_acceptance_low",
      "not_met_acceptance_high",
      "difference",
      "converted_at",
      "met_conversion",
      "not_met_conversion",
    ],
    rows: d.validity.map((v) => [
      v.stage,
      v.accepted_stage,
      v.met.decided,
      v.met.rate,
      v.met.low,
      v.met.high,
      v.not_met.decided,
      v.not_met.rate,
      v.not_met.low,
      v.not_met.high,
      v.difference,
      v.converted_stage,
      v.met.conversion,
      v.not_met.conversion,
    ]),
    shares: [3, 4, 5, 7, 8, 9, 12, 13],
  };
}

function criteriaValidityTable(d: DefinitionsSection): Tabular {
  return {
    id: "validity-criteria",
    section: "definitions",
    title: "Each criterion against acceptance",
    note: `decided entries where the criterion held against those where it failed; ${CONTRADICTED}`,
    head: [
      "stage",
      "criterion",
      "held_decided",
      "held_acceptance",
      "held_acceptance_low",
      "held_acceptance_high",
      "failed_decided",
      "failed_acceptance",
      "failed_acceptance_low",
      "failed_acceptance_high",
      "difference",
      "contradicted",
    ],
    rows: d.validity.flatMap((v) =>
      v.criteria.map((c, i) => [
        v.stage,
        validityNames(d, v)[i] ?? c.name,
        c.held.decided,
        c.held.rate,
        c.held.low,
        c.held.high,
        c.failed.decided,
        c.failed.rate,
        c.failed.low,
        c.failed.high,
        c.difference,
        c.contradicted,
      ]),
    ),
    shares: [3, 4, 5, 7, 8, 9],
  };
}

function groupTable(d: DefinitionsSection, dimension: string): Tabular {
  return {
    id: groupTableId(dimension),
    section: "definitions",
    title: `Lead definition by ${dimension}`,
    note: `entries into each defined stage per ${dimension}, and the criterion its not-met entries failed most`,
    head: ["stage", dimension, "entries", "met", "rate", "top_failed"],
    rows: d.stages.flatMap((s) =>
      (s.by.find((b) => b.dimension === dimension)?.groups ?? []).map((g) => [
        s.stage,
        g.key,
        g.entries,
        g.met,
        g.rate,
        g.top_failed,
      ]),
    ),
    shares: [4],
  };
}

function engagementsTable(d: DefinitionsSection): Tabular {
  const e = d.engagements;
  return {
    id: "engagements",
    section: "definitions",
    title: "Engagements read",
    note: `${count(e.engagements)} engagements on ${count(e.leads_with)} leads, by type`,
    head: ["type", "count"],
    rows: e.by_type.map((t) => [t.type, t.count]),
    shares: [],
  };
}

/** None without a definitions section; else the check, the failures, the pass clock, validity, groups, engagements. */
export function definitionsTables(r: Report): Tabular[] {
  const d = r.definitions;
  if (!d) return [];
  return [
    stagesTable(d),
    criteriaTable(d),
    leakageTable(d),
    validityTable(d),
    criteriaValidityTable(d),
    ...dimensionsOf(d.stages).map((dim) => groupTable(d, dim)),
    engagementsTable(d),
  ];
}

/** A table as a page or a comment shows it: group tables cut (shownGroups), the others whole. */
export const forPage = (t: Tabular): Tabular => (t.id.startsWith("definition-by-") ? shownGroups(t) : t);

/**
 * A group table cut to SHOWN_GROUPS rows per stage (the groups with the most entries; the last
 * weeks for `week`), its note saying how many were left out.
 */
export function shownGroups(t: Tabular, n = SHOWN_GROUPS): Tabular {
  const byStage = new Map<unknown, Tabular["rows"]>();
  for (const row of t.rows) byStage.set(row[0], [...(byStage.get(row[0]) ?? []), row]);
  const week = t.head[1] === "week";
  let left = 0;
  const rows = [...byStage.values()].flatMap((list) => {
    left += Math.max(0, list.length - n);
    return week ? list.slice(-n) : list.slice(0, n);
  });
  if (left === 0) return t;
  const which = week ? `the last ${n} weeks` : `the ${n} with the most entries`;
  return { ...t, rows, note: `${t.note}; ${which} per stage (${left} more in the CSV and JSON reports)` };
}
