/** Data-quality findings as a terminal table. */

import type { FindingRow, Report } from "../../metrics/types.js";
import { count, counted, printable } from "../format.js";
import type { Style } from "../style.js";
import { clip } from "../width.js";
import { fitTable } from "./common.js";

export function qualityTable(r: Report, style: Style): string {
  const q = r.quality;
  const notUsed = r.inputs.files.reduce((n, f) => n + f.not_used, 0);
  const title = `${style.chalk.bold("Data quality")}: ${counted(notUsed, "row")} not used, ${counted(q.warnings, "warning")}, ${counted(q.infos, "note")}`;
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
        .map((v) => `"${printable(v.value)}" ×${v.count}`)
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
  const body = fitTable(style, {
    head: ["severity", "code", "count", "what", "first at"],
    rows,
    align: ["left", "left", "right", "left", "left"],
    wrap: 3,
    // The finding's text reads best wide: "first at" moves under it before it wraps narrower than 56.
    minWrap: 56,
    fold: [4],
  });
  return `${title}\n${body}`;
}
