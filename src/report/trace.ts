/** One lead's replay, step by step, with its SLA clocks: why it counted, why it breached. */

import type { DefinitionTrace } from "../metrics/definition-trace.js";
import { engagementsOf } from "../metrics/definitions.js";
import type { TracedOpportunity } from "../metrics/money.js";
import type { Obligation } from "../metrics/obligations.js";
import { inertJson } from "../text.js";
import { formatInstant, formatShort } from "../time/format.js";
import type { SlaConfig, Timeline } from "../types.js";
import { printable } from "./format.js";
import type { Style } from "./style.js";
import { definitionJson, definitionLines } from "./trace-definitions.js";
import { opportunitiesJson, opportunityLines } from "./trace-money.js";

export interface TraceData {
  timeline: Timeline;
  obligations: Obligation[];
  asOf: number;
  /** The lead against the written definition (absent when the SLA has none). */
  definitions?: DefinitionTrace;
  /** The lead's opportunities as of as-of (absent when the SLA names none). */
  opportunities?: TracedOpportunity[];
}

const at = (ms: number, zone: string) => formatInstant(ms, zone);
const hoursText = (ms: number, clock: "calendar" | "business") =>
  `${(ms / 3_600_000).toFixed(2)} ${clock === "business" ? "business hours" : "hours"}`;
const where = (p: { file: string; line: number } | null) => (p ? `${p.file}:${p.line}` : "");

/** The lead and its owners, instants in the SLA's zone. */
function leadJson(t: TraceData, z: string) {
  const { lead } = t.timeline;
  return {
    lead: {
      id: lead.id,
      name: lead.name,
      company: lead.company,
      source: lead.source,
      created_at: lead.createdAt === null ? null : at(lead.createdAt, z),
      place: where(lead.place),
    },
    owners: t.timeline.owners.map((o) => ({ from: at(o.from, z), owner: o.owner, place: where(o.place) })),
  };
}

/** Each journey: the stages it entered, in waterfall order, and how it ended. */
function journeysJson(t: TraceData, config: SlaConfig, z: string) {
  return t.timeline.journeys.map((j) => ({
    journey: j.number,
    entries: config.stages.flatMap((s) => {
      const e = j.entries[s.index];
      return e ? [{ stage: s.id, at: at(e.at, z), backfilled: e.backfilled }] : [];
    }),
    end: j.end
      ? { at: at(j.end.at, z), kind: j.end.kind, outcome: j.end.outcome, reason: j.end.reason }
      : null,
  }));
}

/** One SLA clock: its runs (a new one per reassignment), the response, the status. */
function obligationJson(o: Obligation, z: string) {
  return {
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
  };
}

