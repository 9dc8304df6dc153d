/** Every tally of the report, fed one lead's timeline at a time, and mergeable across threads. */

/**
 * Every tally of the report, fed one lead's timeline at a time (fold), and mergeable: the tallies
 * of two runs of leads that share no lead combine (part() in one thread, merge() in another) into
 * exactly those of both runs folded in one, so the replay can be split between threads.
 */

import type { FieldPlace } from "../definition/lists.js";
import type { HandoffDef, Millis, Rep, SlaConfig, Timeline } from "../types.js";
import { BreakdownTally } from "./breakdown.js";
import { clockBook, repIndex, teamsOf } from "./clocks.js";
import { type CommitmentPart, CommitmentTally } from "./commitments.js";
import { RepTally } from "./compliance.js";
import { type ConversionPart, ConversionTally } from "./conversion.js";
import type { DefinitionPart } from "./definition-counts.js";
import { type DefinitionTally, definitionTally } from "./definition-tally.js";
import { FeedbackTally } from "./feedback.js";
import { type HandoffPart, HandoffTally, type ObligationPart } from "./latency.js";
import { type MoneyPart, MoneyTally } from "./money-tally.js";
import { type MoversPart, MoversTally } from "./movers-tally.js";
import { type Obligation, type ObligationContext, obligationsOf } from "./obligations.js";
import { type AuditPeriod, type Bucket, type PeriodKind, periodBuckets } from "./periods.js";
import { ProposalValues } from "./proposals.js";
import { type StagePart, StageTally } from "./stage-tally.js";
import { type TrendPart, TrendTally } from "./trends.js";
import type { FeedbackRow } from "./types.js";

/** The clocks and rep knowledge obligations are computed with. */
export function obligationContext(
  config: SlaConfig,
  reps: readonly Rep[],
  asOf: Millis,
): (h: HandoffDef) => ObligationContext {
  const book = clockBook(config, reps);
  const known = repIndex(reps);
  // Without a reps file every named owner counts as a rep; with one, only the reps it lists.
  const isRep = (owner: string | null) => owner !== null && (reps.length === 0 || known.has(owner));
  return (h) => ({ config, asOf, clockFor: book(h), isRep });
}

/** Every tally as it crosses threads (structured clone: plain data and typed arrays only). */
export interface TalliesPart {
  journeys: number;
  leadsUsed: number;
  stages: StagePart;
  conversion: ConversionPart;
  breakdown: [string, number, ConversionPart][] | null;
  feedback: FeedbackRow[];
  committed: CommitmentPart;
  trend: TrendPart | null;
  latency: HandoffPart[];
  reps: [string, ObligationPart][][];
  definition: DefinitionPart | null;
  money: MoneyPart | null;
  movers: MoversPart | null;
  proposals: [string, Float64Array, Float64Array][][] | null;
}

export interface TallyOptions {
  /** Also break conversion down by this lead dimension. */
  by?: string | undefined;
  /** Also tally per week, month or quarter. */
  trend?: PeriodKind | undefined;
  /** What to keep beside the tallies (AuditOptions.keep). */
  keep: "all" | "obligations" | "report";
  traceLeadId?: string | undefined;
  /** The lists `in_file` rules name (Dataset.lists), as [path, values] pairs. */
  lists?: [string, string[]][];
  /** Where each field the definitions read is held (Dataset.definitionFields). */
  definitionFields?: Record<string, FieldPlace>;
  /**
   * Count decided cases per group (report.group_tallies, for --movers now or as a later baseline):
   * a JSON report or --movers asks for them; they cost memory by obligations, so not otherwise.
   */
  groups?: boolean;
  /** With groups: count them over this period instead of the audit's (AuditOptions.groupsPeriod). */
  groupsPeriod?: { from: Millis; to: Millis } | undefined;
  /** The leads opportunities name (absent: no opportunities source, no money section). */
  opportunityLeads?: string[];
  /** Place each obligation in the period on its handoff's scale for the proposals (AuditOptions.proposals). */
  proposals?: boolean;
}

