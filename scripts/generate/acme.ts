/** The Acme Analytics generator: CRM export rows streamed lead by lead, then the manifest. */

/*
 * A pure, seeded generator for a fictional B2B analytics SaaS vendor. It yields one block per lead so
 * callers can stream millions of leads to disk in O(1) memory (apart from the small anomaly plan and an
 * hour-by-hour arrival table), and returns the manifest.
 */
import {
  type AnomalyPlan,
  emptyPlan,
  FORCED_KINDS,
  leadIdOf,
  orphanIdOf,
  planAnomalies,
} from "./anomalies.js";
import { engagementRows } from "./engagements.js";
import { type Journey, type StageEvent, walkJourney } from "./journey.js";
import { buildLeadCalendar, creationInstant, type LeadCalendar } from "./lead-calendar.js";
import { type FunnelManifest, type FunnelTotals, manifestOf, newTotals, tally } from "./manifest.js";
import { opportunityRows, outboundRows } from "./opportunities.js";
import { PERSON_SPACE, type Person, personFor } from "./people.js";
import { orphanRows, plantInHistory, plantInLead } from "./planted-rows.js";
import { deriveSeed, Rng } from "./random.js";
import { campaignName, LEAD_SOURCES, ownerName, REPS, ROUTING_QUEUE, TEAM_MEMBERS } from "./sales-org.js";
import { addWorkingTime, ROUTING_CALENDAR } from "./working-time.js";
import { formatLocal, formatUtc, HOUR, localParts, MINUTE, zoneOffsetMinutes } from "./zone-time.js";

/** Share of leads created in the routing queue (planted leads and late leads excepted). */
export const QUEUE_SHARE = 0.35;

/** What to generate. Dates are local calendar dates (`YYYY-MM-DD`, inclusive) in `timezone`. */
export interface FunnelOptions {
  seed: number;
  leads: number;
  start: string;
  end: string;
  timezone: string;
  /** Plant data problems (default true). */
  junk?: boolean;
  /** Extra stage-history rows per lead, on average: re-logged statuses (default 0; see density.ts). */
  extraHistory?: number;
  /** Extra activities per lead, on average: follow-up touches (default 0; see density.ts). */
  extraTouches?: number;
  /** Extra engagements per lead, on average (default 0; see engagement-touches.ts). */
  extraEngagements?: number;
}

/** The rows of one lead (usually one lead row; two for a duplicated id, none for a deleted lead). */
export interface FunnelBlock {
  leads: string[][];
  history: string[][];
  activities: string[][];
  /** The routing of a lead created in the queue (at most one row). */
  ownerHistory: string[][];
  /** Marketing engagements (engagements.csv). */
  engagements: string[][];
  /** Opportunities (Opportunity.csv). */
  opportunities: string[][];
}

interface Setup {
  calendar: LeadCalendar;
  plan: AnomalyPlan;
}

function setup(options: FunnelOptions): Setup {
  const { seed, leads, timezone } = options;
  if (!Number.isInteger(seed)) throw new RangeError(`The seed must be an integer, got ${seed}`);
  if (!Number.isInteger(leads) || leads < 1 || leads > PERSON_SPACE) {
    throw new RangeError(`The number of leads must be an integer from 1 to ${PERSON_SPACE}, got ${leads}`);
  }
  zoneOffsetMinutes(timezone, 0);
  const calendar = buildLeadCalendar(options.start, options.end, timezone);
  const createdAt = (i: number) => creationInstant(calendar, seed, i, leads);
  const plan =
    options.junk === false ? emptyPlan(leads) : planAnomalies(seed, leads, createdAt, calendar.cutoffMs);
  return { calendar, plan };
}

/**
 * The manifest for `options`. The planted problems are known up front, but the totals (routing,
 * scheduled activities, missing reasons) are counted, so this generates (and drops) all the data.
 */
export function funnelManifest(options: FunnelOptions): FunnelManifest {
  const funnel = generateFunnel(options);
  for (;;) {
    const step = funnel.next();
    if (step.done === true) return step.value;
  }
}

/** The rows of reps.csv (without header). */
export function repRows(): string[][] {
  return REPS.map((r) => [r.name, r.team, r.timeZone, r.email]);
}

const SOURCE_WEIGHTS = LEAD_SOURCES.map((s) => [s, s.share] as const);

/** When the routing desk assigns a lead created at `created`: minutes of its business hours later. */
function routingTime(rng: Rng, created: number, zone: string): number {
  const delay = Math.min(Math.max(rng.lognormal(12 * MINUTE, 0.9), MINUTE), 3 * HOUR);
  return addWorkingTime(created, delay, zone, ROUTING_CALENDAR);
}

