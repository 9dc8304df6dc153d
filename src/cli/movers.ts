/** `audit --movers`: the earlier period's group tallies (a baseline's, or the previous period replayed) and the section. */

import { UserError } from "../errors.js";
import type { AuditOptions } from "../metrics/index.js";
import type { MoversSection } from "../metrics/movers-types.js";
import type { Report } from "../metrics/types.js";
import { instantOfLocal, offsetAt } from "../time/zone.js";
import type { Millis } from "../types.js";

/**
 * The previous period of the same length on the SLA zone's wall clock (April 1-30 → March 2-31,
 * whatever daylight saving does between), ending 1 ms before this one starts, and judged as of
 * the same time after its end as this one (as a report written then would read).
 */
export function previousPeriod(
  period: { from: Millis; to: Millis },
  asOf: Millis,
  zone: string,
): { from: Millis; to: Millis; asOf: Millis } {
  const local = (t: Millis) => t + offsetAt(t, zone);
  const to = period.from - 1;
  const from = instantOfLocal(local(to) - (local(period.to) - local(period.from)), zone);
  return { from, to, asOf: asOf - (period.to - to) };
}

/**
 * The movers section: against the baseline's group tallies with --baseline, else against the
 * previous period's, audited again with `run` (the same inputs and options, another period).
 */
export async function moversOf(
  now: { report: Report; period: { from: Millis; to: Millis }; asOf: Millis },
  zone: string,
  options: AuditOptions,
  run: (options: AuditOptions) => Promise<{ report: Report }>,
  baseline?: Report,
  file?: string,
): Promise<MoversSection> {
  const { moversSection, groupTalliesProblem } = await import("../metrics/movers.js");
  const tallies = (r: Report) => r.group_tallies as NonNullable<Report["group_tallies"]>;
  if (baseline) {
    const problem = groupTalliesProblem(baseline);
    if (problem)
      throw new UserError(
        `--movers --baseline ${file}: ${problem}; write the baseline again with this version's \`audit --format json\` over its period, or leave out --baseline to compare with the previous period (--from)`,
      );
    const before = { as_of: baseline.as_of, from: baseline.period.from, to: baseline.period.to };
    return moversSection(tallies(now.report), tallies(baseline), "baseline", before);
  }
  if (options.from === undefined)
    throw new UserError(
      "--movers compares with an earlier period: pass --from (and --to) to compare with the previous period of the same length, or --baseline <report.json>",
    );
  const prev = previousPeriod(now.period, now.asOf, zone);
  return againstPrevious(tallies(now.report), prev, "previous period", options, run);
}

/**
 * The movers section against an earlier period `prev` (with its as-of), audited again with `run`
 * (the same inputs and options, only the group tallies read); `now`: the later period's tallies.
 */
export async function againstPrevious(
  now: NonNullable<Report["group_tallies"]>,
  prev: { from: Millis; to: Millis; asOf: Millis },
  against: MoversSection["against"],
  options: AuditOptions,
  run: (options: AuditOptions) => Promise<{ report: Report }>,
): Promise<MoversSection> {
  const earlier = (await run(previousOptions(options, prev))).report;
  return moversAgainst(now, earlier, against);
}

/**
 * The options of the earlier period's audit: the same, over `prev` as of its as-of, only its group
 * tallies read (so only the leads that may have a journey by then are replayed: onlyGroups).
 */
export function previousOptions(
  options: AuditOptions,
  prev: { from: Millis; to: Millis; asOf: Millis },
): AuditOptions {
  const { baseline: _, trend: __, by: ___, groupsPeriod: ____, proposals: _____, ...rest } = options;
  return { ...rest, ...prev, groups: true, keep: "report", onlyGroups: true };
}

/** The movers section: `now` against the earlier report's group tallies. */
export async function moversAgainst(
  now: NonNullable<Report["group_tallies"]>,
  earlier: Report,
  against: MoversSection["against"],
): Promise<MoversSection> {
  const { moversSection } = await import("../metrics/movers.js");
  const before = { as_of: earlier.as_of, from: earlier.period.from, to: earlier.period.to };
  return moversSection(now, earlier.group_tallies as NonNullable<Report["group_tallies"]>, against, before);
}
