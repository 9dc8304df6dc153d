/** One lead's replay, step by step, with its SLA clocks: why it counted, why it breached. */

import type { Obligation } from "../metrics/obligations.js";
import { inertJson } from "../text.js";
import { formatInstant, formatShort } from "../time/format.js";
import type { SlaConfig, Timeline } from "../types.js";
import { printable } from "./format.js";
import type { Style } from "./style.js";

export interface TraceData {
  timeline: Timeline;
  obligations: Obligation[];
  asOf: number;
}

const at = (ms: number, zone: string) => formatInstant(ms, zone);
const hoursText = (ms: number, clock: "calendar" | "business") =>
  `${(ms / 3_600_000).toFixed(2)} ${clock === "business" ? "business hours" : "hours"}`;
const where = (p: { file: string; line: number } | null) => (p ? `${p.file}:${p.line}` : "");

/** The trace as a JSON document (instants in the SLA's zone). */
export function traceJson(t: TraceData, config: SlaConfig): string {
  const z = config.timezone;
  const { lead } = t.timeline;
  const doc = {
    schema_version: 1,
    as_of: at(t.asOf, z),
    lead: {
      id: lead.id,
      name: lead.name,
      company: lead.company,
      source: lead.source,
      created_at: lead.createdAt === null ? null : at(lead.createdAt, z),
      place: where(lead.place),
    },
    owners: t.timeline.owners.map((o) => ({ from: at(o.from, z), owner: o.owner, place: where(o.place) })),
    steps: (t.timeline.steps ?? []).map((s) => ({
      at: at(s.at, z),
      place: where(s.place),
      input: s.input,
      effect: s.effect,
      journey: s.journey,
    })),
    journeys: t.timeline.journeys.map((j) => ({
      journey: j.number,
      entries: config.stages.flatMap((s) => {
        const e = j.entries[s.index];
        return e ? [{ stage: s.id, at: at(e.at, z), backfilled: e.backfilled }] : [];
      }),
      end: j.end
        ? { at: at(j.end.at, z), kind: j.end.kind, outcome: j.end.outcome, reason: j.end.reason }
        : null,
    })),
    obligations: t.obligations.map((o) => ({
      handoff: o.handoff,
      journey: o.journey,
      entered: at(o.entryAt, z),
      clock_start: at(o.clockStart, z),
      deadline: at(o.deadline, z),
      restarts: o.restarts,
      clock: o.clock,
      runs: o.runs.map((r) => ({
        owner: r.owner,
        from: at(r.from, z),
        counting_from: at(r.start, z),
        deadline: at(r.deadline, z),
        clock: r.clock,
      })),
      waited_hours: o.latencyMs === null ? null : Math.round(o.latencyMs / 36_000) / 100,
      response: o.response
        ? { at: at(o.response.at, z), what: o.response.what, place: where(o.response.place) }
        : null,
      status: o.status,
      owner: o.owner,
    })),
    activities: t.timeline.activities.map((a) => ({
      subtype: a.subtype,
      status: a.status,
      at: at(a.at, z),
      type: a.type,
      owner: a.owner,
      place: where(a.place),
    })),
  };
  return `${inertJson(JSON.stringify(doc, null, 2))}\n`;
}

/**
 * The trace as text: lead, owners, replay steps, journeys, SLA clocks. Every string from the data
 * is made printable as it is written, before colour codes are added around it (not by a deep copy
 * of the timeline first: a lead with a million history rows spent a minute copying and collecting).
 */
export function traceText(t: TraceData, config: SlaConfig, style: Style): string {
  const z = config.timezone;
  const s = (ms: number) => formatShort(ms, z);
  const p = (text: string | null | undefined) => (text ? printable(text) : "");
  const w = (place: { file: string; line: number } | null) => p(where(place));
  const b = style.chalk.bold;
  const { lead } = t.timeline;
  const lines: string[] = [];
  const created = lead.createdAt === null ? "no valid created time" : `created ${s(lead.createdAt)}`;
  lines.push(
    b(`Lead ${p(lead.id)}`) +
      ` · ${[p(lead.name), p(lead.company), lead.source && `source ${p(lead.source)}`].filter(Boolean).join(" · ")} · ${created} (${w(lead.place)})`,
  );
  lines.push(`as of ${s(t.asOf)} ${z}`, "", b("Owners"));
  for (const o of t.timeline.owners)
    lines.push(`  ${s(o.from)}  ${p(o.owner) || "(unassigned)"}  ${w(o.place)}`);
  lines.push("", b("Replay (events in order: time, then waterfall order)"));
  for (const step of t.timeline.steps ?? [])
    lines.push(
      `  ${s(step.at)}  ${`j${step.journey ?? "-"}`.padEnd(3)}  ${p(step.input).padEnd(22)}  ${p(step.effect)}  ${style.chalk.dim(w(step.place))}`,
    );
  lines.push("", b("Journeys"));
  for (const j of t.timeline.journeys) {
    const entries = config.stages.flatMap((st) => {
      const e = j.entries[st.index];
      return e ? [`${p(st.id)} ${s(e.at)}${e.backfilled ? " (backfilled)" : ""}`] : [];
    });
    const end = j.end
      ? `ended ${s(j.end.at)}: ${p(j.end.outcome) || "completed"}${j.end.reason ? ` (${p(j.end.reason)})` : ""}`
      : "open";
    lines.push(`  journey ${j.number}: ${entries.join(" → ")}; ${end}`);
  }
  lines.push("", b("SLA clocks"));
  if (t.obligations.length === 0)
    lines.push("  none: the lead never really entered a stage that starts a handoff clock");
  for (const o of t.obligations) {
    const status =
      o.status === "met"
        ? style.chalk.green(o.status)
        : o.status === "pending"
          ? o.status
          : style.chalk.red(o.status);
    const answer = o.response
      ? `answered ${s(o.response.at)} by ${p(o.response.what)} (${w(o.response.place)})`
      : "no response yet";
    lines.push(`  ${b(p(o.handoff))} (journey ${o.journey}): entered ${s(o.entryAt)}`);
    o.runs.forEach((run, k) => {
      const why = k === 0 ? "clock" : "reassigned: new clock";
      const counting = run.start !== run.from ? ` (counting from ${s(run.start)})` : "";
      lines.push(
        `    ${why} for ${p(run.owner) || "(unassigned)"} on ${p(run.clock)} from ${s(run.from)}${counting}, deadline ${s(run.deadline)}`,
      );
    });
    const waits = o.latencyMs === null ? "" : `; waited ${hoursText(o.latencyMs, o.clock)}`;
    lines.push(`    ${answer}${waits} → ${status}; accountable: ${p(o.owner) || "(unassigned)"}`);
  }
  lines.push("", b("Activities"));
  if (t.timeline.activities.length === 0) lines.push("  none");
  for (const a of t.timeline.activities)
    lines.push(
      `  ${s(a.at)}  ${[a.type, a.subtype, a.status].filter(Boolean).map(p).join(" / ").padEnd(24)}  ${p(a.owner) || "(no owner)"}  ${style.chalk.dim(w(a.place))}`,
    );
  return `${lines.join("\n")}\n`;
}
