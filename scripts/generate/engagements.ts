/** Marketing engagements of one lead (the marketing-automation export), consistent with its journey. */

/*
 * Each lead's engagements come from their own random stream (deriveSeed(seed, 0xe9a6e, index)), so
 * the other files stay byte for byte what they were. The lead definition in sla.example.yaml is
 * planted against: fit (company of 11 or more, not a consultant, not a competitor, student or
 * intern) and intent (a demo request in the last 30 days, or 3 pricing views or content downloads
 * in the last 14). The rules below decide, per journey, what the definition will find:
 *
 * - A fit lead's MQL is preceded by intent a few minutes before the MQL instant (scoring fires on
 *   the action), so marketing's pass clock (1bd) is met. When sales recycles the lead, the intent
 *   must have lapsed by then (else the next journey would open with the definition holding and
 *   marketing owing a pass it never makes): the demo must be 30 days old, or the 3 views spread so
 *   that the first is 14 days old. Where neither fits (a recycle within days of the creation),
 *   the MQL has no intent (`recycledSoon`: recycled within hours of the MQL).
 * - Planted: every MQL of the Trade Show "Big Data London" badge scans has no intent (`badgeScans`);
 *   some fit leads requested a demo on the day they were created and were passed 7 to 25 days
 *   later (`passedLate`); some requested a demo and were never passed (`neverPassed`).
 * - Leads with planted data problems get their creation engagement only (no intent).
 * - Non-qualifying engagements (page views, e-mail clicks, other forms, webinars) fall anywhere
 *   from the creation to two days before the export; intent before the creation is only
 *   anonymous pricing-page visits (merged into the lead when it fills a form), never before the
 *   first lead's creation, so the data's earliest and latest time stamps do not move.
 */
import type { DefinitionTruth, TruthKind } from "./definition-truth.js";
import { ASSETS, creationEngagement, type EngagementEvent, noise, SITE, sec } from "./engagement-touches.js";
import type { StageEvent } from "./journey.js";
import { companyNamed, type Person } from "./people.js";
import { deriveSeed, Rng } from "./random.js";
import { DAY, formatUtc, HOUR, MINUTE } from "./zone-time.js";

export const ENGAGEMENTS_HEADER: readonly string[] = [
  "engagement_id",
  "lead_id",
  "email",
  "type",
  "occurred_at",
  "detail",
];

/** Rival analytics vendors (their staff request demos too): examples/acme/competitors.csv. */
// biome-ignore format: a compact word list
export const COMPETITOR_PREFIXES: readonly string[] = [
  "Apex", "Atlas", "Beacon", "Cobalt", "Delta", "Ember", "Helix", "Lumen", "Meridian", "Orbit", "Pinnacle",
  "Quarry", "Sable", "Summit",
];

/** The campaign whose badge scans marketing passes as MQLs without any intent (planted). */
export const BADGE_SCAN_CAMPAIGN = "Trade Show: Big Data London";

const MQL = new Set(["Marketing Qualified", "MQL"]);
const RECYCLE = new Set(["Recycled", "Nurture"]);
const INQUIRY = new Set(["New", "Open - Not Contacted", ""]);

/** The lead whose engagements are drawn. */
export interface EngagementLead {
  seed: number;
  index: number;
  id: string;
  created: number;
  person: Person;
  source: string;
  campaign: string;
}

/** Its journey and the bounds of the export. */
export interface EngagementFrame {
  /** The lead carries a planted data problem. */
  planted: boolean;
  /** The walked stage history, in time order (rows at or after the cut-off are not exported). */
  history: readonly StageEvent[];
  cutoff: number;
  /** No engagement before this instant (the first lead's creation). */
  floor: number;
}

/** What the engagements of one lead are made from. */
type EngagementInput = Omit<EngagementLead, "seed" | "index"> & EngagementFrame & { rng: Rng };

interface Fit {
  ok: boolean;
  small: boolean;
  consultant: boolean;
  competitor: boolean;
  junior: boolean;
}

