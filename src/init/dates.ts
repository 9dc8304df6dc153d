/**
 * The `date_format:` line init writes for a file whose dates are numeric (`06-08-2020 15:38`):
 * the layout the per-column decision finds (src/ingest/date-scan.ts), with how it was decided,
 * or a comment naming the two formats to choose from when the values cannot tell. Pure.
 */

import { UserError } from "../errors.js";
import type { DateColumnTally } from "../ingest/date-layout.js";
import { settleSourceDates } from "../ingest/date-scan.js";
import type { SourceDef, SourceKind } from "../types.js";

/** The lines to add to a drafted source (none when its dates need no format). */
export function dateFormatLines(
  file: string,
  header: readonly string[],
  dates: ReadonlyMap<number, DateColumnTally> | undefined,
  kind: SourceKind,
  hint: string | null,
): string[] {
  if (!dates) return [];
  // Date columns: some values are numeric dates and at least as many fit a date layout as not.
  const columns = new Map(
    [...dates].filter(([, t]) => {
      const c = t.counts;
      const numeric = c.dmy + c.mdy + c.both;
      return numeric > 0 && numeric + c.other >= c.none;
    }),
  );
  if (columns.size === 0) return [];
  const source: SourceDef = {
    kind,
    file,
    path: file,
    columns: {},
    explicit: [],
    preset: null,
    dateFormat: hint,
    dateFormatDeclared: false,
    stagesOptional: false,
    delimiter: null,
    stages: {},
  };
  try {
    const { format, findings } = settleSourceDates(source, "the SLA file", header, columns);
    if (format === null) return [];
    const how = findings[0]?.message.replace(/^column /, "") ?? "";
    return [`date_format: ${JSON.stringify(format)} # decided from the values: ${how}`];
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    const issue = err.issues[0];
    return [`# TODO date_format: ${issue?.message ?? err.message}; ${issue?.hint ?? ""}`];
  }
}
