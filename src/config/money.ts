/** Schema-valid `money:`, `opportunity_stages:` and opportunity sources -> the typed config (issue 21). */

import { isAbsolute, join } from "node:path";
import type { SlaConfig, SourceDef, SourceKind } from "../types.js";
import { OPPORTUNITY_FIELDS, OPPORTUNITY_HISTORY_FIELDS } from "./fields.js";
import type { Locator } from "./locate.js";
import type { RawSla } from "./schema.js";

/**
 * The stages Salesforce (Closed Won, Closed Lost), HubSpot (closedwon, closedlost; its exports
 * write the labels) and plain files (Won, Lost: Maven's deal_stage) close on.
 */
export const DEFAULT_WON = ["Closed Won", "closedwon", "Won"];
export const DEFAULT_LOST = ["Closed Lost", "closedlost", "Lost"];

type RawOpportunitySource = NonNullable<RawSla["sources"]["stage_dates"]>[number] & {
  columns?: Record<string, string | string[] | undefined>;
  decimal_mark?: "." | ",";
};
type ToSource = (kind: SourceKind, raw: never, fields: readonly string[], baseDir: string) => SourceDef;

const many = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** `sources.opportunities` and `sources.opportunity_history`, each a list (absent: none named). */
export function opportunitySources(
  raw: RawSla,
  baseDir: string,
  toSource: ToSource,
): Pick<SlaConfig["sources"], "opportunities" | "opportunity_history"> {
  const src = raw.sources as unknown as {
    opportunities?: RawOpportunitySource | RawOpportunitySource[];
    opportunity_history?: RawOpportunitySource | RawOpportunitySource[];
  };
  const read = (kind: SourceKind, fields: readonly string[]) => (r: RawOpportunitySource) => {
    const source = toSource(kind, r as never, fields, baseDir);
    source.decimalMark = r.decimal_mark ?? null;
    return source;
  };
  const out: Pick<SlaConfig["sources"], "opportunities" | "opportunity_history"> = {};
  if (src.opportunities !== undefined)
    out.opportunities = many(src.opportunities).map(read("opportunities", OPPORTUNITY_FIELDS));
  if (src.opportunity_history !== undefined)
    out.opportunity_history = many(src.opportunity_history).map(
      read("opportunity_history", OPPORTUNITY_HISTORY_FIELDS),
    );
  return out;
}

/**
 * `money:` (its rates file read later, by load.ts) and `opportunity_stages:` (defaults: the
 * stages the CRMs close on); nothing when the SLA names neither and has no opportunities.
 */
export function moneyKeys(
  raw: RawSla,
  baseDir: string,
  locate?: Locator,
): Pick<SlaConfig, "money" | "opportunityStages"> {
  const r = raw as RawSla & {
    money?: { currency?: string; symbol?: string; rates?: string };
    opportunity_stages?: { won?: string[]; lost?: string[]; open?: string[] };
  };
  const out: Pick<SlaConfig, "money" | "opportunityStages"> = {};
  if (r.money !== undefined) {
    const m = r.money;
    out.money = { currency: m.currency ?? null, symbol: m.symbol ?? null, rates: [] };
    if (m.rates !== undefined) {
      const path = m.rates === "-" || isAbsolute(m.rates) ? m.rates : join(baseDir, m.rates);
      const at = locate?.(["money", "rates"], "value") ?? { line: 0, column: 0 };
      out.money.ratesFile = { file: path, path, line: at.line, column: at.column };
    }
  }
  if (r.opportunity_stages !== undefined || r.sources.opportunities !== undefined) {
    const s = r.opportunity_stages ?? {};
    out.opportunityStages = {
      won: s.won ?? DEFAULT_WON,
      lost: s.lost ?? DEFAULT_LOST,
      open: s.open ?? null,
    };
  }
  return out;
}
