/** Whether two agreements read the data alike (then it is read once), and in what they differ. */

import { comparable } from "../config/diff.js";
import { definitionFields, listFiles } from "../definition/walk.js";
import type { SlaConfig, SourceDef } from "../types.js";

/** A source as reading sees it: where the SLA file names it (its line, its text) does not count. */
const source = (s: SourceDef | null) => {
  if (s === null) return null;
  const { file: _file, declared: _declared, ...rest } = s;
  return rest;
};

/**
 * The parts of an agreement that change what is read (ingest maps raw values to stages while it
 * reads, keeps only the activities a rule can count, reads the fields and lists a definition
 * names, checks the reps' calendars), each named as the output says it. The rest (windows,
 * targets, hours, holidays, commitments, policies, the definition's thresholds) only changes the
 * replay of the same rows.
 */
const READING: [string, (c: SlaConfig) => unknown][] = [
  ["the time zone", (c) => c.timezone],
  ["the stage mapping", (c) => [c.stages, c.outcomes]],
  [
    "the sources",
    (c) => {
      const s = c.sources;
      return [
        source(s.leads),
        source(s.stage_history),
        s.activities.map(source),
        source(s.owner_history),
        source(s.reps),
        s.stage_dates.map(source),
        s.engagements.map(source),
        (s.lookups ?? []).map(source),
        c.references.map((r) => [r.field, source(r.source)]),
      ];
    },
  ],
  ["snapshot_at", (c) => c.snapshotAt],
  // What the definition reads (its fields, its in_file lists), not how it judges them.
  [
    "the fields and lists the definition reads",
    (c) => {
      const d = c.definitions;
      if (d === null) return null;
      const lists = listFiles(d).map((l) => [l.path, l.column]);
      return [definitionFields(d).map((f) => f.field), lists, d.engagementTypes];
    },
  ],
  ["the activities that answer a handoff", (c) => c.handoffs.map((h) => h.activity)],
  ["the calendars' names", (c) => c.calendars.map((cal) => cal.id)],
];

/** The reading parts in which the two agreements differ; none: the dataset is read once for both. */
export function readingDifferences(a: SlaConfig, b: SlaConfig): string[] {
  const text = (x: unknown) => JSON.stringify(comparable(x));
  return READING.filter(([, part]) => text(part(a)) !== text(part(b))).map(([name]) => name);
}
