/** The trace as tables, for `trace --format csv|md|html`: one table per part of the terminal's trace. */

/*
 * The same lines as the terminal's trace (trace.ts), one table per part. CSV is the lead's
 * timeline (the replay steps, one row each), the rows an analyst sorts and filters; Markdown and
 * HTML show every part.
 */

import { engagementsOf } from "../metrics/definitions.js";
import { formatInstant } from "../time/format.js";
import type { SlaConfig } from "../types.js";
import { tableCsv } from "./csv.js";
import { shortIso } from "./format.js";
import { html, joinHtml } from "./html/escape.js";
import { tableHtml } from "./html/tables.js";
import { pageHead } from "./html.js";
import { escapeMd } from "./markdown.js";
import type { Cell, Tabular } from "./tabular.js";
import type { TraceData } from "./trace.js";
import { definitionTable, engagementsTable } from "./trace-definitions.js";
import { OPPORTUNITY_HEAD, opportunityCells } from "./trace-money.js";

const where = (p: { file: string; line: number } | null) => (p ? `${p.file}:${p.line}` : "");
// Tabular's section names a part of the audit report; no trace renderer reads it.
const part = (id: string, title: string, note: string, head: string[], rows: Cell[][]): Tabular => ({
  id,
  section: "latency",
  title,
  note,
  head,
  rows,
  shares: [],
});

/** The replay steps: time, journey, the row's value, what the stage machine did with it, where. */
function timeline(t: TraceData, z: string): Tabular {
  return part(
    "timeline",
    "Replay",
    "events in order: time, then waterfall order",
    ["at", "journey", "input", "effect", "place"],
    (t.timeline.steps ?? []).map((s) => [
      formatInstant(s.at, z),
      s.journey,
      s.input,
      s.effect,
      where(s.place),
    ]),
  );
}

/** An instant as the trace tables show it: short ISO in the SLA's zone. */
type Short = (ms: number) => string;

function ownersTable(t: TraceData, s: Short): Tabular {
  return part(
    "owners",
    "Owners",
    "who owned the lead from when",
    ["from", "owner", "place"],
    t.timeline.owners.map((o) => [s(o.from), o.owner ?? "(unassigned)", where(o.place)]),
  );
}

function journeysTable(t: TraceData, config: SlaConfig, s: Short): Tabular {
  return part(
    "journeys",
    "Journeys",
    "stages entered, in waterfall order; (b) backfilled",
    ["journey", "entries", "end"],
    t.timeline.journeys.map((j) => [
      j.number,
      config.stages
        .flatMap((st) => {
          const e = j.entries[st.index];
          return e ? [`${st.id} ${s(e.at)}${e.backfilled ? " (b)" : ""}`] : [];
        })
        .join(" → "),
      j.end
        ? `${s(j.end.at)} ${j.end.outcome ?? "completed"}${j.end.reason ? ` (${j.end.reason})` : ""}`
        : "open",
    ]),
  );
}

function clocksTable(t: TraceData, s: Short): Tabular {
  return part(
    "clocks",
    "SLA clocks",
    "each handoff clock of the lead, whatever the period; waited: hours on the handoff's clock (business hours on a business clock)",
    ["handoff", "journey", "entered", "deadline", "answer", "waited_hours", "status", "accountable"],
    t.obligations.map((o) => [
      o.handoff,
      o.journey,
      s(o.entryAt),
      s(o.deadline),
      o.response ? `${s(o.response.at)} ${o.response.what} (${where(o.response.place)})` : "no response yet",
      o.latencyMs === null ? null : Math.round(o.latencyMs / 36_000) / 100,
      o.status,
      o.owner ?? "(unassigned)",
    ]),
  );
}

function activitiesTable(t: TraceData, s: Short): Tabular {
  return part(
    "activities",
    "Activities",
    "the lead's activities, in time order",
    ["at", "activity", "owner", "place"],
    t.timeline.activities.map((a) => [
      s(a.at),
      [a.type, a.subtype, a.status].filter(Boolean).join(" / "),
      a.owner ?? "(no owner)",
      where(a.place),
    ]),
  );
}

/** Every part of the trace as a table (the terminal trace's sections, in its order). */
export function traceTables(t: TraceData, config: SlaConfig): Tabular[] {
  const z = config.timezone;
  const s = (ms: number) => shortIso(formatInstant(ms, z));
  const replay = timeline(t, z);
  return [
    ownersTable(t, s),
    { ...replay, rows: replay.rows.map((r) => [shortIso(r[0] as string), ...r.slice(1)]) },
    journeysTable(t, config, s),
    clocksTable(t, s),
    ...(t.definitions
      ? [definitionTable(t.definitions, s), engagementsTable(engagementsOf(t.timeline), s)]
      : []),
    ...(t.opportunities
      ? [
          part(
            "opportunities",
            "Opportunities",
            "the lead's opportunities as of as-of",
            OPPORTUNITY_HEAD,
            t.opportunities.map((o) => opportunityCells(o, s)),
          ),
        ]
      : []),
    activitiesTable(t, s),
  ];
}

/** The lead's timeline as CSV: one row per replay step, full ISO instants in the SLA's zone. */
export function traceCsv(t: TraceData, config: SlaConfig): string {
  return tableCsv(timeline(t, config.timezone));
}

const heading = (t: TraceData, z: string) =>
  `Lead ${t.timeline.lead.id} as of ${shortIso(formatInstant(t.asOf, z))} ${z}`;

/** The trace as Markdown: a heading, then each part as a table (a PR comment or a ticket). */
export function traceMarkdown(t: TraceData, config: SlaConfig): string {
  const cell = (c: Cell) => (c === null ? "–" : escapeMd(String(c)));
  const blocks = traceTables(t, config).map((tab) => {
    const rows = tab.rows.map((r) => `| ${r.map(cell).join(" | ")} |`);
    const body = rows.length
      ? [`| ${tab.head.map(cell).join(" | ")} |`, `|${tab.head.map(() => " --- ").join("|")}|`, ...rows].join(
          "\n",
        )
      : "_none_";
    return `### ${escapeMd(tab.title)}\n\n_${escapeMd(tab.note)}_\n\n${body}`;
  });
  return `## ${escapeMd(heading(t, config.timezone))}\n\n${blocks.join("\n\n")}\n`;
}

/** The trace as one self-contained HTML page, under the report's Content-Security-Policy. */
export function traceHtml(t: TraceData, config: SlaConfig): string {
  const title = heading(t, config.timezone);
  // Waited hours are business hours on a business clock: the units under the table say which.
  const clocks = {
    latency: {
      handoffs: config.handoffs.map((h) => ({
        id: h.id,
        clock: h.within.unit === "calendar" ? ("calendar" as const) : ("business" as const),
      })),
    },
  };
  return html`<!doctype html>
<html lang="en">
${pageHead(`funnel-audit trace: ${title}`)}
<body>
<main>
<h1>${title}</h1>
${joinHtml(traceTables(t, config).map((table) => tableHtml(clocks, table)))}
</main>
</body>
</html>
`.text;
}
