/** What the money section needs of the replay: MQL entries per lead group, and the first MQL of leads with opportunities. */

import type { Journey, Lead, Millis, SlaConfig } from "../types.js";
import { NONE } from "./breakdown.js";

/** The stage counted as MQL: the commitments' mql stage, else a stage with id `mql`; -1: none. */
export function mqlIndexOf(config: SlaConfig): number {
  const id = config.commitments?.marketing.mqlStage ?? "mql";
  return config.stages.findIndex((s) => s.id === id);
}

/** The lead groups money is counted for per MQL: "" (all), then source and campaign values. */
export const leadGroups = (lead: Lead): string[] => [
  "",
  `source\u0000${lead.source || NONE}`,
  `campaign\u0000${lead.campaign || NONE}`,
];

export interface MoneyPart {
  mqls: [string, number][];
  firstMql: [string, Millis][];
}

/**
 * Lead after lead: MQL entries in the period per lead group, and for each lead an opportunity
 * names, its first MQL entry (of any journey, up to as-of); mergeable across threads.
 */
export class MoneyTally {
  readonly mqls = new Map<string, number>();
  readonly firstMql = new Map<string, Millis>();
  private readonly mql: number;

  constructor(
    config: SlaConfig,
    private readonly inPeriod: (t: Millis) => boolean,
    private readonly withOpportunities: ReadonlySet<string>,
  ) {
    this.mql = mqlIndexOf(config);
  }

  add(lead: Lead, journeys: readonly Journey[]): void {
    if (this.mql < 0) return;
    let first: Millis | null = null;
    let inPeriod = 0;
    for (const j of journeys) {
      const e = j.entries[this.mql];
      if (e === undefined) continue;
      if (first === null || e.at < first) first = e.at;
      if (this.inPeriod(e.at)) inPeriod++;
    }
    if (inPeriod > 0) for (const g of leadGroups(lead)) this.mqls.set(g, (this.mqls.get(g) ?? 0) + inPeriod);
    if (first !== null && this.withOpportunities.has(lead.id)) this.firstMql.set(lead.id, first);
  }

  part(): MoneyPart {
    return { mqls: [...this.mqls], firstMql: [...this.firstMql] };
  }

  merge(p: MoneyPart): void {
    for (const [g, n] of p.mqls) this.mqls.set(g, (this.mqls.get(g) ?? 0) + n);
    for (const [id, t] of p.firstMql) this.firstMql.set(id, t);
  }
}