function fitOf(p: Person, competitors: ReadonlySet<string>): Fit {
  const small = p.companySize === "1-10";
  const consultant = /consultant/i.test(p.title);
  const competitor = competitors.has(p.company.toLowerCase());
  const junior = /student|intern/i.test(p.title);
  return { ok: !(small || consultant || competitor || junior), small, consultant, competitor, junior };
}

/** One journey as the replay will see it: its start, its entry into mql (if exported), its recycle. */
interface Span {
  start: number;
  mql: number | null;
  recycle: number | null;
}

function journeysOf(history: readonly StageEvent[], created: number, cutoff: number): Span[] {
  const spans: Span[] = [{ start: created, mql: null, recycle: null }];
  for (const e of history) {
    if (e.at >= cutoff) break;
    const j = spans[spans.length - 1] as Span;
    if (MQL.has(e.status) && j.mql === null) j.mql = sec(e.at);
    if (RECYCLE.has(e.status)) {
      j.recycle = sec(e.at);
      spans.push({ start: sec(e.at), mql: null, recycle: null });
    }
  }
  return spans;
}

/** Intent just before `mql` that has lapsed before `recycle`; null when none fits. */
function intentBefore(rng: Rng, j: Span, mql: number, earliest: number): EngagementEvent[] | null {
  const recycle = j.recycle ?? Number.POSITIVE_INFINITY;
  const last = sec(mql - rng.uniform(1, 20) * MINUTE);
  const demoAt = Math.max(last, j.start);
  if (demoAt + 30 * DAY + HOUR < recycle && rng.chance(0.6)) {
    const visit = { at: sec(demoAt - rng.uniform(1, 5) * MINUTE), type: "page_view", detail: `${SITE}/demo` };
    return [
      ...(visit.at >= j.start ? [visit] : []),
      { at: demoAt, type: "demo_request", detail: "Demo Request" },
    ];
  }
  // Three pricing views or downloads within 14 days, the first one 14 days old before the recycle.
  const lo = Math.max(mql - 14 * DAY + HOUR, earliest);
  const hi = Math.min(recycle - 14 * DAY - HOUR, last - 2 * MINUTE);
  if (!(lo <= hi)) {
    if (demoAt + 30 * DAY + HOUR < recycle)
      return [{ at: demoAt, type: "demo_request", detail: "Demo Request" }];
    return null;
  }
  const e1 = sec(rng.uniform(lo, hi));
  const e2 = sec(rng.uniform(e1, last));
  return [e1, e2, last].map((at) =>
    // Before the lead filled a form it is an anonymous visitor: only page visits are merged in.
    at < j.start || rng.chance(0.6)
      ? { at, type: "pricing_view", detail: `${SITE}/pricing` }
      : { at, type: "content_download", detail: rng.pick(ASSETS) },
  );
}

/** The rows of competitors.csv (without header): rival analytics vendors, by the names leads carry. */
export function competitorRows(): string[][] {
  return COMPETITOR_PREFIXES.map((p) => {
    const c = companyNamed(p, "Analytics");
    return [c.name, c.domain];
  });
}

const COMPETITORS: ReadonlySet<string> = new Set(competitorRows().map((r) => (r[0] as string).toLowerCase()));

/** The engagements.csv rows of one lead (time order); what the definition makes of them is added to `truth`. */
export function engagementRows(
  lead: EngagementLead,
  frame: EngagementFrame,
  out: { email: string; nextId: () => string; truth: DefinitionTruth },
): string[][] {
  const { seed, index, ...rest } = lead;
  // Their own stream: the other files draw the same numbers with or without engagements.
  const rng = new Rng(deriveSeed(seed, 0xe9a6e, index));
  const events = leadEngagements({ ...rest, ...frame, rng }, COMPETITORS, out.truth);
  return events.map((e) => [out.nextId(), lead.id, out.email, e.type, formatUtc(e.at), e.detail]);
}

