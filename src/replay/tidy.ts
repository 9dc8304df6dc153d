/** Two corrections to a lead's ordered events before the replay: repeated rows, date-only times. */

/**
 * Two corrections to a lead's ordered events before the replay (docs/definitions.md, Replay
 * rules): a row repeated word for word is one change, and a date without a time on the creation
 * day is that day, not an event before the creation.
 */

import { finding } from "../findings.js";
import { instantOf, wallOf } from "../time/zone.js";
import type { Finding, HistoryEvent, Millis } from "../types.js";

const meaning = (e: HistoryEvent) => (e.kind === "stage" ? e.stage : e.kind === "outcome" ? e.outcome : "");

/** Same file, lead, change, reason, owner and instant: a repeated row (Salesforce field history exports some twice). */
function same(a: HistoryEvent, b: HistoryEvent): boolean {
  if (a.at !== b.at || a.kind !== b.kind || a.owner !== b.owner || a.place.file !== b.place.file)
    return false;
  return (
    a.kind === "owner" ||
    (b.kind !== "owner" && a.raw === b.raw && a.reason === b.reason && meaning(a) === meaning(b))
  );
}

/**
 * The events with each repeat of an identical row left out, and an info finding per repeat.
 * `ordered` is sorted by time, so repeats share a run of equal times. The same array when none.
 */
export function dropRepeats(ordered: HistoryEvent[], findings: Finding[]): HistoryEvent[] {
  let out: HistoryEvent[] | null = null;
  let run = 0;
  for (let i = 0; i < ordered.length; i++) {
    const e = ordered[i] as HistoryEvent;
    const kept: HistoryEvent[] = out ?? ordered;
    const end = out ? out.length : i;
    if (i > 0 && e.at !== (ordered[i - 1] as HistoryEvent).at) run = end;
    let first: HistoryEvent | undefined;
    for (let j = run; j < end && !first; j++) if (same(kept[j] as HistoryEvent, e)) first = kept[j];
    if (!first) {
      out?.push(e);
      continue;
    }
    out ??= ordered.slice(0, i);
    findings.push(
      finding(
        "duplicate_history_row",
        e.place,
        `lead ${e.leadId}: the same change as line ${first.place.line}`,
        {
          leadId: e.leadId,
        },
      ),
    );
  }
  return out ?? ordered;
}

/**
 * Events at 00:00 of the lead's creation day (in `zone`) taken at the creation instant: a stage
 * date written without a time (`2020-06-08`) for a lead created `2020-06-08 15:38` says "that
 * day", not "before the lead existed". Re-sorted with `order` when any moved.
 */
export function atCreationDay(
  ordered: HistoryEvent[],
  created: Millis,
  zone: string,
  order: (a: HistoryEvent, b: HistoryEvent) => number,
): HistoryEvent[] {
  const w = wallOf(created, zone);
  const midnight = instantOf({ ...w, h: 0, mi: 0, s: 0, ms: 0 }, zone);
  if (midnight === created || !ordered.some((e) => e.at === midnight)) return ordered;
  return ordered.map((e) => (e.at === midnight ? { ...e, at: created } : e)).sort(order);
}
