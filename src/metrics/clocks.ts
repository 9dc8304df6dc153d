/** Which clock counts an obligation: calendar time, or the business calendar of handoff or rep. */

/**
 * Which clock counts an obligation: calendar time for calendar windows; for business windows
 * the calendar of the handoff (`calendar:`) or of the owning rep (reps file `calendar`, then
 * `assign.reps`, `assign.teams`, `default_calendar`), in the rep's zone, else the calendar's,
 * else the SLA's.
 */

import { BusinessCalendar } from "../time/calendar.js";
import { businessClock, type Clock, calendarClock } from "../time/clock.js";
import type { HandoffDef, Rep, SlaConfig } from "../types.js";

export type ClockFor = (owner: string | null) => Clock;

/** Resolves reps by id or name. */
export function repIndex(reps: readonly Rep[]): Map<string, Rep> {
  const index = new Map<string, Rep>();
  for (const r of reps) index.set(r.id, r);
  for (const r of reps) if (r.name && !index.has(r.name)) index.set(r.name, r);
  return index;
}

/** A function giving, per handoff, the clock of an owner; clocks are built once and shared. */
export function clockBook(config: SlaConfig, reps: readonly Rep[]): (handoff: HandoffDef) => ClockFor {
  const byName = repIndex(reps);
  const defs = new Map(config.calendars.map((c) => [c.id, c]));
  const cache = new Map<string, Clock>();
  const clock = (calendarId: string | null, zone: string | null): Clock => {
    const def = calendarId === null ? undefined : defs.get(calendarId);
    if (!def) return calendarClock; // config rules ensure a calendar exists for business windows
    const z = zone ?? def.timezone ?? config.timezone;
    const key = `${def.id}\u0000${z}`;
    let c = cache.get(key);
    if (!c) {
      c = businessClock(new BusinessCalendar(def, z));
      cache.set(key, c);
    }
    return c;
  };
  return (handoff) => {
    if (handoff.within.unit === "calendar") return () => calendarClock;
    if (handoff.calendar) {
      const fixed = clock(handoff.calendar, null);
      return () => fixed;
    }
    return (owner) => {
      const rep = owner === null ? undefined : byName.get(owner);
      return clock(ownerCalendarId(config, rep, owner), rep?.timezone ?? null);
    };
  };
}

/** An owner's calendar id: the reps file's, then `assign.reps`, `assign.teams`, `default_calendar`. */
export function ownerCalendarId(
  config: SlaConfig,
  rep: Rep | undefined,
  owner: string | null,
): string | null {
  return (
    rep?.calendar ??
    (owner !== null ? config.assign.reps[owner] : undefined) ??
    (rep
      ? (config.assign.reps[rep.id] ?? (rep.name ? config.assign.reps[rep.name] : undefined))
      : undefined) ??
    (rep?.team ? config.assign.teams[rep.team] : undefined) ??
    config.defaultCalendar
  );
}

/** Each rep's team (by rep id and name), from the reps file. */
export function teamsOf(reps: readonly Rep[]): Map<string, string> {
  const teams = new Map<string, string>();
  for (const r of reps) if (r.team) for (const k of [r.id, r.name]) if (k) teams.set(k, r.team);
  return teams;
}
