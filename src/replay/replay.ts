/** Groups the dataset by lead, orders each lead's events, and folds them through the stage machine. */

import { finding } from "../findings.js";
import type { Dataset } from "../ingest/dataset.js";
import type {
  Activity,
  Engagement,
  Finding,
  HistoryEvent,
  Lead,
  Millis,
  OwnerSpan,
  SlaConfig,
  Timeline,
} from "../types.js";
import { applyOutcome, applyStage, enterStage, initialState, noteStep } from "./machine.js";
import { compareActivities, compareEngagements, compareEvents, eventRanker } from "./order.js";
import { atCreationDay, dropRepeats } from "./tidy.js";

export { compareActivities };

export interface ReplayResult {
  timelines: Timeline[];
  findings: Finding[];
}

/** Replays every lead of the dataset as of `asOf`; events after it are findings, not counted. */
export function replayAll(
  dataset: Dataset,
  config: SlaConfig,
  asOf: Millis,
  traceLeadId?: string,
): ReplayResult {
  const findings: Finding[] = [];
  const timelines: Timeline[] = [];
  eachTimeline(dataset, config, asOf, findings, (t) => timelines.push(t), traceLeadId);
  return { timelines, findings };
}

/**
 * The timelines of the dataset's leads, given to `visit` one at a time in lead order (a caller
 * that folds each into tallies holds one lead's objects at a time; a callback, not a generator:
 * a million leads' resumptions and result objects cost more than the loop). Findings go to
 * `findings`: rows after as-of first, in reading order, then each lead's as it is replayed.
 */
export function eachTimeline(
  dataset: Dataset,
  config: SlaConfig,
  asOf: Millis,
  findings: Finding[],
  visit: (t: Timeline) => void,
  traceLeadId?: string,
  engagementsAs: EngagementsAs = "rows",
): void {
  lateFindings(dataset, asOf, findings);
  const { leads } = dataset;
  replayLeads(
    { first: 0, count: leads.length, lead: (i) => leads[i] as Lead },
    dataset,
    config,
    asOf,
    findings,
    visit,
    traceLeadId,
    engagementsAs,
  );
}

/**
 * The findings of rows after as-of, in reading order (history, activities, engagements, then leads created
 * after as-of with no history before it): the first findings of a replay, before any lead's.
 */
export function lateFindings(dataset: Dataset, asOf: Millis, findings: Finding[]): void {
  const { history, leads } = dataset;
  const late = (leadId: string, place: Activity["place"], what: string) =>
    findings.push(
      finding("after_as_of", place, `${what} of lead ${leadId} is after the as-of instant`, { leadId }),
    );
  // Does lead i have history before as-of (a lead created after as-of still counts then)?
  const early = new Uint8Array(leads.length);
  history.eachTime((at, lead, row) => {
    if (at > asOf) {
      const e = history.row(row);
      late(e.leadId, e.place, "history row");
    } else if (lead >= 0) early[lead] = 1;
  });
  const { activities, engagements } = dataset;
  activities.eachTime((at, _lead, row) => {
    if (at > asOf) {
      const a = activities.row(row);
      late(a.leadId, a.place, "activity");
    }
  });
  engagements?.eachTime((at, _lead, row) => {
    if (at > asOf) {
      const e = engagements.row(row);
      late(e.leadId, e.place, "engagement");
    }
  });
  // A lead created after as-of is not used, unless its history before as-of already shows it.
  for (let i = 0; i < leads.length; i++) {
    const lead = leads[i] as Lead;
    if (lead.createdAt !== null && lead.createdAt > asOf && !early[i]) late(lead.id, lead.place, "creation");
  }
}

/** A run of the dataset's leads: indexes first … first + count - 1, each given by `lead`. */
export interface LeadRange {
  first: number;
  count: number;
  lead: (index: number) => Lead;
  /** When given, only the leads i with only[i] = 1 are replayed (AuditOptions.onlyGroups). */
  only?: Uint8Array | undefined;
}

