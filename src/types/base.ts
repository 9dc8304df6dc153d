/** The ground floor's shapes: instants, places in files, severities, calendars and clock windows. */

/** How sure a finding is that a row was lost or misread (errors.ts, findings.ts). */
export type Severity = "error" | "warning" | "info";

export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface CalendarDef {
  id: string;
  /** Null: the zone comes from the rep (reps file) or the SLA. */
  timezone: string | null;
  days: Weekday[];
  /** Minutes after local midnight, [start, end) in order, not overlapping; end may be 1440. */
  hours: { start: number; end: number }[];
  holidays: { dates: string[]; country: string | null; region: string | null };
}

export type WindowUnit = "calendar" | "business_hours" | "business_days";

export interface ClockWindow {
  unit: WindowUnit;
  /** Milliseconds for calendar and business-hours windows; a count of days for business days. */
  amount: number;
}

export type Millis = number;

/** A row's place in an input file, kept from ingest to report. */
export interface Place {
  file: string;
  line: number;
}
