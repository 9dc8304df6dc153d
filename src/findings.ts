/** The catalogue of data-quality findings (findings/), and `finding` to make one at a place. */

/**
 * Severity says what happened to the row: error = the row could not be used (it is counted here
 * instead), warning = used but suspicious, info = noted.
 */

import { DEFINITION_KINDS } from "./findings/definition.js";
import type { FindingKind } from "./findings/kind.js";
import { NOT_USED_KINDS } from "./findings/not-used.js";
import { NOTED_KINDS } from "./findings/noted.js";
import { OPPORTUNITY_KINDS } from "./findings/opportunities.js";
import { clip, detach, KEPT } from "./text.js";
import type { Finding, Place } from "./types.js";

export type { FindingKind };

export const FINDING_KINDS: Readonly<
  typeof NOT_USED_KINDS & typeof NOTED_KINDS & typeof DEFINITION_KINDS & typeof OPPORTUNITY_KINDS
> = {
  ...NOT_USED_KINDS,
  ...NOTED_KINDS,
  ...DEFINITION_KINDS,
  ...OPPORTUNITY_KINDS,
} satisfies Record<string, FindingKind>;

export type FindingCode = keyof typeof FINDING_KINDS;

/** A finding of a catalogued kind at a place. */
export function finding(
  code: FindingCode,
  place: Place,
  message: string,
  extra: { value?: string; leadId?: string; column?: number; hint?: string } = {},
): Finding {
  const f: Finding = {
    code,
    severity: FINDING_KINDS[code].severity,
    place,
    // Copied out of the file's text: a finding quoting a cell must not keep the chunk it came from.
    // Clipped longer than a report shows: the report redacts, then clips to its size (quality.ts).
    message: detach(clip(message, KEPT.message)),
    ...extra,
  };
  if (f.value !== undefined) f.value = detach(clip(f.value, KEPT.value));
  if (f.hint !== undefined) f.hint = detach(clip(f.hint, KEPT.message));
  if (f.leadId !== undefined) f.leadId = detach(f.leadId);
  return f;
}