/** The timelines of a run of leads, in order, given to `visit` (eachTimeline without the late findings). */
export function replayLeads(
  range: LeadRange,
  rows: Pick<Dataset, "history" | "activities" | "engagements">,
  config: SlaConfig,
  asOf: Millis,
  findings: Finding[],
  visit: (t: Timeline) => void,
  traceLeadId?: string,
  engagementsAs: EngagementsAs = "rows",
): void {
  const { history, activities, engagements } = rows;
  const { only } = range;
  for (let i = range.first; i < range.first + range.count; i++) {
    if (only && !only[i]) continue;
    const lead = range.lead(i);
    const events = history.of(i, asOf);
    const acts = activities.of(i, asOf);
    const traced = lead.id === traceLeadId;
    const instants = engagementsAs === "instants" && !traced;
    const engaged = engagements && !instants ? engagements.of(i, asOf) : [];
    const times = engagements && instants ? engagements.instantsOf(i, asOf) : undefined;
    visit(replayLead(lead, events, acts, config, asOf, findings, traced, engaged, times));
  }
}

/**
 * How a timeline carries the lead's engagements: as rows (objects, for `trace` and tests), or
 * as instants by type only (Timeline.engagementTimes: the audit's tallies, no object per row).
 */
export type EngagementsAs = "rows" | "instants";

interface PerConfig {
  stageIndex: Map<string, number>;
  order: (a: HistoryEvent, b: HistoryEvent) => number;
}
const perConfig = new WeakMap<SlaConfig, PerConfig>();
/** What every lead's replay needs of the config, built once per config. */
function prepared(config: SlaConfig): PerConfig {
  let p = perConfig.get(config);
  if (!p) {
    p = {
      stageIndex: new Map(config.stages.map((s) => [s.id, s.index])),
      order: compareEvents(eventRanker(config)),
    };
    perConfig.set(config, p);
  }
  return p;
}

/**
 * One lead's timeline: its journeys, owners over time and activities, as of `asOf`. The lists
 * given are the lead's own (replayAll builds them) and are sorted in place; the engagements
 * as rows, or as instants by type (engagementTimes, EngagementRows.instantsOf) with no rows.
 */
export function replayLead(
  lead: Lead,
  leadEvents: HistoryEvent[],
  leadActivities: Activity[],
  config: SlaConfig,
  asOf: Millis,
  findings: Finding[],
  trace = false,
  leadEngagements: Engagement[] = [],
  engagementTimes?: ReadonlyMap<string, readonly Millis[]>,
): Timeline {
  const { stageIndex, order } = prepared(config);
  let ordered = dropRepeats(leadEvents.sort(order), findings);
  if (lead.createdAt !== null && ordered[0] && ordered[0].at < lead.createdAt)
    ordered = atCreationDay(ordered, lead.createdAt, config.timezone, order);
  const state = initialState(lead.id, trace);
  const owners: OwnerSpan[] = [];
  const setOwner = (owner: string | null, from: Millis, place: OwnerSpan["place"]) => {
    const last = owners[owners.length - 1];
    if (last && last.owner === owner) return false;
    // Two owners at one instant: the later in replay order wins; it may restore the one before.
    if (last && last.from === from) owners.pop();
    if (owners[owners.length - 1]?.owner === owner) return true;
    owners.push({ owner, from, place });
    return true;
  };

  // The creation enters the first stage; an event dated earlier moves the creation back to it.
  let created = lead.createdAt;
  const first = ordered[0];
  if (first && (created === null || first.at < created)) {
    if (created !== null)
      findings.push(
        finding(
          "before_created",
          first.place,
          `event of lead ${lead.id} is dated before the lead was created`,
          { leadId: lead.id },
        ),
      );
    created = first.at;
  }
  if (created !== null && created > asOf) created = null; // created after as-of, with nothing before
  if (created !== null) {
    setOwner(lead.owner, created, lead.place);
    enterStage(state, config, 0, created, lead.place, "created", findings);
  }
  for (const e of ordered) {
    if (e.owner !== null && setOwner(e.owner, e.at, e.place) && state.steps)
      noteStep(state, e.at, e.place, e.kind === "owner" ? "owner change" : e.raw, `owner is now ${e.owner}`);
    if (e.kind === "stage") applyStage(state, config, e, stageIndex.get(e.stage) ?? 0, findings);
    else if (e.kind === "outcome") applyOutcome(state, config, e, findings);
  }
  const activities = leadActivities.sort(compareActivities);
  const engagements = leadEngagements.sort(compareEngagements);
  const { journeys, steps } = state;
  return { lead, journeys, owners, activities, engagements, engagementTimes, steps };
}

/** The owner at instant t: the latest span starting at or before t (the first span before that). */
export function ownerAt(owners: readonly OwnerSpan[], t: Millis): string | null {
  let owner: string | null = owners[0]?.owner ?? null;
  for (const span of owners) {
    if (span.from > t) break;
    owner = span.owner;
  }
  return owner;
}
