/**
 * A pure, seeded generator of CRM exports for Acme Analytics, a fictional B2B analytics SaaS vendor.
 * It yields one block per lead so callers can stream millions of leads to disk in O(1) memory
 * (apart from the small anomaly plan and an hour-by-hour arrival table), and returns the manifest.
 */
import {
  type AnomalyPlan,
  emptyPlan,
  FORCED_KINDS,
  leadIdOf,
  orphanIdOf,
  PLACEHOLDERS,
  type PlantedLead,
  planAnomalies,
  STATUS_TYPOS,
} from "./anomalies.js";
import { OUTCOME_OF_STATUS, type StageEvent, walkJourney } from "./journey.js";
import { buildLeadCalendar, creationInstant, type LeadCalendar } from "./lead-calendar.js";
import { type FunnelManifest, type FunnelTotals, manifestOf, newTotals } from "./manifest.js";
import { PERSON_SPACE, type Person, personFor } from "./people.js";
import { deriveSeed, Rng } from "./random.js";
import {
  campaignName,
  LEAD_SOURCES,
  ownerName,
  REPS,
  type Rep,
  ROUTING_QUEUE,
  TEAM_MEMBERS,
} from "./sales-org.js";
import { placeForRep } from "./touches.js";
import { addWorkingTime, lastWorkingMinuteBefore, REP_CALENDAR, ROUTING_CALENDAR } from "./working-time.js";
import { formatLocal, formatUtc, HOUR, localParts, MINUTE, zoneOffsetMinutes } from "./zone-time.js";

/** Column names of the generated files (those of sla.example.yaml, plus ids and extras). */
export const LEADS_HEADER: readonly string[] = [
  "lead_id",
  "created_at",
  "first_name",
  "last_name",
  "email",
  "company",
  "title",
  "company_size",
  "country",
  "lead_source",
  "campaign",
  "owner",
];
export const STAGE_HISTORY_HEADER: readonly string[] = ["lead_id", "status", "changed_at", "owner", "reason"];
export const ACTIVITIES_HEADER: readonly string[] = [
  "activity_id",
  "lead_id",
  "owner",
  "type",
  "status",
  "occurred_at",
];
export const OWNER_HISTORY_HEADER: readonly string[] = ["lead_id", "owner", "assigned_at"];
export const REPS_HEADER: readonly string[] = ["rep", "team", "time_zone", "email"];

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
}

