/** Commitments, both ways, per period: MQL volume and acceptance, handoff targets, reasons. */

/**
 * Commitments, both ways, per period (docs/definitions.md): marketing delivers at least N MQLs
 * and at least a share of them is accepted by sales; sales meets each handoff's target and
 * gives a reason for every recycle or rejection. A volume on a partial period is not judged.
 */

import type { Commitments, Journey, SlaConfig } from "../types.js";
import {
  absorbObligations,
  addObligation,
  complianceOf,
  emptyObligationTally,
  type ObligationPart,
  type ObligationTally,
  obligationPart,
  obligationTallyIn,
} from "./latency.js";
import type { Obligation } from "./obligations.js";
import { type Bucket, bucketOf } from "./periods.js";
import { rate4, ratio } from "./stats.js";
import type { CommitmentRow } from "./types.js";

type Status = CommitmentRow["status"];

/** Commitments whose figure is a volume (MQLs, money), not a share. */
export const isVolume = (commitment: string) =>
  commitment === "mqls" || commitment === "pipeline" || commitment === "revenue";

export function commitmentRow(
  b: Bucket,
  team: "marketing" | "sales",
  commitment: string,
  actual: number | null,
  target: number,
  n: number,
  judge: boolean,
): CommitmentRow {
  const status: Status = !judge
    ? "partial"
    : actual === null
      ? "no_data"
      : actual >= target
        ? "met"
        : "missed";
  return { period: b.label, team, commitment, actual, target, n, status };
}

interface PeriodTally {
  mqls: number;
  accepted: number;
  rejected: number;
  ended: number;
  reasoned: number;
  /** MQL entries judged against the written definition, and those that met it. */
  defined: number;
  definedMet: number;
  /** Per handoff id. */
  obligations: Map<string, ObligationTally>;
}

/** A CommitmentTally as it crosses threads: each period's counts, its obligations by handoff. */
export type CommitmentPart = [
  string,
  Omit<PeriodTally, "obligations"> & { obligations: [string, ObligationPart][] },
][];

/** The commitments' counts per period, as journeys and obligations come. */
export class CommitmentTally {
  private readonly per: Map<string, PeriodTally>;
  private readonly mqlIndex: number;
  private readonly acceptedIndex: number;

  constructor(
    private readonly config: SlaConfig,
    private readonly list: readonly Bucket[],
  ) {
    const c = config.commitments;
    this.mqlIndex = c ? config.stages.findIndex((s) => s.id === c.marketing.mqlStage) : -1;
    this.acceptedIndex = c ? config.stages.findIndex((s) => s.id === c.marketing.acceptedStage) : -1;
    this.per = new Map(
      list.map((b) => [
        b.label,
        {
          mqls: 0,
          accepted: 0,
          rejected: 0,
          ended: 0,
          reasoned: 0,
          defined: 0,
          definedMet: 0,
          obligations: new Map(),
        },
      ]),
    );
  }

  addJourney(j: Journey): void {
    const c = this.config.commitments;
    if (!c) return;
    const { list, per, acceptedIndex } = this;
    const mql = j.entries[this.mqlIndex];
    const b = mql ? bucketOf(list, mql.at) : undefined;
    const t = b && per.get(b.label);
    if (mql && t) {
      t.mqls++;
      // Accepted: reached the accepted stage or beyond; rejected: ended by an outcome before that.
      if (j.entries.some((e, k) => k >= acceptedIndex && e !== undefined)) t.accepted++;
      else if (j.end?.kind === "outcome") t.rejected++;
    }
    const end = j.end;
    const eb =
      end?.kind === "outcome" && end.outcome && c.sales.reasonOutcomes.includes(end.outcome)
        ? bucketOf(list, end.at)
        : undefined;
    const et = eb && per.get(eb.label);
    if (end && et) {
      et.ended++;
      if (end.reason) et.reasoned++;
    }
  }