/** The engagements of one lead (time order); `competitors`: company names, lower case. */
function leadEngagements(
  input: EngagementInput,
  competitors: ReadonlySet<string>,
  truth: DefinitionTruth,
): EngagementEvent[] {
  const { rng, id, cutoff } = input;
  const spans = journeysOf(input.history, sec(input.created), cutoff);
  const mqls = spans.filter((j) => j.mql !== null) as (Span & { mql: number })[];
  const add = (kind: TruthKind, entries: number) => {
    if (truth[kind].leadIds.at(-1) !== id) truth[kind].leadIds.push(id);
    truth[kind].entries += entries;
  };
  const created = creationEngagement(rng, input);
  const out: EngagementEvent[] = created === null ? [] : [created];
  if (input.planted) {
    if (mqls.length > 0) add("dataProblems", mqls.length);
    return out;
  }
  const quiet = cutoff - 2 * DAY;
  out.push(...noise(rng, input, quiet));
  const fit = fitOf(input.person, competitors);
  if (fit.small && mqls.length > 0) add("tooSmall", mqls.length);
  if (fit.consultant && mqls.length > 0) add("consultants", mqls.length);
  if (fit.competitor && mqls.length > 0) add("competitors", mqls.length);
  if (fit.junior && mqls.length > 0) add("studentsInterns", mqls.length);
  const badgeScan = input.campaign.endsWith(BADGE_SCAN_CAMPAIGN);
  if (badgeScan) {
    if (mqls.length > 0) add("badgeScans", mqls.length);
    return out;
  }
  const first = spans[0] as Span;
  if (mqls.length === 0) {
    const inquiry = input.history.every((e) => e.at >= cutoff || INQUIRY.has(e.status));
    // Still an inquiry: a fit lead that asked for a demo and was never passed (planted), or a little interest.
    const demoAt = sec(input.created + rng.uniform(0.5 * HOUR, 3 * DAY));
    if (fit.ok && inquiry && rng.chance(0.035) && demoAt < cutoff - 10 * DAY) {
      out.push({ at: demoAt, type: "demo_request", detail: "Demo Request" });
      add("neverPassed", 1);
    } else if (rng.chance(0.5) && created !== null) {
      const download = sec(input.created + rng.uniform(0, 2 * DAY));
      if (download < quiet) out.push({ at: download, type: "content_download", detail: rng.pick(ASSETS) });
      const view = sec(input.created + rng.uniform(0, 20 * DAY));
      if (rng.chance(0.4) && view < quiet)
        out.push({ at: view, type: "pricing_view", detail: `${SITE}/pricing` });
    }
    return sorted(out);
  }
  for (const j of mqls) {
    const late =
      fit.ok &&
      j === first &&
      j.mql - j.start >= 7 * DAY &&
      j.mql - j.start <= 25 * DAY &&
      (j.recycle === null || j.recycle > j.start + 30 * DAY + HOUR) &&
      rng.chance(0.5);
    if (late) {
      // Asked for a demo the day it was created; scoring passed it a week or more later.
      out.push({
        at: sec(j.start + rng.uniform(1, 60) * MINUTE),
        type: "demo_request",
        detail: "Demo Request",
      });
      add("passedLate", 1);
      continue;
    }
    // A view of an earlier journey must not make 3 with this one's within 14 days.
    const views = out.filter((e) => e.type === "pricing_view" || e.type === "content_download");
    const apart = Math.max(...views.map((e) => e.at + 14 * DAY + HOUR));
    const intent = intentBefore(rng, j, j.mql, Math.max(j === first ? input.floor : j.start, apart));
    if (intent === null) {
      if (fit.ok) add("recycledSoon", 1);
      continue;
    }
    out.push(...intent);
    if (fit.ok) add("passedOnTime", 1);
  }
  return sorted(out);
}

const sorted = (events: EngagementEvent[]) => events.sort((a, b) => a.at - b.at);
