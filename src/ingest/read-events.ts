/** The event steps of a read: stage history, owner history, stage dates and statuses, then the activities. */

import { finding } from "../findings.js";
import type { LeadIndex } from "../parallel/rows.js";
import type { Activity, Finding, HistoryEvent, Lead } from "../types.js";
import { type LeadsRead, wideContext } from "./read-leads.js";
import type { ContextOf, Reading } from "./reading.js";
import { type ActivitySink, activitiesReader } from "./sources/activities.js";
import { ActivityReducer } from "./sources/activity-reduce.js";
import { ownerHistoryReader } from "./sources/owner-history.js";
import type { LeadLookup } from "./sources/rows.js";
import { ingestStageDates } from "./sources/stage-dates.js";
import { historyReader } from "./sources/stage-history.js";
import type { StageLookup } from "./sources/stage-lookup.js";
import type { TimeSpan } from "./span.js";
import { ActivityRows } from "./store/activity-rows.js";
import { History } from "./store/history.js";
import type { StringIndex } from "./store/string-index.js";

/** The leads, and how a row finds its lead and its context (index.ts). */
export interface Joined {
  leads: LeadsRead;
  leadIndex: StringIndex;
  lookup: LeadLookup;
  /** The lead any id of the files means (leadResolver over lookup). */
  resolve: (id: string) => string | null;
  byIndex: LeadIndex;
  contextOf: ContextOf;
}

const meaningOf = (e: HistoryEvent) =>
  e.kind === "stage" ? e.stage : e.kind === "outcome" ? e.outcome : "owner";
const eventRaw = (e: HistoryEvent) => (e.kind === "owner" ? e.owner : e.raw);

/**
 * The history of every lead: its stage-history and owner-history files, its stage-date files,
 * then the leads file's own stage dates, and its current status where nothing else says more.
 */
export async function readHistory(r: Reading, lookup: StageLookup, j: Joined): Promise<History> {
  const { sources } = r.config;
  const { sorted } = j.leads;
  const history = new History(j.leadIndex, sorted.length, (i) => (sorted[i] as Lead).id);
  const keep = (e: HistoryEvent) => history.push(e);
  if (sources.stage_history)
    await r.readRows(sources.stage_history, j.contextOf, j.byIndex, (ctx) =>
      historyReader(ctx, lookup, history, keep),
    );
  if (sources.owner_history)
    await r.readRows(sources.owner_history, j.contextOf, j.byIndex, (ctx) =>
      ownerHistoryReader(ctx, history, keep),
    );
  for (const source of sources.stage_dates) {
    const table = await r.open(source);
    const result = await ingestStageDates(
      table.rows,
      table.index,
      wideContext(r, source, table),
      j.leadIndex,
    );
    for (const e of result.events) keep(e);
    r.count(source, result.rows);
  }
  // A lead's current status stands in for its history only when it has none (no history row, no date column).
  for (const e of j.leads.events) keep(e);
  statuses(r, j, history, keep);
  return history;
}

function statuses(r: Reading, j: Joined, history: History, keep: (e: HistoryEvent) => void): void {
  const last = history.lastStageRows(j.leads.sorted.length);
  for (const status of j.leads.statuses) {
    const row = last[j.leadIndex.get(status.leadId) ?? -1] ?? -1;
    if (row < 0) keep(status);
    else if (history.meaningOf(row) !== meaningOf(status))
      r.findings.push(
        finding(
          "status_superseded",
          status.place,
          `lead ${status.leadId}'s status "${eventRaw(status)}" is not used: its history ends in ${history.meaningOf(row)}`,
          { leadId: status.leadId, value: eventRaw(status) },
        ),
      );
  }
}

/** Where activities go as they are read: the span, the rows used, and the kept list or the reducer. */
export interface ActivityTarget {
  span: TimeSpan;
  plausible: (t: number) => boolean;
  implausible: (x: { at: number; place: Activity["place"]; leadId: string }) => Finding;
  history: History;
}

/**
 * Activities stream through: the implausible ones become findings, the rest are kept (all of them,
 * or with options.compact only those that can answer an obligation). Returns the findings of
 * implausible rows (placed after the history's), then what is kept.
 */
export async function readActivities(r: Reading, j: Joined, t: ActivityTarget) {
  const { config, options } = r;
  const { sorted } = j.leads;
  const rules = config.handoffs.flatMap((h) => (h.activity ? [h.activity] : []));
  const reducer = options.compact
    ? new ActivityReducer(rules, sorted, j.leadIndex, t.history, options.compact)
    : null;
  const activities = reducer
    ? null
    : new ActivityRows(j.leadIndex, sorted.length, (i) => (sorted[i] as Lead).id);
  const activityFindings: Finding[] = [];
  // A reused object (a worker's rows) is copied where it is kept: a finding, the full list.
  const own = (a: Activity, reused: boolean | undefined) => (reused ? { ...a, place: { ...a.place } } : a);
  // A row naming several leads (HubSpot's "Associated Contact IDs": 3401;3402) gives an activity
  // per lead, one after another: the row is used once.
  let usedFile = "";
  let usedLine = -1;
  const take: ActivitySink = (a, lead, reused) => {
    if (!t.plausible(a.at)) activityFindings.push(t.implausible(own(a, reused)));
    else {
      t.span.see(a.at, a.place);
      if (a.place.line !== usedLine || a.place.file !== usedFile) {
        r.use(a.place.file);
        usedFile = a.place.file;
        usedLine = a.place.line;
      }
      if (reducer) reducer.add(a, lead);
      else activities?.push(own(a, reused));
    }
  };
  for (const source of config.sources.activities)
    await r.readRows(source, j.contextOf, j.byIndex, (ctx) => activitiesReader(ctx, j.byIndex.idOf, take));
  return {
    findings: activityFindings,
    /** Called once the findings are placed: the activities kept, and the owners the reducer saw. */
    finish: () => {
      activities?.group(() => true);
      return {
        kept: reducer ? reducer.result() : (activities as ActivityRows),
        owners: reducer ? [...reducer.owners].sort() : null,
      };
    },
  };
}
