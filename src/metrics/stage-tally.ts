/** Entries per stage in the period, backfilled and by how many leads: the report's stages table. */

import type { Journey, Millis, SlaConfig } from "../types.js";
import { addCounts } from "./stats.js";
import type { StageRow } from "./types.js";

/** Entries per stage in the period (with how many were backfilled, and by how many leads), lead after lead. */
export class StageTally {
  private readonly entries: number[];
  private readonly backfilled: number[];
  private readonly leads: number[];
  private readonly seen: boolean[];

  constructor(
    private readonly config: SlaConfig,
    private readonly inPeriod: (t: Millis) => boolean,
  ) {
    const zero = () => config.stages.map(() => 0);
    this.entries = zero();
    this.backfilled = zero();
    this.leads = zero();
    this.seen = config.stages.map(() => false);
  }

  /** One lead's journeys. */
  add(journeys: readonly Journey[]): void {
    const { entries, backfilled, leads, seen, inPeriod } = this;
    seen.fill(false);
    for (const j of journeys)
      for (let s = 0; s < entries.length; s++) {
        const e = j.entries[s];
        if (e === undefined || !inPeriod(e.at)) continue;
        entries[s] = (entries[s] as number) + 1;
        if (e.backfilled) backfilled[s] = (backfilled[s] as number) + 1;
        seen[s] = true;
      }
    for (let s = 0; s < seen.length; s++) if (seen[s]) leads[s] = (leads[s] as number) + 1;
  }

  part(): StagePart {
    return { entries: [...this.entries], backfilled: [...this.backfilled], leads: [...this.leads] };
  }

  merge(p: StagePart): void {
    addCounts(this.entries, p.entries);
    addCounts(this.backfilled, p.backfilled);
    addCounts(this.leads, p.leads);
  }

  rows(): StageRow[] {
    return this.config.stages.map((s) => ({
      stage: s.id,
      label: s.label,
      entries: this.entries[s.index] ?? 0,
      backfilled: this.backfilled[s.index] ?? 0,
      leads: this.leads[s.index] ?? 0,
    }));
  }
}

export interface StagePart {
  entries: number[];
  backfilled: number[];
  leads: number[];
}