/** The report's tallies, lead after lead. */
export class AuditTallies {
  journeys = 0;
  /** Leads the figures rest on: folded with at least one journey (coverage.ts). */
  leadsUsed = 0;
  readonly periods: Bucket[];
  readonly stages: StageTally;
  readonly conversion: ConversionTally;
  readonly breakdown: BreakdownTally | null;
  readonly feedback: FeedbackTally;
  readonly committed: CommitmentTally;
  readonly trend: TrendTally | null;
  readonly latency: HandoffTally[];
  readonly reps: RepTally[];
  /** The written lead definition checked (null when the SLA has none and reads no engagements). */
  readonly definition: DefinitionTally | null;
  /** MQLs and first MQL entries for the money section (null without opportunities). */
  readonly money: MoneyTally | null;
  /** Decided cases per group of each dimension, for "why a figure moved" (report.group_tallies). */
  readonly movers: MoversTally | null;
  /** Each handoff's obligations in the period on its scale (options.proposals), else null. */
  readonly proposals: ProposalValues[] | null;
  /** Obligations kept (keep: "all" or "obligations"), per handoff. */
  readonly kept: Obligation[][];
  /** Told each entry the definition judges in the period, as the commitments are (compare lists the verdicts). */
  onDefined: ((stage: string, at: Millis, met: boolean) => void) | null = null;
  /** Marketing's pass obligations kept (keep: "all" or "obligations"), lead after lead. */
  readonly keptPasses: Obligation[] = [];
  /** Timelines kept (keep: "all"; else only the traced lead's). */
  readonly timelines: Timeline[] = [];
  /** How obligations of a handoff are computed (clocks, reps, as-of). */
  readonly contextFor: (h: HandoffDef) => ObligationContext;
  private readonly contexts: ObligationContext[];
  private readonly inPeriod: (t: Millis) => boolean;

  constructor(
    private readonly config: SlaConfig,
    reps: readonly Rep[],
    period: AuditPeriod,
    asOf: Millis,
    private readonly options: TallyOptions,
  ) {
    const inPeriod = (t: Millis) => t >= period.from && t <= period.to;
    this.inPeriod = inPeriod;
    this.contextFor = obligationContext(config, reps, asOf);
    this.contexts = config.handoffs.map((h) => this.contextFor(h));
    this.periods = config.commitments
      ? periodBuckets(period, config.commitments.period, config.timezone)
      : [];
    this.stages = new StageTally(config, inPeriod);
    this.conversion = new ConversionTally(config, period, asOf);
    this.breakdown = options.by ? new BreakdownTally(options.by, config, period, asOf, teamsOf(reps)) : null;
    this.feedback = new FeedbackTally(period.from, period.to);
    this.committed = new CommitmentTally(config, this.periods);
    this.trend = options.trend ? new TrendTally(config, period, options.trend, asOf) : null;
    this.latency = config.handoffs.map(() => new HandoffTally());
    this.reps = config.handoffs.map(() => new RepTally());
    this.movers = options.groups ? new MoversTally(config, reps, options.groupsPeriod ?? period, asOf) : null;
    this.kept = config.handoffs.map((): Obligation[] => []);
    this.money = options.opportunityLeads
      ? new MoneyTally(config, inPeriod, new Set(options.opportunityLeads))
      : null;
    const proposals = options.proposals
      ? config.handoffs.map((h, i) => new ProposalValues(h, this.contexts[i] as ObligationContext))
      : null;
    this.proposals = proposals;
    // A pass clock named as a handoff is (`<stage>-pass`) joins its values, as its kept obligations would.
    const passInto = proposals ? new Map(config.handoffs.map((h, i) => [h.id, proposals[i]])) : null;
    const keep = (o: Obligation) => {
      if (options.keep !== "report") this.keptPasses.push(o);
      passInto?.get(o.handoff)?.add(o);
    };
    const trend = this.trend;
    this.definition = definitionTally(
      config,
      { period, asOf, by: options.by, lists: options.lists, fields: options.definitionFields },
      this.contextFor,
      (stage, at, met) => {
        this.committed.addDefined(stage, at, met);
        trend?.addDefined(stage, at, met);
        this.onDefined?.(stage, at, met);
      },
      keep,
    );
  }

