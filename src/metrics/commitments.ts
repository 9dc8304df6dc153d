/**
 * Commitments, both ways, per period (docs/definitions.md): marketing delivers at least N MQLs
 * and at least a share of them is accepted by sales; sales meets each handoff's target and
 * gives a reason for every recycle or rejection. A volume on a partial period is not judged.
 */

import type { Journey, SlaConfig } from "../types.js";
import { addObligation, complianceOf, emptyObligationTally } from "./latency.js";
import type { Obligation } from "./obligations.js";
import { type Bucket, bucketOf } from "./periods.js";
import { rate4, ratio } from "./stats.js";
import type { CommitmentRow } from "./types.js";

type Status = CommitmentRow["status"];

function row(
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

/** Every commitment row, period by period, in the order: marketing, then sales. */
export function commitmentRows(
  config: SlaConfig,
  journeys: readonly Journey[],
  obligations: readonly Obligation[],
  list: readonly Bucket[],
): CommitmentRow[] {
  const c = config.commitments;
  if (!c) return [];
  const mqlIndex = config.stages.findIndex((s) => s.id === c.marketing.mqlStage);
  const acceptedIndex = config.stages.findIndex((s) => s.id === c.marketing.acceptedStage);
  const per = new Map(
    list.map((b) => [
      b.label,
      {
        mqls: 0,
        accepted: 0,
        rejected: 0,
        ended: 0,
        reasoned: 0,
        obligations: new Map<string, Obligation[]>(),
      },
    ]),
  );
  for (const j of journeys) {
    const mql = j.entries[mqlIndex];
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
  for (const o of obligations) {
    const b = bucketOf(list, o.entryAt);
    const t = b && per.get(b.label);
    if (!t) continue;
    const listFor = t.obligations.get(o.handoff) ?? [];
    listFor.push(o);
    t.obligations.set(o.handoff, listFor);
  }
  const rows: CommitmentRow[] = [];
  for (const b of list) {
    const t = per.get(b.label);
    if (!t) continue;
    if (c.marketing.mqls !== null)
      rows.push(row(b, "marketing", "mqls", t.mqls, c.marketing.mqls, t.mqls, !b.partial));
    if (c.marketing.acceptance !== null) {
      const decided = t.accepted + t.rejected;
      rows.push(
        row(
          b,
          "marketing",
          "acceptance",
          rate4(ratio(t.accepted, decided)),
          c.marketing.acceptance,
          decided,
          true,
        ),
      );
    }
    for (const id of c.sales.handoffs) {
      const h = config.handoffs.find((x) => x.id === id);
      if (!h) continue;
      const tally = emptyObligationTally();
      for (const o of t.obligations.get(id) ?? []) addObligation(tally, o, null);
      rows.push(
        row(
          b,
          "sales",
          `handoff:${id}`,
          rate4(complianceOf(tally)),
          h.target,
          tally.met + tally.late + tally.missed,
          true,
        ),
      );
    }
    if (c.sales.reasons !== null)
      rows.push(
        row(b, "sales", "reasons", rate4(ratio(t.reasoned, t.ended)), c.sales.reasons, t.ended, true),
      );
  }
  return rows;
}
