/**
 * What an activity row needs beyond its cells: its type (Salesforce's Type is often empty, so
 * TaskSubtype and CallType stand in) and its lead when the row names it by e-mail.
 */

import { finding } from "../findings.js";
import type { Place } from "../types.js";
import { cell } from "./columns.js";
import type { RowContext } from "./events.js";

/** An e-mail address as leads are joined by it: trimmed, lower-case. */
export const emailKey = (email: string) => email.trim().toLowerCase();

/** The one lead with this e-mail, or null after a finding: no lead has it, or several do (never a guess). */
export function leadOfEmail(ctx: RowContext, place: Place, what: string, email: string): string | null {
  const ids = ctx.leadsByEmail?.(emailKey(email)) ?? [];
  if (ids.length === 1) return ids[0] as string;
  if (ids.length === 0)
    ctx.findings.push(
      finding("unknown_lead", place, `${what} for e-mail ${email}, which no lead in the leads file has`, {
        value: email,
      }),
    );
  else
    ctx.findings.push(
      finding(
        "ambiguous_email",
        place,
        `${what} for e-mail ${email}, which ${ids.length} leads share (${ids.slice(0, 3).join(", ")})`,
        { value: email },
      ),
    );
  return null;
}

/** The type of an activity row: the first filled type column, else a call when a call direction (CallType) is given. */
export function activityType(cells: readonly string[], index: Record<string, number[]>): string | null {
  return cell(cells, index, "type") ?? (cell(cells, index, "call_type") === null ? null : "Call");
}

/** The type columns the file has ("column Type, TaskSubtype"), or the candidates tried when its header is not at hand. */
export function typeColumns(ctx: RowContext): string {
  const at = [...(ctx.index.type ?? []), ...(ctx.index.call_type ?? [])];
  const { header } = ctx;
  if (header) return at.length === 0 ? "no type column" : `column ${at.map((i) => header[i]).join(", ")}`;
  return `columns ${[...(ctx.source.columns.type ?? []), ...(ctx.source.columns.call_type ?? [])].join(", ")}`;
}

/**
 * When most rows of an activities file have no type, the report must say so up front, naming
 * the column: one warning for the file (the rows themselves are counted as missing_value).
 */
export function untypedWarning(ctx: RowContext, untyped: number, rows: number): void {
  if (rows === 0 || untyped * 2 <= rows) return;
  const file = ctx.source.file.split(/[\\/]/).pop() ?? ctx.source.file;
  ctx.findings.push(
    finding(
      "empty_column",
      { file: ctx.source.file, line: 1 },
      `${untyped} of ${rows} rows of ${file} not used: the type (${typeColumns(ctx)}) is empty`,
      {
        value: "type",
        hint: `map type: to a filled column (Salesforce: TaskSubtype or CallType), or type: "=call" when the file holds only calls`,
      },
    ),
  );
}
