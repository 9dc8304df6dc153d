/** An activity row's type (its first filled type column) and e-mail (as leads are joined by it). */

import { cell } from "../csv/columns.js";

/** An e-mail address as leads are joined by it: trimmed, lower-case. */
export const emailKey = (email: string) => email.trim().toLowerCase();

/** The type of an activity row: the first filled type column, else a call when a call direction (CallType) is given. */
export function activityType(cells: readonly string[], index: Record<string, number[]>): string | null {
  return cell(cells, index, "type") ?? (cell(cells, index, "call_type") === null ? null : "Call");
}
