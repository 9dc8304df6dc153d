/** One handoff's row of the report (also marketing's pass clocks in `definitions.leakage`). */

export interface HandoffRow {
  id: string;
  description: string | null;
  from: string;
  within: string;
  clock: "calendar" | "business";
  /** The calendar the handoff is pinned to; null when each owner's calendar counts. */
  calendar: string | null;
  target: number;
  obligations: number;
  met: number;
  late: number;
  missed: number;
  pending: number;
  compliance: number | null;
  compliance_low: number | null;
  compliance_high: number | null;
  small_sample: boolean;
  target_met: boolean | null;
  /** Hours are business hours on a business clock. */
  p50_hours: number | null;
  p90_hours: number | null;
  p95_hours: number | null;
  max_hours: number | null;
  /** Of the answered wait: the system's part (entry -> a rep owns the lead) and the person's (rep -> response). */
  delay: { system_p50_hours: number | null; person_p50_hours: number | null; system_share: number | null };
  /** Speed to lead: the share of decided obligations answered within each time (on the handoff's clock). */
  speed: { within: string; share: number | null }[];
}
