/** Checks a source's header and, for stage history, its distinct status values, without computing. */

import { UserError } from "../errors.js";
import type { Finding, SlaConfig, SourceDef } from "../types.js";
import { cell, requiredFields } from "./csv/columns.js";
import { pointAtSla, readCsvBatches } from "./csv/read-csv.js";
import { UnreadableInput } from "./csv/row.js";
import { openTable } from "./csv/table.js";
import { decideSourceDates } from "./date-scan-files.js";
import { isStatusField } from "./sources/stage-history.js";
import { buildStageLookup } from "./sources/stage-lookup.js";

export interface SourceCheck {
  source: SourceDef;
  rows: number;
  mapped: Record<string, string>;
  unmapped: string[];
  /** Stage values the SLA does not declare, with their count and a suggestion. */
  unknownStages: { value: string; count: number; suggestion: string | undefined }[];
  error: UserError | null;
}

/** Reads one source: header mapping, row count, undeclared stage values. */
export async function inspectSource(source: SourceDef, config: SlaConfig): Promise<SourceCheck> {
  const findings: Finding[] = [];
  const check: SourceCheck = { source, rows: 0, mapped: {}, unmapped: [], unknownStages: [], error: null };
  try {
    // The same per-column date decision as the audit's: a column it refuses fails validate too.
    await decideSourceDates(source, config.file);
    const table = await openTable(
      source,
      readCsvBatches(source.path, source.file, undefined, source.delimiter, undefined, {
        encoding: source.encoding ?? null,
        findings,
      }),
      requiredFields(source, config),
      findings,
    );
    for (const [field, found] of Object.entries(table.index))
      if (found.length > 0) check.mapped[field] = found.map((i) => table.header[i]).join(" | ");
    check.unmapped = table.unmapped;
    const lookup = buildStageLookup(config);
    const unknown = new Map<string, number>();
    for await (const batch of table.rows)
      for (const row of batch) {
        check.rows++;
        if (source.kind !== "stage_history") continue;
        // Field-history rows of other fields (Owner, created) hold no stage values.
        const field = cell(row.cells, table.index, "field");
        if (field !== null && !isStatusField(field.trim().toLowerCase())) continue;
        const raw = cell(row.cells, table.index, "stage");
        if (raw !== null && lookup.meaning(raw) === undefined) unknown.set(raw, (unknown.get(raw) ?? 0) + 1);
      }
    check.rows += table.dropped();
    check.unknownStages = [...unknown.entries()]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .map(([value, count]) => ({ value, count, suggestion: lookup.suggest(value) }));
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    check.error = err instanceof UnreadableInput ? pointAtSla(err, source, config.file) : err;
  }
  return check;
}
