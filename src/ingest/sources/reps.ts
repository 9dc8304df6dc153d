/** Reps file rows -> reps (id, name, team, time zone, calendar), checked against the SLA. */

import { finding } from "../../findings.js";
import { isZone } from "../../time/format.js";
import type { Finding, Rep, SlaConfig, SourceDef } from "../../types.js";
import { cell } from "../csv/columns.js";
import type { TableRow } from "../csv/table.js";

/** Reads every rep; a duplicated id keeps its first row; an unknown zone or calendar is a finding. */
export async function ingestReps(
  rows: AsyncIterable<TableRow[]>,
  index: Record<string, number[]>,
  source: SourceDef,
  config: SlaConfig,
  findings: Finding[],
): Promise<{ reps: Rep[]; rows: number }> {
  const reps = new Map<string, Rep>();
  const calendars = new Set(config.calendars.map((c) => c.id));
  let count = 0;
  for await (const batch of rows)
    for (const { line, cells } of batch) {
      count++;
      const place = { file: source.file, line };
      const id = cell(cells, index, "id");
      if (id === null) {
        findings.push(finding("missing_id", place, "rep row without an id"));
        continue;
      }
      if (reps.has(id)) {
        findings.push(
          finding("duplicate_rep", place, `rep ${id} already read at line ${reps.get(id)?.place.line}`, {
            value: id,
          }),
        );
        continue;
      }
      let timezone = cell(cells, index, "timezone");
      let calendar = cell(cells, index, "calendar");
      if (timezone !== null && !isZone(timezone)) {
        findings.push(
          finding("bad_rep", place, `rep ${id}: unknown time zone "${timezone}"`, { value: timezone }),
        );
        timezone = null;
      }
      if (calendar !== null && !calendars.has(calendar)) {
        findings.push(
          finding("bad_rep", place, `rep ${id}: unknown calendar "${calendar}"`, { value: calendar }),
        );
        calendar = null;
      }
      const full = [cell(cells, index, "first_name"), cell(cells, index, "last_name")].filter(
        (x) => x !== null,
      );
      reps.set(id, {
        id,
        // Salesforce's User object has FirstName and LastName; Name only in some exports.
        name: cell(cells, index, "name") ?? (full.length > 0 ? full.join(" ") : null),
        team: cell(cells, index, "team"),
        timezone,
        calendar,
        place,
      });
    }
  return { reps: [...reps.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), rows: count };
}

/** Every id and name a rep is known by, for matching owner columns. */
export function repNames(reps: readonly Rep[]): Set<string> {
  const names = new Set<string>();
  for (const r of reps) {
    names.add(r.id);
    if (r.name) names.add(r.name);
  }
  return names;
}
