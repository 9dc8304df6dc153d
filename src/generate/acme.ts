/**
 * A pure, seeded generator of CRM exports for Acme Analytics, a fictional B2B analytics SaaS vendor.
 * It yields one block per lead so callers can stream millions of leads to disk in O(1) memory
 * (apart from the small anomaly plan and an hour-by-hour arrival table).
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
import { type StageEvent, walkJourney } from "./journey.js";
import { buildLeadCalendar, creationInstant, type LeadCalendar } from "./lead-calendar.js";
import { type FunnelManifest, manifestOf } from "./manifest.js";
import { PERSON_SPACE, type Person, personFor } from "./people.js";
import { deriveSeed, Rng } from "./random.js";
import { campaignName, LEAD_SOURCES, REPS, TEAM_MEMBERS } from "./sales-org.js";
import { formatLocal, formatUtc, localParts, zoneOffsetMinutes } from "./zone-time.js";

/** Column names of leads.csv, stage_history.csv, activities.csv and reps.csv (as in sla.example.yaml). */
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
  "occurred_at",
];
export const REPS_HEADER: readonly string[] = ["rep", "team", "time_zone", "email"];

/** What to generate. Dates are local calendar dates (`YYYY-MM-DD`, inclusive) in `timezone`. */
export interface FunnelOptions {
  seed: number;
  leads: number;
  start: string;
  end: string;
  timezone: string;
  /** Plant data problems (default true). */
  junk?: boolean;
}

/** The rows of one lead (usually one lead row; two for a duplicated id, none for a deleted lead). */
export interface FunnelBlock {
  leads: string[][];
  history: string[][];
  activities: string[][];
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

/** The planted-problem manifest for `options`, computed without generating the data. */
export function funnelManifest(options: FunnelOptions): FunnelManifest {
  return manifestOf(setup(options).plan, options.seed, options.leads);
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

/** Yields the blocks of lead rows, stage history and activities, in lead-id order. */
export function* generateFunnel(options: FunnelOptions): Generator<FunnelBlock, void, undefined> {
  const { seed, leads: count, timezone: zone } = options;
  const { calendar, plan } = setup(options);
  const cursor: Record<"East" | "West", number> = { East: 0, West: 0 };
  let activityNo = 0;
  const activityWidth = Math.max(7, String(count * 4).length);
  const activityId = () => `A-${String(++activityNo).padStart(activityWidth, "0")}`;
  const repName = (i: number) => (REPS[i] as (typeof REPS)[number]).name;
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
    const journey = walkJourney({
      rng,
      createdAt: created,
      owner,
      quality: source.quality,
      instantMql: source.instantMql,
      zone,
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
      repName(owner),
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
        .map((e) => [id, e.status, formatUtc(e.at), repName(e.owner), e.reason]),
    );
    const activityRows = journey.activities
      .filter((a) => a.at < calendar.cutoffMs)
      .map((a) => [activityId(), id, repName(a.owner), a.type, formatLocal(a.at, zone, " ")]);
    if (kind === "badActivityTimestamp") (activityRows[0] as string[])[4] = planted?.detail ?? "";

    yield {
      leads: kind === "duplicateLeadId" ? [lead, [...lead]] : [lead],
      history: historyRows,
      activities: activityRows,
    };

    const orphan = plan.orphans.get(index);
    if (orphan !== undefined) {
      const orphanId = orphanIdOf(plan, index);
      const owner = repName(orphan.owner);
      if (orphan.kind === "unknownLeadHistory") {
        const history = orphan.statuses.map((status, r) => [
          orphanId,
          status,
          formatUtc(created + (orphan.offsets[r] as number)),
          owner,
          "",
        ]);
        yield { leads: [], history, activities: [] };
      } else {
        const at = formatLocal(created + (orphan.offsets[0] as number), zone, " ");
        yield {
          leads: [],
          history: [],
          activities: [[activityId(), orphanId, owner, orphan.activityType, at]],
        };
      }
    }
  }
}

/** Generates everything into memory (for tests and small data sets). */
export function collectFunnel(options: FunnelOptions): {
  leads: string[][];
  history: string[][];
  activities: string[][];
  reps: string[][];
  manifest: FunnelManifest;
} {
  const out = { leads: [] as string[][], history: [] as string[][], activities: [] as string[][] };
  for (const block of generateFunnel(options)) {
    out.leads.push(...block.leads);
    out.history.push(...block.history);
    out.activities.push(...block.activities);
  }
  return { ...out, reps: repRows(), manifest: funnelManifest(options) };
}
