/** The review pack's movers: the reviewed period against the one of the same kind before it. */

import type { AuditOptions } from "../metrics/index.js";
import type { MoversSection } from "../metrics/movers-types.js";
import { type AuditPeriod, buckets, type PeriodKind, periodBuckets } from "../metrics/periods.js";
import type { Report } from "../metrics/types.js";
import type { Millis } from "../types.js";
import { moversAgainst, previousOptions } from "./movers.js";

export interface ReviewSpans {
  /** The reviewed period (the last whole one of the span, else the last), clipped to the span. */
  reviewed: { label: string; from: Millis; to: Millis };
  /** The calendar period of the same kind just before, judged as long after its end as the reviewed one. */
  previous: { from: Millis; to: Millis; asOf: Millis };
}

/**
 * The reviewed period and the one before it, known before the replay (so that the pack's one
 * replay counts the reviewed period's group tallies); null when the span holds no period.
 */
export function reviewSpans(
  period: AuditPeriod,
  kind: PeriodKind,
  zone: string,
  asOf: Millis,
): ReviewSpans | null {
  const list = periodBuckets(period, kind, zone);
  const b = [...list].reverse().find((x) => !x.partial) ?? list[list.length - 1];
  if (!b) return null;
  const reviewed = { label: b.label, from: Math.max(b.from, period.from), to: Math.min(b.to - 1, period.to) };
  const to = b.from - 1;
  const [before] = buckets(to, to, kind, zone);
  const from = before?.from ?? to;
  // As in `audit --movers`: the earlier period read as a report written as long after its end would.
  return { reviewed, previous: { from, to, asOf: asOf - (reviewed.to - to) } };
}

/**
 * The previous period's audit, started now with `start` (a worker's, while this thread replays the
 * pack's span), keeping only its report and group tallies.
 */
export function previousAudit(
  spans: ReviewSpans,
  options: AuditOptions,
  start: (options: AuditOptions) => Promise<{ report: Report }>,
): Promise<{ report: Report }> {
  return start(previousOptions(options, spans.previous));
}

/** The movers section of the pack: the replay's group tallies (the reviewed period) against the previous period's audit. */
export async function reviewMovers(
  report: Report,
  earlier: Promise<{ report: Report }>,
  kind: PeriodKind,
): Promise<MoversSection> {
  const now = report.group_tallies as NonNullable<Report["group_tallies"]>;
  return moversAgainst(now, (await earlier).report, `previous ${kind}`);
}
