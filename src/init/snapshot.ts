/** The draft for a status-only snapshot: an id and a converted flag, no time stamp (docs/definitions.md). */

import { type FileSummary, findColumn, flagValues } from "./detect.js";
import { type DraftOptions, LEAD_FIELDS, q } from "./source-lines.js";

/**
 * A status-only snapshot (docs/definitions.md): a file with an id and a converted flag (0/1,
 * yes/no) and no time stamp. Two stages, the flag's values placed, `snapshot_at` from the file's
 * date; null when no file has that shape.
 */
export function snapshotDraft(files: readonly FileSummary[], options: DraftOptions): string | null {
  for (const f of files) {
    const id = findColumn(f.header, "id");
    const flag = findColumn(f.header, "converted");
    const values = flag === undefined ? null : flagValues(f.values[flag]);
    // A file with a created time is a leads export (draftSla); this one has none to read.
    if (!id || !flag || !values || findColumn(f.header, "created_at")) continue;
    const fields = LEAD_FIELDS.filter((x) => !["id", "created_at", "stage", "stage_at"].includes(x));
    const columns = [
      `id: ${q(id)}`,
      `stage: ${q(flag)}`,
      ...fields.flatMap((field) => {
        const col = findColumn(f.header, field);
        return col ? [`${field}: ${q(col)}`] : [];
      }),
    ];
    const [no, yes] = values;
    const list = (v: string[], none: string) =>
      (v.length ? v : [none]).map((x) => JSON.stringify(x)).join(", ");
    return `${[
      `# yaml-language-server: $schema=${options.schema}`,
      "# Drafted by `funnel-audit init` from a status-only snapshot: no time stamps, a converted flag.",
      "# The figures are the share of leads in each status at snapshot_at: no latency, no period.",
      "version: 1",
      `timezone: ${options.timezone}`,
      `snapshot_at: "${options.writtenOn?.(f.path) ?? "2000-01-01"}" # TODO: the day the file was exported (this is the day it was last written)`,
      "",
      "stages:",
      `  - { id: lead, label: Lead, matches: [${list(no, "0")}] }`,
      `  - { id: converted, label: Converted, matches: [${list(yes, "1")}] }`,
      "",
      "sources:",
      "  leads:",
      `    file: ${q(options.relative(f.path))}`,
      `    encoding: ${f.encoding ?? "utf-8"}`,
      `    columns: { ${columns.join(", ")} }`,
    ].join("\n")}\n`;
  }
  return null;
}
