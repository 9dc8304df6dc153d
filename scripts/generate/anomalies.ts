/** Planted data problems: which leads get which anomaly, decided up front from the seed alone. */

/*
 * Deciding them up front means the manifest is known before (and without) generating the data.
 */
import { personFor } from "./people.js";
import { deriveSeed, Rng } from "./random.js";
import { REPS } from "./sales-org.js";
import { DAY, HOUR, MINUTE } from "./zone-time.js";

/** The kinds of planted problems, in the order the manifest lists them. */
export const ANOMALY_KINDS = [
  "placeholderName",
  "invalidEmail",
  "sharedEmail",
  "duplicateLeadId",
  "emptyLeadSource",
  "emptyOwner",
  "statusTypo",
  "unknownLeadHistory",
  "badHistoryTimestamp",
  "beforeCreation",
  "backwardMove",
  "outOfOrder",
  "unknownLeadActivity",
  "badActivityTimestamp",
  // Last, so adding it drew no random numbers before the other kinds: their leads stayed the same.
  "markupName",
] as const;

/** One kind of planted problem. */
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** Kinds whose lead follows the fixed quick path MQL → SAL (+ call) → SQL. */
export const FORCED_KINDS: ReadonlySet<AnomalyKind> = new Set<AnomalyKind>([
  "statusTypo",
  "badHistoryTimestamp",
  "beforeCreation",
  "backwardMove",
  "outOfOrder",
  "badActivityTimestamp",
]);

/** Planted problems per 1,000 leads. */
const RATES: Readonly<Record<AnomalyKind, number>> = {
  placeholderName: 1.5,
  invalidEmail: 2.5,
  sharedEmail: 1.5,
  duplicateLeadId: 1,
  emptyLeadSource: 2,
  emptyOwner: 1.5,
  statusTypo: 2,
  unknownLeadHistory: 1,
  badHistoryTimestamp: 1,
  beforeCreation: 1,
  backwardMove: 1,
  outOfOrder: 1,
  unknownLeadActivity: 1,
  badActivityTimestamp: 1,
  markupName: 0.1,
};

/** Status typos and which quick-path row (0 = MQL, 1 = SAL, 2 = SQL) they replace. */
export const STATUS_TYPOS: readonly { status: string; row: 0 | 1 | 2 }[] = [
  { status: "Marketing Qualifed", row: 0 },
  { status: "Contacted", row: 1 },
  { status: "Sales Qualifed", row: 2 },
  { status: "Working – Contacted", row: 1 },
];
/** Unparseable values for stage_history.changed_at. */
export const BAD_HISTORY_TIMES: readonly string[] = ["31/02/2026 25:00", "#VALUE!", "2026-06-31T24:61:00Z"];
/** Unparseable values for activities.occurred_at. */
export const BAD_ACTIVITY_TIMES: readonly string[] = ["0000-00-00 00:00:00", "31/02/2026 25:00", "yesterday"];
/** Script-injection probes a form-spam bot types into a lead's name and e-mail (reports must escape them). */
export const MARKUP_PROBES: readonly string[] = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
];
/** Placeholder records: first name, last name, e-mail, company. */
export const PLACEHOLDERS: readonly (readonly [string, string, string, string])[] = [
  ["Test", "Test", "test@test.com", "Test"],
  ["asdf", "asdf", "asdf@asdf.com", "asdf"],
  ["Test", "Lead", "test.lead@example.com", "Acme Analytics"],
  ["John", "Doe", "john.doe@example.com", "Company"],
  ["Mickey", "Mouse", "mickey@disney.example", "Disney"],
];

/** A lead (by 0-based index) chosen to carry one anomaly. */
export interface PlantedLead {
  kind: AnomalyKind;
  /** Kind-specific value: the typo, the bad time stamp, the e-mail, the other lead's index… */
  detail: string;
  /** A kind-specific number: for sharedEmail the earlier lead's index, for statusTypo and placeholderName
   * the variant, for beforeCreation how many ms too early, for backwardMove how many ms after the SQL. */
  other: number;
}

/** An extra block for a lead id that is missing from leads.csv (a deleted lead). */
export interface OrphanBlock {
  kind: "unknownLeadHistory" | "unknownLeadActivity";
  /** Index of the lead after which the block appears. */
  after: number;
  owner: number;
  /** Milliseconds after that lead's creation. */
  offsets: number[];
  statuses: string[];
  activityType: "call" | "email";
}

/** The complete plan: planted leads and orphan blocks, both keyed by lead index. */
export interface AnomalyPlan {
  leads: Map<number, PlantedLead>;
  orphans: Map<number, OrphanBlock>;
  /** Sorted `after` positions of orphans, for lead-number arithmetic. */
  orphanPositions: number[];
  /** Digits in a lead number: 6, or more if there are more than 999,999 ids. */
  idWidth: number;
}

/** A plan without anomalies. */
export function emptyPlan(count: number): AnomalyPlan {
  return {
    leads: new Map(),
    orphans: new Map(),
    orphanPositions: [],
    idWidth: Math.max(6, String(count).length),
  };
}

/** How many anomalies of one kind are planted among `count` leads. */
export function plannedCount(kind: AnomalyKind, count: number): number {
  return Math.max(count >= 200 ? 1 : 0, Math.round((RATES[kind] * count) / 1000));
}