/** What every lead's block is made from: the options, the plan, and the counters that run across leads. */
interface Run {
  seed: number;
  count: number;
  zone: string;
  calendar: LeadCalendar;
  plan: AnomalyPlan;
  extraHistory: number;
  extraTouches: number;
  extraEngagements: number;
  /** The next rep of each team in the round-robin. */
  cursor: Record<"East" | "West", number>;
  /** The next activity id. */
  activityId: () => string;
  /** The next engagement id. */
  engagementId: () => string;
  /** No engagement before the first lead's creation (the data's earliest time stamp stays). */
  floor: number;
}

/** Ids `P-0000001`, `P-0000002`, … wide enough for `most` of them. */
function counter(prefix: string, most: number): () => string {
  const width = Math.max(7, String(most).length);
  let n = 0;
  return () => `${prefix}-${String(++n).padStart(width, "0")}`;
}

function startRun(options: FunnelOptions): Run {
  const { seed, leads: count, timezone: zone } = options;
  const { calendar, plan } = setup(options);
  const extraHistory = options.extraHistory ?? 0;
  const extraTouches = options.extraTouches ?? 0;
  const extraEngagements = options.extraEngagements ?? 0;
  if (!(extraHistory >= 0 && extraTouches >= 0 && extraEngagements >= 0))
    throw new RangeError("Extra history rows, touches and engagements per lead must be at least 0");
  const activityId = counter("A", count * Math.ceil(4 + 2 * extraTouches));
  const engagementId = counter("E", count * Math.ceil(12 + 2 * extraEngagements));
  const cursor = { East: 0, West: 0 };
  const floor = creationInstant(calendar, seed, 0, count);
  const ids = { activityId, engagementId };
  const extras = { extraHistory, extraTouches, extraEngagements };
  return { seed, count, zone, calendar, plan, ...extras, cursor, ...ids, floor };
}

/**
 * Yields the blocks of lead rows, stage history, activities and routings, in lead-id order, and
 * returns the manifest when done.
 */
export function* generateFunnel(options: FunnelOptions): Generator<FunnelBlock, FunnelManifest, undefined> {
  const run = startRun(options);
  const totals = newTotals();
  for (let index = 0; index < run.count; index++) {
    const { block, created } = leadBlock(run, index, totals);
    block.opportunities = opportunityRows(run.seed, run.zone, block, totals.opportunities);
    tally(totals, block);
    yield block;
    const orphan = run.plan.orphans.get(index);
    if (orphan === undefined) continue;
    const rows = orphanRows(orphan, orphanIdOf(run.plan, index), created, run.calendar.cutoffMs, run.zone);
    const activities = rows.activities.map((row) => [run.activityId(), ...row]);
    const extra = {
      leads: [],
      history: rows.history,
      activities,
      ownerHistory: [],
      engagements: [],
      opportunities: [],
    };
    tally(totals, extra);
    yield extra;
  }
  const { startMs, cutoffMs } = run.calendar;
  const outbound = outboundRows(run.seed, run.zone, startMs, cutoffMs, totals.opportunities);
  yield {
    leads: [],
    history: [],
    activities: [],
    ownerHistory: [],
    engagements: [],
    opportunities: outbound,
  };
  return manifestOf(run.plan, run.seed, run.count, totals);
}

/** Lead `index` drawn from its random stream: who, from which source, owned by whom, routed when. */
function drawLead(run: Run, index: number) {
  const { seed, count, zone, calendar, plan, cursor } = run;
  const rng = new Rng(deriveSeed(seed, 0x1ead, index));
  const created = creationInstant(calendar, seed, index, count);
  const planted = plan.leads.get(index);
  const person: Person =
    planted?.kind === "sharedEmail" ? personFor(seed, planted?.other ?? 0) : personFor(seed, index);
  const source = rng.weighted(SOURCE_WEIGHTS);
  const local = localParts(created, zone);
  const campaign = campaignName(rng.pick(source.campaigns), local.year, local.month);
  const team = TEAM_MEMBERS[person.territory];
  if (rng.chance(0.1)) cursor[person.territory]++;
  const owner = team[cursor[person.territory]++ % team.length] as number;
  // Routing has its own random stream, so the decision does not disturb the rest of the lead.
  const routing = new Rng(deriveSeed(seed, 0x9e0e, index));
  const queued = routing.chance(QUEUE_SHARE);
  const routedAt = routingTime(routing, created, zone);
  const assignedAt = queued && planted === undefined && routedAt < calendar.cutoffMs ? routedAt : undefined;
  return { rng, created, planted, person, source, campaign, owner, assignedAt };
}

