/** Findings aggregated by code: count, the most frequent values, and example places. */

import { compareText } from "../errors.js";
import { FINDING_KINDS, type FindingCode } from "../findings.js";
import { clip, SHOWN } from "../text.js";
import type { Finding } from "../types.js";
import type { FindingRow } from "./types.js";

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;
const EXAMPLES = 5;
const VALUES = 10;

/**
 * One row per finding code, errors first, then by code. `scrub` (--redact) runs on each text
 * before it is clipped to the report's size, so a long value is redacted whole, never by its ends.
 */
export function qualityRows(
  findings: readonly Finding[],
  scrub: (text: string) => string = (t) => t,
): FindingRow[] {
  const value = (t: string) => clip(scrub(t), SHOWN.value);
  const text = (t: string) => clip(scrub(t), SHOWN.message);
  const byCode = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byCode.get(f.code);
    if (list) list.push(f);
    else byCode.set(f.code, [f]);
  }
  const rows: FindingRow[] = [];
  for (const [code, list] of byCode) {
    const kind = FINDING_KINDS[code as FindingCode];
    list.sort(
      (a, b) =>
        compareText(a.place.file, b.place.file) ||
        a.place.line - b.place.line ||
        compareText(a.message, b.message),
    );
    const values = new Map<string, number>();
    for (const f of list)
      if (f.value !== undefined) {
        const v = value(f.value);
        values.set(v, (values.get(v) ?? 0) + 1);
      }
    rows.push({
      code,
      severity: list[0]?.severity ?? kind.severity,
      title: kind.title,
      hint: kind.hint,
      count: list.length,
      values: [...values.entries()]
        .sort(([va, a], [vb, b]) => b - a || compareText(va, vb))
        .slice(0, VALUES)
        .map(([value, count]) => ({ value, count })),
      examples: list.slice(0, EXAMPLES).map((f) => ({
        file: f.place.file,
        line: f.place.line,
        ...(f.leadId ? { lead: f.leadId } : {}),
        ...(f.value !== undefined ? { value: value(f.value) } : {}),
        message: f.hint && f.hint !== kind.hint ? `${text(f.message)} (${text(f.hint)})` : text(f.message),
      })),
    });
  }
  return rows.sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || compareText(a.code, b.code),
  );
}
