/** The manifest of planted problems and the totals counted while generating. */

/*
 * The manifest of planted problems (what was planted, where, and how many rows it affects), plus
 * totals counted while generating: queue-routed leads, scheduled activities, outcomes without reason.
 */
import type { FunnelBlock } from "./acme.js";
import { ANOMALY_KINDS, type AnomalyKind, type AnomalyPlan, leadIdOf, orphanIdOf } from "./anomalies.js";
import { type DefinitionTruth, newTruth } from "./definition-truth.js";
import { OUTCOME_OF_STATUS } from "./journey.js";
import { newOpportunityTruth, type OpportunityTruth } from "./opportunities.js";
import { REPS } from "./sales-org.js";

/** One kind of planted problem in the manifest. */
export interface ManifestEntry {
  kind: AnomalyKind;
  file: "leads.csv" | "stage_history.csv" | "activities.csv";
  description: string;
  /** What `count` counts. */
  unit: "rows" | "leads";
  count: number;
  /** Affected lead ids, in file order. */
  leadIds: string[];
  /** The planted values (typos, bad time stamps, e-mails), where meaningful. */
  values: string[];
}

/** Outcome rows, and how many of them carry an empty reason. */
export interface ReasonCount {
  rows: number;
  withoutReason: number;
}

/** Counts taken while generating (they depend on the walk of every lead, not only on the plan). */
export interface FunnelTotals {
  /** Leads created owned by the routing queue and assigned to a rep later (one owner_history.csv row each). */
  queueRoutedLeads: number;
  /** activities.csv rows with status "scheduled": planned calls and meetings that are not touches. */
  scheduledActivities: number;
  /** Recycles, disqualifications and losses in stage_history.csv with an empty reason. */
  outcomesWithoutReason: number;
  /** The same per outcome (recycled, disqualified, lost) and per rep (the row's owner). */
  reasons: {
    byOutcome: Record<"recycled" | "disqualified" | "lost", ReasonCount>;
    byRep: Record<string, ReasonCount>;
  };
  /** What the lead definition of sla.example.yaml finds in engagements.csv (planted and natural classes). */
  definition: DefinitionTruth;
  /** What Opportunity.csv plants (scripts/generate/opportunities.ts). */
  opportunities: OpportunityTruth;
}

/** All planted problems of one generated data set, and its totals. */
export interface FunnelManifest extends FunnelTotals {
  seed: number;
  leads: number;
  entries: ManifestEntry[];
}

/** Totals before the first lead. */
export function newTotals(): FunnelTotals {
  const zero = (): ReasonCount => ({ rows: 0, withoutReason: 0 });
  return {
    queueRoutedLeads: 0,
    scheduledActivities: 0,
    outcomesWithoutReason: 0,
    reasons: {
      byOutcome: { recycled: zero(), disqualified: zero(), lost: zero() },
      byRep: Object.fromEntries(REPS.map((r) => [r.name, zero()])),
    },
    definition: newTruth(),
    opportunities: newOpportunityTruth(),
  };
}

const ENTRY_INFO: Readonly<Record<AnomalyKind, [ManifestEntry["file"], ManifestEntry["unit"], string]>> = {
  placeholderName: [
    "leads.csv",
    "rows",
    'Placeholder test records ("Test Test", "asdf asdf"); marketing disqualifies them.',
  ],
  invalidEmail: ["leads.csv", "rows", 'Invalid e-mail addresses ("n/a", "john@", empty…).'],
  sharedEmail: ["leads.csv", "leads", "Leads that re-use the e-mail address (and name) of an earlier lead."],
  duplicateLeadId: ["leads.csv", "rows", "Extra rows repeating a lead_id (exact duplicates)."],
  emptyLeadSource: ["leads.csv", "rows", "Leads with an empty lead_source (and campaign)."],
  emptyOwner: ["leads.csv", "rows", "Leads with an empty owner (stage history still names the owner)."],
  statusTypo: [
    "stage_history.csv",
    "rows",
    'Status values matching no stage or outcome (typos such as "Marketing Qualifed").',
  ],
  unknownLeadHistory: [
    "stage_history.csv",
    "rows",
    "History rows for lead ids that are not in leads.csv (deleted leads).",
  ],
  badHistoryTimestamp: [
    "stage_history.csv",
    "rows",
    'Unparseable changed_at values (e.g. "31/02/2026 25:00").',
  ],
  beforeCreation: ["stage_history.csv", "rows", "Status changes dated before the lead's created_at."],
  backwardMove: [
    "stage_history.csv",
    "rows",
    'Backward moves: "Marketing Qualified" again after "Sales Qualified", without recycling.',
  ],
  outOfOrder: [
    "stage_history.csv",
    "leads",
    "Leads whose first two history rows are listed out of time order.",
  ],
  unknownLeadActivity: [
    "activities.csv",
    "rows",
    "Activities for lead ids that are not in leads.csv (deleted leads).",
  ],
  badActivityTimestamp: [
    "activities.csv",
    "rows",
    'Unparseable occurred_at values (e.g. "0000-00-00 00:00:00").',
  ],
  markupName: [
    "leads.csv",
    "rows",
    "Form spam probing for script injection: the same markup as first name and e-mail.",
  ],
};

/** Adds the final rows of one block to the totals. */
export function tally(
  totals: FunnelTotals,
  block: Pick<FunnelBlock, "history" | "activities" | "ownerHistory">,
): void {
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

/** Builds the manifest of a plan (lead ids in lead order) and the totals counted while generating. */
export function manifestOf(
  plan: AnomalyPlan,
  seed: number,
  leads: number,
  totals: FunnelTotals,
): FunnelManifest {
  const entries: ManifestEntry[] = ANOMALY_KINDS.map((kind) => {
    const [file, unit, description] = ENTRY_INFO[kind];
    return { kind, file, unit, description, count: 0, leadIds: [], values: [] };
  });
  const byKind = new Map(entries.map((e) => [e.kind, e]));
  const planted = [...plan.leads.entries()].sort((a, b) => a[0] - b[0]);
  for (const [index, lead] of planted) {
    const entry = byKind.get(lead.kind) as ManifestEntry;
    entry.count += 1;
    entry.leadIds.push(leadIdOf(plan, index));
    if (lead.kind === "sharedEmail") entry.values.push(`${lead.detail} (also ${leadIdOf(plan, lead.other)})`);
    else if (lead.detail !== "" || lead.kind === "invalidEmail") entry.values.push(lead.detail);
  }
  for (const after of plan.orphanPositions) {
    const orphan = plan.orphans.get(after);
    if (orphan === undefined) continue;
    const entry = byKind.get(orphan.kind) as ManifestEntry;
    entry.count += orphan.kind === "unknownLeadHistory" ? orphan.statuses.length : 1;
    entry.leadIds.push(orphanIdOf(plan, after));
  }
  return { seed, leads, entries, ...totals };
}

/** The count of one kind in a manifest (0 if absent). */
export function manifestCount(manifest: FunnelManifest, kind: AnomalyKind): number {
  return manifest.entries.find((e) => e.kind === kind)?.count ?? 0;
}