/** An orphan block after lead `after`: 1 to 3 quick-path statuses, or one call or e-mail. */
function planOrphan(rng: Rng, kind: OrphanBlock["kind"], after: number): OrphanBlock {
  const rows = kind === "unknownLeadHistory" ? rng.int(1, 3) : 1;
  const offsets = [rng.uniform(5, 120) * MINUTE];
  for (let r = 1; r < rows; r++) offsets.push((offsets[r - 1] as number) + rng.uniform(1, 5) * HOUR);
  const statuses = ["Marketing Qualified", "Sales Accepted", "Sales Qualified"].slice(0, rows);
  const activityType = rng.chance(0.5) ? "call" : "email";
  return { kind, after, owner: rng.int(0, REPS.length - 1), offsets, statuses, activityType };
}

/** The k-th planted problem of `kind`, on lead i (for sharedEmail, the other lead is drawn by the caller). */
function plantedLead(rng: Rng, seed: number, kind: AnomalyKind, k: number, i: number): PlantedLead {
  const planted: PlantedLead = { kind, detail: "", other: -1 };
  if (kind === "placeholderName") {
    planted.detail =
      k < PLACEHOLDERS.length
        ? ((PLACEHOLDERS[k] as readonly string[])[2] as string)
        : `qa+${k}@acme-analytics.com`;
    planted.other = k;
  } else if (kind === "invalidEmail") {
    const first = personFor(seed, i).firstName.toLowerCase();
    planted.detail = (["n/a", "", `${first}@`, "none", `${first}@@gmail.com`] as const)[k % 5] ?? "";
  } else if (kind === "statusTypo") {
    planted.other = k % STATUS_TYPOS.length;
    planted.detail = (STATUS_TYPOS[planted.other] as (typeof STATUS_TYPOS)[number]).status;
  } else if (kind === "badHistoryTimestamp")
    planted.detail = BAD_HISTORY_TIMES[k % BAD_HISTORY_TIMES.length] as string;
  else if (kind === "badActivityTimestamp")
    planted.detail = BAD_ACTIVITY_TIMES[k % BAD_ACTIVITY_TIMES.length] as string;
  else if (kind === "markupName") planted.detail = MARKUP_PROBES[k % MARKUP_PROBES.length] as string;
  else if (kind === "beforeCreation") planted.other = rng.uniform(1, 20) * HOUR;
  else if (kind === "backwardMove") planted.other = rng.uniform(1, 3) * DAY;
  return planted;
}

/**
 * Chooses the planted leads. `createdAt(i)` gives lead i's creation instant and `cutoff` the export
 * moment: leads on the quick path are only chosen if that path ends before the cutoff.
 */
export function planAnomalies(
  seed: number,
  count: number,
  createdAt: (i: number) => number,
  cutoff: number,
): AnomalyPlan {
  const rng = new Rng(deriveSeed(seed, 0x4a554e4b, count));
  const leads = new Map<number, PlantedLead>();
  const orphans = new Map<number, OrphanBlock>();
  const reserved = new Set<number>();
  const draw = (fits: (i: number) => boolean, taken: { has(i: number): boolean }): number => {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const i = rng.int(0, count - 1);
      if (!taken.has(i) && fits(i)) return i;
    }
    throw new RangeError(
      "Cannot plant anomalies: the period is too short or there are too few leads (try junk: false)",
    );
  };
  const roomFor = (days: number) => (i: number) => createdAt(i) + days * DAY < cutoff;
  for (const kind of ANOMALY_KINDS) {
    const n = plannedCount(kind, count);
    for (let k = 0; k < n; k++) {
      if (kind === "unknownLeadHistory" || kind === "unknownLeadActivity") {
        const after = draw(roomFor(1), orphans);
        orphans.set(after, planOrphan(rng, kind, after));
        continue;
      }
      const i = draw(
        FORCED_KINDS.has(kind) ? roomFor(6) : kind === "sharedEmail" ? (j) => j > 0 : () => true,
        reserved,
      );
      reserved.add(i);
      const planted = plantedLead(rng, seed, kind, k, i);
      if (kind === "sharedEmail") {
        // The earlier lead whose address this one reuses is drawn here, where the reserved set is.
        planted.other = draw((j) => j < i, reserved);
        reserved.add(planted.other);
        planted.detail = personFor(seed, planted.other).email;
      }
      leads.set(i, planted);
    }
  }
  const orphanPositions = [...orphans.keys()].sort((a, b) => a - b);
  return { leads, orphans, orphanPositions, idWidth: Math.max(6, String(count + orphans.size).length) };
}

/** Number of orphan blocks placed before lead `index` (binary search). */
export function orphansBefore(plan: AnomalyPlan, index: number): number {
  let lo = 0;
  let hi = plan.orphanPositions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((plan.orphanPositions[mid] as number) < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The CRM id for a lead number: `L-000001` (zero-padded to `width` digits). */
export function leadId(n: number, width = 6): string {
  return `L-${String(n).padStart(width, "0")}`;
}

/** The id of lead `index` (ids skip the numbers of deleted, orphaned leads). */
export function leadIdOf(plan: AnomalyPlan, index: number): string {
  return leadId(index + 1 + orphansBefore(plan, index), plan.idWidth);
}

/** The id of the orphan block placed after lead `after`. */
export function orphanIdOf(plan: AnomalyPlan, after: number): string {
  return leadId(after + 2 + orphansBefore(plan, after), plan.idWidth);
}