  /** An entry into a defined stage judged against the definition (counts for the MQL stage only). */
  addDefined(stage: string, at: number, met: boolean): void {
    const c = this.config.commitments;
    if (!c || c.marketing.definition == null || stage !== c.marketing.mqlStage) return;
    const b = bucketOf(this.list, at);
    const t = b && this.per.get(b.label);
    if (!t) return;
    t.defined++;
    if (met) t.definedMet++;
  }

  addObligation(o: Obligation): void {
    if (!this.config.commitments) return;
    const b = bucketOf(this.list, o.entryAt);
    const t = b && this.per.get(b.label);
    if (!t) return;
    addObligation(obligationTallyIn(t.obligations, o.handoff), o, null);
  }

  part(): CommitmentPart {
    return [...this.per].map(([label, t]) => [
      label,
      { ...t, obligations: [...t.obligations].map(([id, o]) => [id, obligationPart(o)]) },
    ]);
  }

  /** Adds another part's counts (its periods are these: the same buckets). */
  merge(part: CommitmentPart): void {
    for (const [label, p] of part) {
      const t = this.per.get(label);
      if (!t) continue;
      t.mqls += p.mqls;
      t.accepted += p.accepted;
      t.rejected += p.rejected;
      t.ended += p.ended;
      t.reasoned += p.reasoned;
      t.defined += p.defined;
      t.definedMet += p.definedMet;
      for (const [id, o] of p.obligations) absorbObligations(obligationTallyIn(t.obligations, id), o);
    }
  }

  /** Every commitment row, period by period, in the order: marketing, then sales. */
  rows(): CommitmentRow[] {
    const { config, list, per } = this;
    const c = config.commitments;
    if (!c) return [];
    const rows: CommitmentRow[] = [];
    for (const b of list) {
      const t = per.get(b.label);
      if (t) rows.push(...marketingRows(c, b, t), ...salesRows(config, c, b, t));
    }
    return rows;
  }
}

/** Marketing's rows of one period: MQLs (a volume: not judged on a partial period), acceptance, the definition. */
function marketingRows(c: Commitments, b: Bucket, t: PeriodTally): CommitmentRow[] {
  const rows: CommitmentRow[] = [];
  const m = c.marketing;
  if (m.mqls !== null) rows.push(commitmentRow(b, "marketing", "mqls", t.mqls, m.mqls, t.mqls, !b.partial));
  const decided = t.accepted + t.rejected;
  if (m.acceptance !== null)
    rows.push(
      commitmentRow(
        b,
        "marketing",
        "acceptance",
        rate4(ratio(t.accepted, decided)),
        m.acceptance,
        decided,
        true,
      ),
    );
  if (m.definition != null)
    rows.push(
      commitmentRow(
        b,
        "marketing",
        "definition",
        rate4(ratio(t.definedMet, t.defined)),
        m.definition,
        t.defined,
        true,
      ),
    );
  return rows;
}

/** Sales' rows of one period: each listed handoff's compliance against its target, then reasons. */
function salesRows(config: SlaConfig, c: Commitments, b: Bucket, t: PeriodTally): CommitmentRow[] {
  const rows: CommitmentRow[] = [];
  for (const id of c.sales.handoffs) {
    const h = config.handoffs.find((x) => x.id === id);
    if (!h) continue;
    const tally = t.obligations.get(id) ?? emptyObligationTally();
    const decided = tally.met + tally.late + tally.missed;
    rows.push(
      commitmentRow(b, "sales", `handoff:${id}`, rate4(complianceOf(tally)), h.target, decided, true),
    );
  }
  if (c.sales.reasons !== null)
    rows.push(
      commitmentRow(b, "sales", "reasons", rate4(ratio(t.reasoned, t.ended)), c.sales.reasons, t.ended, true),
    );
  return rows;
}

/** Every commitment row, period by period, in the order: marketing, then sales. */
export function commitmentRows(
  config: SlaConfig,
  journeys: readonly Journey[],
  obligations: readonly Obligation[],
  list: readonly Bucket[],
): CommitmentRow[] {
  const t = new CommitmentTally(config, list);
  for (const j of journeys) t.addJourney(j);
  for (const o of obligations) t.addObligation(o);
  return t.rows();
}