/** The trace as a JSON document (instants in the SLA's zone). */
export function traceJson(t: TraceData, config: SlaConfig): string {
  const z = config.timezone;
  const doc = {
    schema_version: 1,
    as_of: at(t.asOf, z),
    ...leadJson(t, z),
    steps: (t.timeline.steps ?? []).map((s) => ({
      at: at(s.at, z),
      place: where(s.place),
      input: s.input,
      effect: s.effect,
      journey: s.journey,
    })),
    journeys: journeysJson(t, config, z),
    obligations: t.obligations.map((o) => obligationJson(o, z)),
    ...(t.definitions ? definitionJson(t.definitions, engagementsOf(t.timeline), z) : {}),
    ...(t.opportunities ? { opportunities: opportunitiesJson(t.opportunities, z) } : {}),
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

/** How the text trace writes an instant, a data string, a place; and its style. */
interface Pen {
  s: (ms: number) => string;
  p: (text: string | null | undefined) => string;
  w: (place: { file: string; line: number } | null) => string;
  b: (text: string) => string;
  style: Style;
}

/** The lead line, the as-of line, and who owned the lead from when. */
function leadLines(t: TraceData, z: string, { s, p, w, b }: Pen): string[] {
  const { lead } = t.timeline;
  const created = lead.createdAt === null ? "no valid created time" : `created ${s(lead.createdAt)}`;
  return [
    b(`Lead ${p(lead.id)}`) +
      ` · ${[p(lead.name), p(lead.company), lead.source && `source ${p(lead.source)}`].filter(Boolean).join(" · ")} · ${created} (${w(lead.place)})`,
    `as of ${s(t.asOf)} ${z}`,
    "",
    b("Owners"),
    ...t.timeline.owners.map((o) => `  ${s(o.from)}  ${p(o.owner) || "(unassigned)"}  ${w(o.place)}`),
  ];
}

/** The replay steps, then each journey's entries and end. */
function replayLines(t: TraceData, config: SlaConfig, { s, p, w, b, style }: Pen): string[] {
  const lines = ["", b("Replay (events in order: time, then waterfall order)")];
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
  return lines;
}

/** One SLA clock: when it started, each run of it (a new one per reassignment), how it ended. */
function clockLines(o: Obligation, { s, p, w, b, style }: Pen): string[] {
  const status =
    o.status === "met"
      ? style.chalk.green(o.status)
      : o.status === "pending"
        ? o.status
        : style.chalk.red(o.status);
  const answer = o.response
    ? `answered ${s(o.response.at)} by ${p(o.response.what)} (${w(o.response.place)})`
    : "no response yet";
  const lines = [`  ${b(p(o.handoff))} (journey ${o.journey}): entered ${s(o.entryAt)}`];
  o.runs.forEach((run, k) => {
    const why = k === 0 ? "clock" : "reassigned: new clock";
    const counting = run.start !== run.from ? ` (counting from ${s(run.start)})` : "";
    lines.push(
      `    ${why} for ${p(run.owner) || "(unassigned)"} on ${p(run.clock)} from ${s(run.from)}${counting}, deadline ${s(run.deadline)}`,
    );
  });
  const waits = o.latencyMs === null ? "" : `; waited ${hoursText(o.latencyMs, o.clock)}`;
  lines.push(`    ${answer}${waits} → ${status}; accountable: ${p(o.owner) || "(unassigned)"}`);
  return lines;
}

/** The lead's activities, in time order. */
function activityLines(t: TraceData, { s, p, w, b, style }: Pen): string[] {
  const lines = ["", b("Activities")];
  if (t.timeline.activities.length === 0) lines.push("  none");
  for (const a of t.timeline.activities)
    lines.push(
      `  ${s(a.at)}  ${[a.type, a.subtype, a.status].filter(Boolean).map(p).join(" / ").padEnd(24)}  ${p(a.owner) || "(no owner)"}  ${style.chalk.dim(w(a.place))}`,
    );
  return lines;
}

/** The pen the definition's lines are written with. */
function definitionPen({ s, p, b, style }: Pen) {
  return { s, p, b, ok: style.chalk.green, bad: style.chalk.red, dim: style.chalk.dim };
}

/**
 * The trace as text: lead, owners, replay steps, journeys, SLA clocks. Every string from the data
 * is made printable as it is written, before colour codes are added around it (not by a deep copy
 * of the timeline first: a lead with a million history rows spent a minute copying and collecting).
 */
export function traceText(t: TraceData, config: SlaConfig, style: Style): string {
  const z = config.timezone;
  const p = (text: string | null | undefined) => (text ? printable(text) : "");
  const pen: Pen = {
    s: (ms) => formatShort(ms, z),
    p,
    w: (place) => p(where(place)),
    b: style.chalk.bold,
    style,
  };
  const clocks = ["", pen.b("SLA clocks")];
  if (t.obligations.length === 0)
    clocks.push("  none: the lead never really entered a stage that starts a handoff clock");
  return `${[
    ...leadLines(t, z, pen),
    ...replayLines(t, config, pen),
    ...clocks,
    ...t.obligations.flatMap((o) => clockLines(o, pen)),
    ...(t.definitions ? definitionLines(t.definitions, definitionPen(pen)) : []),
    ...(t.opportunities ? opportunityLines(t.opportunities, { ...pen, dim: style.chalk.dim }) : []),
    ...activityLines(t, pen),
  ].join("\n")}\n`;
}
