/** `audit --movers`: the earlier period's group tallies (a baseline's, or the previous period replayed) and the section. */

import { UserError } from "../errors.js";
import type { AuditOptions } from "../metrics/index.js";
import type { MoversSection } from "../metrics/movers-types.js";
import type { Report } from "../metrics/types.js";
import { instantOfLocal, offsetAt } from "../time/zone.js";
import type { Millis } from "../types.js";

/** What the movers section is computed from: the report, its period, and how to audit another one. */
export interface MoversInputs {
  report: Report;
  period: { from: Millis; to: Millis };
  asOf: Millis;
  /** The SLA's timezone: the previous period is as long on its wall clock. */
  zone: string;
  options: AuditOptions;
  /** The --baseline file's name and report, when given. */
  baseline?: { file: string; report: Report };
  /** Audits the same inputs over another period, as of another instant. */
  audit: (options: AuditOptions) => Promise<Report>;
}

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

/** The movers section: against the baseline's tallies with --baseline, else the previous period's. */
export async function moversOf(m: MoversInputs): Promise<MoversSection> {
  const { moversSection, groupTalliesProblem } = await import("../metrics/movers.js");
  const now = m.report.group_tallies;
  if (!now) throw new UserError("--movers: this report has no group tallies");
  if (m.baseline) {
    const problem = groupTalliesProblem(m.baseline.report);
    if (problem)
      throw new UserError(
        `--movers --baseline ${m.baseline.file}: ${problem}; write the baseline again with this version's \`audit --format json\` over its period, or leave out --baseline to compare with the previous period (--from)`,
      );
    const b = m.baseline.report;
    const before = { as_of: b.as_of, from: b.period.from, to: b.period.to };
    return moversSection(now, b.group_tallies as NonNullable<Report["group_tallies"]>, "baseline", before);
  }
  if (m.options.from === undefined)
    throw new UserError(
      "--movers compares with an earlier period: pass --from (and --to) to compare with the previous period of the same length, or --baseline <report.json>",
    );
  const prev = previousPeriod(m.period, m.asOf, m.zone);
  const { baseline: _, trend: __, by: ___, ...rest } = m.options;
  const earlier = await m.audit({ ...rest, ...prev, keep: "report" });
  const before = { as_of: earlier.as_of, from: earlier.period.from, to: earlier.period.to };
  return moversSection(
    now,
    earlier.group_tallies as NonNullable<Report["group_tallies"]>,
    "previous period",
    before,
  );
}
