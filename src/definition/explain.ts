/** A definition explained at one instant, criterion by criterion, with the rows each read (for `trace`). */

import type { Criterion, Engagement, Lead, Millis, Place, StageDefinition } from "../types.js";
import {
  type DefinitionContext,
  type FieldTester,
  fieldValue,
  holdingSet,
  instantsByType,
  lookbackEnd,
} from "./evaluate.js";
import { contains } from "./intervals.js";
import { lookupOrigin } from "./lookup-rows.js";

export interface ExplainedCriterion {
  /** 0 for the exclusions and the top rule's members; nested groups' members deeper. */
  depth: number;
  name: string;
  kind: "exclusion" | "fit" | "behaviour" | "all" | "any";
  /** Whether it held at the instant (an exclusion that held fails the entry). */
  held: boolean;
  /** What was read: `title = "VP Sales"`, `2 demo_request in [T − 30d, T] (at least 1)`. */
  detail: string;
  /**
   * The rows read: the lead's row for a fit rule (and the lookup's row its value came from), each
   * engagement counted for a behaviour rule.
   */
  rows: Place[];
}

const STATE_TEXT = {
  held: "",
  failed: "",
  missing: " (empty)",
  partial: " (a range only partly inside)",
  unreadable: " (not a number or a range)",
} as const;

/** Every criterion of a stage's definition at instant t, exclusions first, in the SLA's order. */
export function explainAt(
  def: StageDefinition,
  ctx: DefinitionContext,
  field: FieldTester,
  lead: Lead,
  engagements: readonly Engagement[],
  t: Millis,
): ExplainedCriterion[] {
  const byType = instantsByType(engagements);
  const out: ExplainedCriterion[] = [];
  const visit = (c: Criterion, depth: number, exclusion: boolean) => {
    const held = contains(holdingSet(c, lead, byType, ctx, field), t);
    const kind = exclusion
      ? "exclusion"
      : c.kind === "field"
        ? "fit"
        : c.kind === "engagement"
          ? "behaviour"
          : c.kind;
    if (c.kind === "field") {
      out.push({ depth, name: c.name, kind, held, ...fieldRead(c, ctx, field, lead) });
      return;
    }
    if (c.kind === "engagement") {
      const end = lookbackEnd(c, ctx.clock);
      const counted = engagements.filter((e) => c.types.includes(e.type) && e.at <= t && end(e.at) >= t);
      const window = c.within ? `in the ${c.within.text} before` : "before";
      const detail = `${counted.length} ${c.types.join("|")} ${window} (at least ${c.atLeast})`;
      out.push({ depth, name: c.name, kind, held, detail, rows: counted.map((e) => e.place) });
      return;
    }
    const n = c.of.filter((m) => contains(holdingSet(m, lead, byType, ctx, field), t)).length;
    out.push({
      depth,
      name: c.name,
      kind,
      held,
      detail: `${n} of ${c.of.length} held (${c.kind})`,
      rows: [],
    });
    for (const m of c.of) visit(m, depth + 1, false);
  };
  for (const c of def.exclude) visit(c, 0, true);
  for (const c of def.rule.of) visit(c, 0, false);
  return out;
}

/** What a fit criterion read: the value, and its rows (the lead's, and the lookup row a looked-up value came from). */
function fieldRead(
  c: Extract<Criterion, { kind: "field" }>,
  ctx: DefinitionContext,
  field: FieldTester,
  lead: Lead,
): Pick<ExplainedCriterion, "detail" | "rows"> {
  const v = fieldValue(lead, c.field, ctx.fields);
  const state = field(c, lead);
  const shown = v === null ? "(empty)" : JSON.stringify(v);
  const from = ctx.lookups ? lookupOrigin(ctx.lookups, lead, c.field, ctx.fields) : null;
  const missed =
    from !== null && !("place" in from) ? ` (${from.on} "${from.key}" is no key of ${from.file})` : "";
  return {
    detail: `${c.field} = ${shown}${v === null ? "" : STATE_TEXT[state]}${missed}`,
    rows: from !== null && "place" in from ? [lead.place, from.place] : [lead.place],
  };
}
