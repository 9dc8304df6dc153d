/** compareAgreements: the same data audited under two agreements, figure by figure and obligation by obligation. */

import type { Dataset } from "../ingest/dataset.js";
import { headlineFigures } from "../metrics/baseline.js";
import type { AuditOptions } from "../metrics/index.js";
import type { Miss, Report } from "../metrics/types.js";
import { formatInstant } from "../time/format.js";
import type { SlaConfig } from "../types.js";
import { type ChangeExample, ChangeTally, type Transition } from "./changes.js";
import { type Outcome, PackedOutcomes, replayOutcomes } from "./outcomes.js";

/** One headline figure under both agreements; change = proposed − current (null when either is). */
export interface FigureChange {
  figure: string;
  kind: "share" | "hours" | "count";
  higherIsBetter: boolean;
  current: number | null;
  proposed: number | null;
  change: number | null;
}

export interface Comparison {
  current: Report;
  proposed: Report;
  /** The data was read once for both, or again for the proposal because of these parts. */
  reading: { once: boolean; differs: string[] };
  figures: FigureChange[];
  changes: {
    leads: number;
    unchanged: { handoff: string; obligations: number }[];
    transitions: Transition[];
    examples: (ChangeExample & { entered: string; trace: string })[];
  };
  /** Targets the proposal misses that the current agreement meets (what `compare --check` fails on). */
  newlyMissed: Miss[];
}

/** What the two audits are computed on: one dataset read once, or each agreement's own. */
export interface CompareInputs {
  current: { config: SlaConfig; dataset: Dataset };
  proposed: { config: SlaConfig; dataset: Dataset };
  differs: string[];
}

/** Every headline figure of both reports, the current's order first, then the proposal's own. */
export function figureChanges(current: Report, proposed: Report): FigureChange[] {
  const before = headlineFigures(current);
  const after = new Map(headlineFigures(proposed).map((f) => [f.figure, f]));
  const rows = before.map((f) => {
    const p = after.get(f.figure);
    after.delete(f.figure);
    return { ...f, current: f.value, proposed: p?.value ?? null };
  });
  for (const p of after.values()) rows.push({ ...p, current: null, proposed: p.value });
  return rows.map(({ figure, kind, higherIsBetter, current: c, proposed: p }) => ({
    figure,
    kind,
    higherIsBetter,
    current: c,
    proposed: p,
    change: c === null || p === null ? null : Math.round((p - c) * 10_000) / 10_000,
  }));
}

const missKey = (m: Miss) => `${m.kind}\t${m.id}\t${m.period ?? ""}`;

/** Replays the current agreement, then the proposed one, matching each lead's obligations as it goes. */
export function compareAgreements(
  inputs: CompareInputs,
  options: AuditOptions,
  /** The `trace` command line explaining one lead under the proposal. */
  traceLine: (leadId: string) => string,
): Comparison {
  const packed = new PackedOutcomes();
  const current = replayOutcomes(inputs.current.dataset, inputs.current.config, options, packed.add);
  const tally = new ChangeTally();
  const seen = new Uint8Array(packed.leads);
  let ordinal = 0;
  const visit = (leadId: string, outcomes: Outcome[]) => {
    const at = packed.ordinalOf(leadId, ordinal++);
    if (at !== undefined) seen[at] = 1;
    tally.add(leadId, at === undefined ? [] : packed.outcomes(at), outcomes);
  };
  const proposed = replayOutcomes(inputs.proposed.dataset, inputs.proposed.config, options, visit);
  // Leads only the current agreement's data holds (read apart): their obligations are no longer created.
  for (let i = 0; i < packed.leads; i++) if (!seen[i]) tally.add(packed.leadId(i), packed.outcomes(i), []);
  const zone = inputs.proposed.config.timezone;
  const order = [...inputs.current.config.handoffs, ...inputs.proposed.config.handoffs].map((h) => h.id);
  const transitions = tally.transitions(order);
  // Pass clocks (`<stage>-pass`) and handoffs of neither list come after the handoffs, by name.
  const rank = (h: string) => (order.includes(h) ? order.indexOf(h) : order.length);
  const missed = new Set(current.report.check.missed.map(missKey));
  return {
    current: current.report,
    proposed: proposed.report,
    reading: { once: inputs.differs.length === 0, differs: inputs.differs },
    figures: figureChanges(current.report, proposed.report),
    changes: {
      leads: tally.leadsChanged,
      unchanged: [...tally.same]
        .map(([handoff, obligations]) => ({ handoff, obligations }))
        .sort((a, b) => rank(a.handoff) - rank(b.handoff) || (a.handoff < b.handoff ? -1 : 1)),
      transitions,
      examples: tally.examplesOf(transitions).map((e) => ({
        ...e,
        entered: formatInstant(e.entryAt, zone),
        trace: traceLine(e.leadId),
      })),
    },
    newlyMissed: proposed.report.check.missed.filter(
      (m) => m.kind !== "regression" && !missed.has(missKey(m)),
    ),
  };
}