/** The rows of one lead (usually one lead row; two for a duplicated id, none for a deleted lead). */
export interface FunnelBlock {
  leads: string[][];
  history: string[][];
  activities: string[][];
  /** The routing of a lead created in the queue (at most one row). */
  ownerHistory: string[][];
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

/** Applies a planted lead-file problem to a lead row. */
function plantInLead(planted: PlantedLead | undefined, lead: string[]): string[] {
  switch (planted?.kind) {
    case "placeholderName": {
      const fallback = ["Test", "Test", planted.detail, "Test"] as const;
      const [first, last, email, company] = PLACEHOLDERS[planted.other] ?? fallback;
      return [...lead.slice(0, 2), first, last, email, company, "", "", "", ...lead.slice(9)];
    }
    case "invalidEmail":
      return lead.map((v, i) => (i === 4 ? planted.detail : v));
    case "emptyLeadSource":
      return lead.map((v, i) => (i === 9 || i === 10 ? "" : v));
    case "emptyOwner":
      return lead.map((v, i) => (i === 11 ? "" : v));
    case "markupName":
      // A bot fills every free-text field it finds with the probe.
      return lead.map((v, i) => (i === 2 || i === 4 ? planted.detail : v));
    default:
      return lead;
  }
}

/** Applies a planted row-level problem to the quick-path history rows (MQL, SAL, SQL). */
function plantInHistory(planted: PlantedLead | undefined, rows: string[][]): string[][] {
  if (planted?.kind === "statusTypo") {
    const typo = STATUS_TYPOS[planted.other] as (typeof STATUS_TYPOS)[number];
    (rows[typo.row] as string[])[1] = typo.status;
  } else if (planted?.kind === "badHistoryTimestamp") {
    (rows[2] as string[])[2] = planted.detail;
  } else if (planted?.kind === "outOfOrder") {
    [rows[0], rows[1]] = [rows[1] as string[], rows[0] as string[]];
  }
  return rows;
}

/** Adds the final rows of one block to the totals. */
function tally(totals: FunnelTotals, block: FunnelBlock): void {
  totals.queueRoutedLeads += block.ownerHistory.length;
  for (const a of block.activities) if (a[4] === "scheduled") totals.scheduledActivities++;
  for (const h of block.history) {
    const outcome = OUTCOME_OF_STATUS[h[1] as string];
    if (outcome === undefined) continue;
    const missing = h[4] === "" ? 1 : 0;
    totals.outcomesWithoutReason += missing;
    const byOutcome = totals.reasons.byOutcome[outcome];
    byOutcome.rows++;
    byOutcome.withoutReason += missing;
    const rep = h[3] as string;
    const byRep = totals.reasons.byRep[rep] ?? { rows: 0, withoutReason: 0 };
    totals.reasons.byRep[rep] = byRep;
    byRep.rows++;
    byRep.withoutReason += missing;
  }
}

/** When the routing desk assigns a lead created at `created`: minutes of its business hours later. */
function routingTime(rng: Rng, created: number, zone: string): number {
  const delay = Math.min(Math.max(rng.lognormal(12 * MINUTE, 0.9), MINUTE), 3 * HOUR);
  return addWorkingTime(created, delay, zone, ROUTING_CALENDAR);
}

/**
 * Yields the blocks of lead rows, stage history, activities and routings, in lead-id order, and
 * returns the manifest when done.
 */
export function* generateFunnel(options: FunnelOptions): Generator<FunnelBlock, FunnelManifest, undefined> {
  const { seed, leads: count, timezone: zone } = options;
  const { calendar, plan } = setup(options);
  const totals = newTotals();
  const cursor: Record<"East" | "West", number> = { East: 0, West: 0 };
  let activityNo = 0;
  const extraHistory = options.extraHistory ?? 0;
  const extraTouches = options.extraTouches ?? 0;
  if (!(extraHistory >= 0 && extraTouches >= 0))
    throw new RangeError("Extra history rows and touches per lead must be at least 0");
  const activityWidth = Math.max(7, String(count * Math.ceil(4 + 2 * extraTouches)).length);
  const activityId = () => `A-${String(++activityNo).padStart(activityWidth, "0")}`;
  const emit = (block: FunnelBlock): FunnelBlock => {
    tally(totals, block);
    return block;
  };
  for (let index = 0; index < count; index++) {
    const rng = new Rng(deriveSeed(seed, 0x1ead, index));
    const id = leadIdOf(plan, index);
    const created = creationInstant(calendar, seed, index, count);
    const planted = plan.leads.get(index);
    const kind = planted?.kind;
    const person: Person =
      kind === "sharedEmail" ? personFor(seed, planted?.other ?? 0) : personFor(seed, index);
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
    const journey = walkJourney({
      rng,
      createdAt: created,
      owner,
      assignedAt,
      quality: source.quality,
      instantMql: source.instantMql,
      zone,
      extras:
        (extraHistory > 0 || extraTouches > 0) && planted === undefined
          ? {
              // Their own stream: the walk draws the same numbers with or without extras.
              rng: new Rng(deriveSeed(seed, 0xde75, index)),
              history: extraHistory,
              touches: extraTouches,
              cutoff: calendar.cutoffMs,
            }
          : undefined,
      mode:
        kind !== undefined && FORCED_KINDS.has(kind)
          ? "forced"
          : kind === "placeholderName"
            ? "test-record"
            : "natural",
    });

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
      campaign,
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
      .map((a) => [activityId(), id, ownerName(a.owner), a.type, a.status, formatLocal(a.at, zone, " ")]);
    if (kind === "badActivityTimestamp") (activityRows[0] as string[])[5] = planted?.detail ?? "";

    yield emit({
      leads: kind === "duplicateLeadId" ? [lead, [...lead]] : [lead],
      history: historyRows,
      activities: activityRows,
      ownerHistory:
        assignedAt === undefined ? [] : [[id, ownerName(owner), formatLocal(assignedAt, zone, " ")]],
    });

    const orphan = plan.orphans.get(index);
    if (orphan !== undefined) {
      const orphanId = orphanIdOf(plan, index);
      const owner = ownerName(orphan.owner);
      if (orphan.kind === "unknownLeadHistory") {
        // MQL by automation at any time; acceptance and qualification in the rep's working time.
        let at = created + (orphan.offsets[0] as number);
        const history = orphan.statuses.map((status, r) => {
          const raw = Math.max(created + (orphan.offsets[r] as number), at + MINUTE);
          const placed = r === 0 ? raw : placeForRep(raw, orphan.owner, () => orphan.owner).at;
          at = placed < calendar.cutoffMs ? placed : raw;
          return [orphanId, status, formatUtc(at), owner, ""];
        });
        yield emit({ leads: [], history, activities: [], ownerHistory: [] });
      } else {
        // A rep's touch: in the rep's working time, and before the export.
        const raw = created + (orphan.offsets[0] as number);
        let at = placeForRep(raw, orphan.owner, () => orphan.owner).at;
        const repZone = (REPS[orphan.owner] as Rep).timeZone;
        if (at >= calendar.cutoffMs) at = lastWorkingMinuteBefore(calendar.cutoffMs, repZone, REP_CALENDAR);
        const row = [
          activityId(),
          orphanId,
          owner,
          orphan.activityType,
          "completed",
          formatLocal(at, zone, " "),
        ];
        yield emit({ leads: [], history: [], activities: [row], ownerHistory: [] });
      }
    }
  }
  return manifestOf(plan, seed, count, totals);
}

/** Generates everything into memory (for tests and small data sets). */
export function collectFunnel(options: FunnelOptions): {
  leads: string[][];
  history: string[][];
  activities: string[][];
  ownerHistory: string[][];
  reps: string[][];
  manifest: FunnelManifest;
} {
  const out = {
    leads: [] as string[][],
    history: [] as string[][],
    activities: [] as string[][],
    ownerHistory: [] as string[][],
  };
  const funnel = generateFunnel(options);
  for (;;) {
    const step = funnel.next();
    if (step.done === true) return { ...out, reps: repRows(), manifest: step.value };
    out.leads.push(...step.value.leads);
    out.history.push(...step.value.history);
    out.activities.push(...step.value.activities);
    out.ownerHistory.push(...step.value.ownerHistory);
  }
}