  /** Replays one lead's timeline into the tallies; what is not kept is let go. */
  readonly fold = (t: Timeline): void => {
    const { config, contexts, inPeriod, options, trend } = this;
    if (options.keep === "all" || t.lead.id === options.traceLeadId) this.timelines.push(t);
    // A lead whose creation time cannot be read is not used (docs/definitions.md, coverage).
    if (t.lead.createdAt === null) return;
    const { journeys } = t;
    const owner = t.owners.at(-1)?.owner ?? t.lead.owner;
    if (journeys.length > 0) this.leadsUsed++;
    this.journeys += journeys.length;
    this.stages.add(journeys);
    for (const j of journeys) {
      this.conversion.add(j);
      this.feedback.add(j, t.lead);
      this.committed.addJourney(j);
      trend?.addJourney(j);
      this.movers?.addJourney(j, t.lead, owner);
    }
    this.definition?.add(t);
    this.money?.add(t.lead, journeys);
    this.breakdown?.add(t.lead, journeys, owner);
    for (let h = 0; h < contexts.length; h++) {
      for (const o of obligationsOf(t, config.handoffs[h] as HandoffDef, contexts[h] as ObligationContext)) {
        const within = inPeriod(o.entryAt);
        this.movers?.addObligation(h, o, t.lead);
        if (!within) continue;
        (this.latency[h] as HandoffTally).add(o);
        (this.reps[h] as RepTally).add(o);
        this.committed.addObligation(o);
        trend?.addObligation(o);
        this.proposals?.[h]?.add(o);
        if (options.keep !== "report") (this.kept[h] as Obligation[]).push(o);
      }
    }
  };

  /** The tallies, for another thread to merge (kept timelines and obligations are not sent). */
  part(): TalliesPart {
    return {
      journeys: this.journeys,
      leadsUsed: this.leadsUsed,
      stages: this.stages.part(),
      conversion: this.conversion.part(),
      breakdown: this.breakdown?.part() ?? null,
      feedback: this.feedback.part(),
      committed: this.committed.part(),
      trend: this.trend?.part() ?? null,
      latency: this.latency.map((t) => t.part()),
      reps: this.reps.map((t) => t.part()),
      definition: this.definition?.part() ?? null,
      money: this.money?.part() ?? null,
      movers: this.movers?.part() ?? null,
      proposals: this.proposals?.map((v) => v.part()) ?? null,
    };
  }

  /**
   * Adds the tallies of leads that come after this one's (another thread's part): the result is
   * that of folding all of them here, in order.
   */
  merge(p: TalliesPart): void {
    this.journeys += p.journeys;
    this.leadsUsed += p.leadsUsed;
    this.stages.merge(p.stages);
    this.conversion.merge(p.conversion);
    if (p.breakdown) this.breakdown?.merge(p.breakdown);
    this.feedback.merge(p.feedback);
    this.committed.merge(p.committed);
    if (p.trend) this.trend?.merge(p.trend);
    p.latency.forEach((t, h) => {
      (this.latency[h] as HandoffTally).merge(t);
    });
    p.reps.forEach((t, h) => {
      (this.reps[h] as RepTally).merge(t);
    });
    if (p.definition) this.definition?.merge(p.definition);
    if (p.money) this.money?.merge(p.money);
    if (p.movers) this.movers?.merge(p.movers);
    p.proposals?.forEach((v, h) => {
      this.proposals?.[h]?.merge(v);
    });
  }
}
