/** The `date_format:` line init writes for a file whose dates are numeric (`06-08-2020 15:38`). Pure. */

/*
 * The layout the per-column decision finds (src/ingest/date-scan.ts), with how it was decided, or a
 * comment naming the two formats to choose from when the values cannot tell.
 */

import { UserError } from "../errors.js";
import { settleSourceDates, suggestion } from "../ingest/date-scan.js";
import type { DateColumnTally } from "../time/date-layout.js";
import type { SourceDef, SourceKind } from "../types.js";
import { findColumn } from "./detect.js";

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
  if (columns.size === 0) {
    // Year-first values the reader takes only with a format (20190102, 2019/01/02): no doubt to settle.
    const timeColumns = ["created_at", "stage_at", "at"].flatMap((f) => {
      const c = findColumn(header, f);
      return c === undefined ? [] : [header.indexOf(c)];
    });
    for (const [i, t] of dates) {
      if (!timeColumns.includes(i)) continue;
      const format = t.counts.none > t.counts.other ? suggestion(t.examples.none) : null;
      if (format)
        return [
          `date_format: ${JSON.stringify(format)} # decided from the values: "${header[i]}" is written year first (line ${t.examples.none[0]?.line} "${t.examples.none[0]?.text}")`,
        ];
    }
    return [];
  }
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
