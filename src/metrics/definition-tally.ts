/** The definition's tally: folds one lead at a time, merges across threads, and keeps what the section needs. */

import { type DefinitionContext, instantsByType } from "../definition/evaluate.js";
import type { FieldPlace } from "../definition/lists.js";
import type { Clock } from "../time/clock.js";
import type { HandoffDef, Millis, SlaConfig, Timeline } from "../types.js";
import {
  countEntry,
  type DefinitionPart,
  emptyStage,
  type GroupCounts,
  groupKeys,
  mergeStage,
  type StagePart,
} from "./definition-counts.js";
import {
  type CompiledStage,
  compileStages,
  definitionClocks,
  engagementsOf,
  passObligation,
} from "./definitions.js";
import { HandoffTally } from "./latency.js";
import type { Obligation } from "./obligations.js";
import { type AuditPeriod, type Bucket, periodBuckets } from "./periods.js";

export class DefinitionTally {
  readonly stages: CompiledStage[];
  readonly counts: StagePart[];
  readonly groups: Map<string, Map<string, GroupCounts>>[];
  readonly leakage: (HandoffTally | null)[];
  leadsWith = 0;
  engagements = 0;
  readonly byType = new Map<string, number>();
  private readonly keys: ReturnType<typeof groupKeys>;

  constructor(
    config: SlaConfig,
    ctx: DefinitionContext,
    clockOf: (h: HandoffDef) => Clock,
    private readonly inPeriod: (t: Millis) => boolean,
    private readonly asOf: Millis,
    weeks: readonly Bucket[],
    by: string | undefined,
    /** Each entry's verdict, for the commitment on the share of MQLs that met the definition. */
    private readonly onEntry: (stage: string, at: Millis, met: boolean) => void,
    /** Each leakage obligation in the period, for --check's commitments and `trace`. */
    private readonly onPass: (o: Obligation) => void = () => {},
  ) {
    this.stages = compileStages(config, ctx, clockOf);
    this.counts = this.stages.map((s) => emptyStage(s.parts.length, s.pass !== null));
    this.groups = this.stages.map(() => new Map());
    this.leakage = this.stages.map((s) => (s.pass ? new HandoffTally() : null));
    this.keys = groupKeys(weeks, by);
  }

  /** One lead's timeline. */
  add(t: Timeline): void {
    const byType = t.engagementTimes ?? instantsByType(engagementsOf(t));
    let count = 0;
    for (const [type, list] of byType) {
      count += list.length;
      this.byType.set(type, (this.byType.get(type) ?? 0) + list.length);
    }
    if (count > 0) {
      this.leadsWith++;
      this.engagements += count;
    }
    if (this.stages.length === 0) return;
    let all: Millis[] | null = null;
    const engaged = () => {
      all ??= mergedInstants(byType);
      return all;
    };
    this.stages.forEach((s, i) => {
      const entered = t.journeys.some((j) => {
        const e = j.entries[s.index];
        return e !== undefined && this.inPeriod(e.at);
      });
      if (!entered && s.pass === null) return;
      // Without an entry to count, only where the whole definition holds is needed (the pass clock).
      const judged = s.judge(t.lead, byType, entered);
      for (const j of t.journeys) {
        const e = j.entries[s.index];
        if (e !== undefined && this.inPeriod(e.at)) {
          const met = countEntry(
            this.counts[i] as StagePart,
            this.groups[i] as Map<string, Map<string, GroupCounts>>,
            s,
            t,
            j,
            e,
            judged,
            this.keys,
          );
          this.onEntry(s.def.stage, e.at, met);
        }
        const o = passObligation(s, j, judged, this.asOf, engaged);
        if (o !== null && this.inPeriod(o.entryAt)) {
          this.leakage[i]?.add(o);
          this.onPass(o);
        }
      }
    });
  }

  part(): DefinitionPart {
    return {
      stages: this.counts.map((c, i) => ({
        ...c,
        groups: [...(this.groups[i] as Map<string, Map<string, GroupCounts>>)].map(([d, m]) => [d, [...m]]),
        leakage: this.leakage[i]?.part() ?? null,
      })),
      leadsWith: this.leadsWith,
      engagements: this.engagements,
      byType: [...this.byType],
    };
  }

  merge(p: DefinitionPart): void {
    p.stages.forEach((s, i) => {
      mergeStage(this.counts[i] as StagePart, s);
      const groups = this.groups[i] as Map<string, Map<string, GroupCounts>>;
      for (const [dim, list] of s.groups) {
        let byKey = groups.get(dim);
        if (!byKey) {
          byKey = new Map();
          groups.set(dim, byKey);
        }
        for (const [key, g] of list) {
          const have = byKey.get(key);
          if (!have) byKey.set(key, { entries: g.entries, met: g.met, failed: [...g.failed] });
          else {
            have.entries += g.entries;
            have.met += g.met;
            g.failed.forEach((n, k) => {
              have.failed[k] = (have.failed[k] as number) + n;
            });
          }
        }
      }
      if (s.leakage) this.leakage[i]?.merge(s.leakage);
    });
    this.leadsWith += p.leadsWith;
    this.engagements += p.engagements;
    for (const [type, n] of p.byType) this.byType.set(type, (this.byType.get(type) ?? 0) + n);
  }
}

/** Every instant of the lead's engagements, in time order. */
function mergedInstants(byType: ReadonlyMap<string, readonly Millis[]>): Millis[] {
  const out: Millis[] = [];
  for (const list of byType.values()) for (const at of list) out.push(at);
  return byType.size > 1 ? out.sort((a, b) => a - b) : out;
}

/** The definition's tally when the SLA defines a stage or reads engagements (null otherwise). */
export function definitionTally(
  config: SlaConfig,
  frame: {
    period: AuditPeriod;
    asOf: Millis;
    by: string | undefined;
    lists: [string, string[]][] | undefined;
    fields: Record<string, FieldPlace> | undefined;
  },
  contextFor: (h: HandoffDef) => { clockFor: (owner: string | null) => Clock },
  onEntry: (stage: string, at: Millis, met: boolean) => void,
  onPass: (o: Obligation) => void,
): DefinitionTally | null {
  if (config.definitions === null && config.sources.engagements.length === 0) return null;
  const { period, asOf } = frame;
  const { ctx, clockOf } = definitionClocks(config, frame.lists ?? [], contextFor, frame.fields);
  return new DefinitionTally(
    config,
    ctx,
    clockOf,
    (t) => t >= period.from && t <= period.to,
    asOf,
    periodBuckets(period, "week", config.timezone),
    frame.by,
    onEntry,
    onPass,
  );
}