/** The stage walk of a drawn lead, with the extra rows of a denser data set when asked for. */
function walkLead(run: Run, index: number, lead: ReturnType<typeof drawLead>): Journey {
  const { extraHistory, extraTouches } = run;
  const kind = lead.planted?.kind;
  return walkJourney({
    rng: lead.rng,
    createdAt: lead.created,
    owner: lead.owner,
    assignedAt: lead.assignedAt,
    quality: lead.source.quality,
    instantMql: lead.source.instantMql,
    zone: run.zone,
    extras:
      (extraHistory > 0 || extraTouches > 0) && lead.planted === undefined
        ? {
            // Their own stream: the walk draws the same numbers with or without extras.
            rng: new Rng(deriveSeed(run.seed, 0xde75, index)),
            history: extraHistory,
            touches: extraTouches,
            cutoff: run.calendar.cutoffMs,
          }
        : undefined,
    mode:
      kind !== undefined && FORCED_KINDS.has(kind)
        ? "forced"
        : kind === "placeholderName"
          ? "test-record"
          : "natural",
  });
}

/** The rows of lead `index`, planted problems applied, and its creation instant. */
function leadBlock(run: Run, index: number, totals: FunnelTotals): { block: FunnelBlock; created: number } {
  const { zone, calendar } = run;
  const drawn = drawLead(run, index);
  const { created, planted, person, source, assignedAt, owner } = drawn;
  const kind = planted?.kind;
  const journey = walkLead(run, index, drawn);
  const id = leadIdOf(run.plan, index);
  const lead = plantInLead(planted, [
    id,
    formatLocal(created, zone, "T"),
    person.firstName,
    person.lastName,
    person.email,
    person.company,
    person.title,
    person.companySize,
    person.country,
    source.name,
    drawn.campaign,
    assignedAt === undefined ? ownerName(owner) : ROUTING_QUEUE,
  ]);
  const history = journey.history;
  if (kind === "beforeCreation") (history[0] as StageEvent).at = created - (planted?.other ?? 0);
  if (kind === "backwardMove") {
    const sql = history[2] as StageEvent;
    const at = sql.at + (planted?.other ?? 0);
    history.push({ at, status: "Marketing Qualified", owner: sql.owner, reason: "" });
  }
  const historyRows = plantInHistory(
    planted,
    history
      .filter((e) => e.at < calendar.cutoffMs)
      .map((e) => [id, e.status, formatUtc(e.at), ownerName(e.owner), e.reason]),
  );
  const activityRows = journey.activities
    .filter((a) => a.at < calendar.cutoffMs)
    .map((a) => [run.activityId(), id, ownerName(a.owner), a.type, a.status, formatLocal(a.at, zone, " ")]);
  if (kind === "badActivityTimestamp") (activityRows[0] as string[])[5] = planted?.detail ?? "";
  const engagements = engagementRows(
    { seed: run.seed, index, id, created, person, source: source.name, campaign: drawn.campaign },
    {
      planted: planted !== undefined,
      history,
      cutoff: calendar.cutoffMs,
      floor: run.floor,
      extra: run.extraEngagements,
    },
    { email: lead[4] as string, nextId: run.engagementId, truth: totals.definition },
  );
  const block = {
    leads: kind === "duplicateLeadId" ? [lead, [...lead]] : [lead],
    history: historyRows,
    activities: activityRows,
    ownerHistory:
      assignedAt === undefined ? [] : [[id, ownerName(owner), formatLocal(assignedAt, zone, " ")]],
    engagements,
    opportunities: [] as string[][],
  };
  return { block, created };
}

/** Generates everything into memory (for tests and small data sets). */
export function collectFunnel(options: FunnelOptions): {
  leads: string[][];
  history: string[][];
  activities: string[][];
  ownerHistory: string[][];
  engagements: string[][];
  reps: string[][];
  manifest: FunnelManifest;
} {
  const out = {
    leads: [] as string[][],
    history: [] as string[][],
    activities: [] as string[][],
    ownerHistory: [] as string[][],
    engagements: [] as string[][],
  };
  const funnel = generateFunnel(options);
  for (;;) {
    const step = funnel.next();
    if (step.done === true) return { ...out, reps: repRows(), manifest: step.value };
    out.leads.push(...step.value.leads);
    out.history.push(...step.value.history);
    out.activities.push(...step.value.activities);
    out.ownerHistory.push(...step.value.ownerHistory);
    out.engagements.push(...step.value.engagements);
  }
}
