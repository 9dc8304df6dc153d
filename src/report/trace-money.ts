/** A traced lead's opportunities as of the trace's instant: text lines, JSON and a table. */

import type { TracedOpportunity } from "../metrics/money.js";
import { formatInstant } from "../time/format.js";
import { amountText } from "./tables/money.js";
import type { Cell } from "./tabular/shape.js";

const where = (p: { file: string; line: number }) => `${p.file}:${p.line}`;

/** The cells of one opportunity: id, created, amount, currency, state, closed, place. */
export function opportunityCells(t: TracedOpportunity, s: (ms: number) => string): Cell[] {
  const o = t.opportunity;
  return [
    o.id,
    s(o.createdAt),
    t.now === null ? "(after as-of)" : t.now.amount === null ? "(no amount)" : amountText(t.now.amount),
    o.currency,
    t.now?.state ?? "(after as-of)",
    t.now?.closedAt == null ? null : s(t.now.closedAt),
    where(o.place),
  ];
}

export const OPPORTUNITY_HEAD = ["opportunity", "created", "amount", "currency", "state", "closed", "place"];

/** The JSON of the lead's opportunities (instants in the SLA's zone). */
export function opportunitiesJson(list: readonly TracedOpportunity[], zone: string) {
  return list.map(({ opportunity: o, now }) => ({
    id: o.id,
    created_at: formatInstant(o.createdAt, zone),
    amount: now?.amount ?? null,
    currency: o.currency,
    state: now?.state ?? null,
    closed_at: now?.closedAt == null ? null : formatInstant(now.closedAt, zone),
    stage: o.stage,
    place: where(o.place),
  }));
}

/** The text lines: a heading, then one line per opportunity. */
export function opportunityLines(
  list: readonly TracedOpportunity[],
  pen: {
    s: (ms: number) => string;
    p: (t: string | null | undefined) => string;
    b: (t: string) => string;
    dim: (t: string) => string;
  },
): string[] {
  const lines = ["", pen.b("Opportunities")];
  if (list.length === 0) lines.push("  none");
  for (const t of list) {
    const [id, created, amount, currency, state, closed, place] = opportunityCells(t, pen.s);
    const close = closed ? ` ${closed}` : "";
    lines.push(
      `  ${pen.p(String(id))}  created ${created}  ${amount}${currency ? ` ${pen.p(String(currency))}` : ""}  ${state}${close}  ${pen.dim(pen.p(String(place)))}`,
    );
  }
  return lines;
}
