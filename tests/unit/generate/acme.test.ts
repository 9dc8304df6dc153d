import { readFileSync } from "node:fs";
import { TZDate } from "@date-fns/tz";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  collectFunnel,
  type FunnelOptions,
  funnelManifest,
  generateFunnel,
} from "../../../scripts/generate/acme.js";
import {
  ACTIVITIES_HEADER,
  LEADS_HEADER,
  OWNER_HISTORY_HEADER,
  REPS_HEADER,
  STAGE_HISTORY_HEADER,
} from "../../../scripts/generate/columns.js";
import { competitorRows, ENGAGEMENTS_HEADER } from "../../../scripts/generate/engagements.js";
import { type FunnelManifest, manifestCount } from "../../../scripts/generate/manifest.js";
import { COMPANY_SPACE, FIRST_NAMES, LAST_NAMES, personFor, slug } from "../../../scripts/generate/people.js";
import { Rng } from "../../../scripts/generate/random.js";
import { ROUTING_QUEUE } from "../../../scripts/generate/sales-org.js";
import {
  addWorkingTime,
  DAYS_OFF,
  lastWorkingMinuteBefore,
  nextWorkingTime,
  REP_CALENDAR,
  ROUTING_CALENDAR,
} from "../../../scripts/generate/working-time.js";
import { formatLocal, localToInstant, localToInstantTz } from "../../../scripts/generate/zone-time.js";

const ZONE = "America/New_York";
const NY = { timezone: ZONE };
const ACME: FunnelOptions = { seed: 20260501, leads: 2000, start: "2026-05-01", end: "2026-10-31", ...NY };
const root = new URL("../../../", import.meta.url);

interface SlaStage {
  id: string;
  matches: string[];
}
const sla = parse(readFileSync(new URL("sla.example.yaml", root), "utf8")) as {
  stages: SlaStage[];
  outcomes: SlaStage[];
  sources: Record<string, { columns?: Record<string, string> }>;
};
const stageOf = new Map<string, string>();
for (const s of [...sla.stages, ...sla.outcomes]) for (const m of s.matches) stageOf.set(m, s.id);

const acme = collectFunnel(ACME);
const ids = (m: FunnelManifest, kind: Parameters<typeof manifestCount>[1]) =>
  m.entries.find((e) => e.kind === kind)?.leadIds ?? [];

const UTC_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const LOCAL_T_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
const LOCAL_SPACE_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Parses a time stamp in one format (local ones in New York time); NaN if it does not fit. */
function instant(text: string, re: RegExp): number {
  const m = re.exec(text);
  if (m === null) return Number.NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (h > 23 || mi > 59 || s > 59 || new Date(Date.UTC(y, mo - 1, d)).getUTCMonth() !== mo - 1)
    return Number.NaN;
  return re === UTC_RE
    ? Date.UTC(y, mo - 1, d, h, mi, s)
    : new TZDate(y, mo - 1, d, h, mi, s, ZONE).getTime();
}

/** Days off of the reps and the routing desk (US holidays in 2026 and the summer shutdown). */
const DAYS_OFF_2026 = ["2026-05-25", "2026-06-19", "2026-07-03", "2026-08-14", "2026-09-07", "2026-10-12"];

/** True if `ms` is on a working day in `zone` and its local minute of day lies in one of `windows`. */
function inHours(ms: number, zone: string, windows: [number, number][]): boolean {
  const local = new TZDate(ms, zone);
  const date = [local.getFullYear(), local.getMonth() + 1, local.getDate()]
    .map((n) => String(n).padStart(2, "0"))
    .join("-");
  const day = local.getDay();
  if (day === 0 || day === 6 || DAYS_OFF_2026.includes(date)) return false;
  const minute = local.getHours() * 60 + local.getMinutes();
  return windows.some(([start, end]) => minute >= start && minute < end);
}
const REP_HOURS: [number, number][] = [
  [540, 720],
  [780, 1020],
];
const DESK_HOURS: [number, number][] = [[540, 1020]];

function groupBy(rows: string[][], column: number): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const row of rows) {
    const key = row[column] as string;
    const list = out.get(key);
    if (list === undefined) out.set(key, [row]);
    else list.push(row);
  }
  return out;
}

describe("generateFunnel", () => {
  it("gives identical output for the same seed and different output for another seed", () => {
    const small = { ...ACME, leads: 400 };
    expect(collectFunnel(small)).toEqual(collectFunnel(small));
    const other = collectFunnel({ ...small, seed: 7 });
    expect(other.leads).not.toEqual(collectFunnel(small).leads);
    expect(other.history).not.toEqual(collectFunnel(small).history);
  });

  it("does not depend on the host time zone", () => {
    const small = { ...ACME, leads: 300 };
    const before = process.env.TZ;
    try {
      process.env.TZ = "Pacific/Chatham";
      const chatham = collectFunnel(small);
      process.env.TZ = "Asia/Kolkata";
      expect(collectFunnel(small)).toEqual(chatham);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it("matches the committed examples/acme files", () => {
    const file = (name: string) => readFileSync(new URL(`examples/acme/${name}`, root), "utf8");
    const csv = (header: readonly string[], rows: string[][]) =>
      stringify([[...header], ...rows], { record_delimiter: "unix" });
    expect(file("leads.csv")).toBe(csv(LEADS_HEADER, acme.leads));
    expect(file("stage_history.csv")).toBe(csv(STAGE_HISTORY_HEADER, acme.history));
    expect(file("activities.csv")).toBe(csv(ACTIVITIES_HEADER, acme.activities));
    expect(file("owner_history.csv")).toBe(csv(OWNER_HISTORY_HEADER, acme.ownerHistory));
    expect(file("reps.csv")).toBe(csv(REPS_HEADER, acme.reps));
    expect(file("engagements.csv")).toBe(csv(ENGAGEMENTS_HEADER, acme.engagements));
    expect(file("competitors.csv")).toBe(csv(["name", "domain"], competitorRows()));
    const readme = file("README.md");
    const fmt = (n: number) => n.toLocaleString("en-US");
    const counted = (name: string, n: number) => new RegExp(`\\| ${name} +\\| +${fmt(n)} \\|`);
    expect(readme).toMatch(counted("owner_history\\.csv", acme.ownerHistory.length));
    expect(readme).toMatch(counted("activities\\.csv", acme.activities.length));
    expect(readme).toMatch(counted("engagements\\.csv", acme.engagements.length));
    const { queueRoutedLeads, scheduledActivities, outcomesWithoutReason } = acme.manifest;
    expect(readme).toMatch(new RegExp(`queueRoutedLeads.*\\| +${fmt(queueRoutedLeads)} leads \\|`));
    expect(readme).toMatch(new RegExp(`scheduledActivities.*\\| +${fmt(scheduledActivities)} rows \\|`));
    expect(readme).toMatch(new RegExp(`outcomesWithoutReason.*\\| +${fmt(outcomesWithoutReason)} rows \\|`));
  });

  it("plants one lead named <script>alert(1)</script>, so reports show they escape it", () => {
    const named = acme.leads.filter((l) => l[2] === "<script>alert(1)</script>");
    expect(named.map((l) => l[0])).toEqual(ids(acme.manifest, "markupName"));
    expect(named.length).toBe(1);
    expect(manifestCount(acme.manifest, "markupName")).toBe(1);
  });

  it("streams lazily, so a million leads start at once", () => {
    const first = generateFunnel({ ...ACME, leads: 1_000_000 }).next();
    if (first.done === true) throw new Error("the generator ended at once");
    expect(first.value.leads[0]?.[0]).toBe("L-0000001"); // seven digits: more than 999,999 ids
  });
});

/** A data set crossing the March DST change, at another seed and scale. */
const SPRING: FunnelOptions = { seed: 99, leads: 5000, start: "2026-02-16", end: "2026-04-15", ...NY };

describe.each([
  ["acme example", ACME, acme],
  ["spring, seed 99", SPRING, collectFunnel(SPRING)],
] as const)("generated data: %s", (_name, options, data) => {
  const manifest = data.manifest;
  const leadIds = new Set(data.leads.map((l) => l[0] as string));
  const createdAt = new Map(data.leads.map((l) => [l[0] as string, instant(l[1] as string, LOCAL_T_RE)]));
  const historyByLead = groupBy(data.history, 0);

  it("writes the documented headers, which hold every column sla.example.yaml maps", () => {
    expect(LEADS_HEADER).toEqual([
      "lead_id",
      "created_at",
      "first_name",
      "last_name",
      "email",
      "company",
      "title",
      "company_size",
      "country",
      "lead_source",
      "campaign",
      "owner",
    ]);
    expect(STAGE_HISTORY_HEADER).toEqual(["lead_id", "status", "changed_at", "owner", "reason"]);
    expect(ACTIVITIES_HEADER).toEqual(["activity_id", "lead_id", "owner", "type", "status", "occurred_at"]);
    expect(OWNER_HISTORY_HEADER).toEqual(["lead_id", "owner", "assigned_at"]);
    expect(REPS_HEADER).toEqual(["rep", "team", "time_zone", "email"]);
    const headers: Record<string, readonly string[]> = {
      leads: LEADS_HEADER,
      stage_history: STAGE_HISTORY_HEADER,
      activities: ACTIVITIES_HEADER,
      owner_history: OWNER_HISTORY_HEADER,
      reps: REPS_HEADER,
    };
    for (const [source, header] of Object.entries(headers)) {
      for (const column of Object.values(sla.sources[source]?.columns ?? {}))
        expect(header, `${source}.${column}`).toContain(column);
    }
    for (const row of [...data.leads, ...data.history, ...data.activities, ...data.ownerHistory])
      expect(row.every((v) => typeof v === "string")).toBe(true);
    expect(data.leads.every((r) => r.length === LEADS_HEADER.length)).toBe(true);
    expect(data.history.every((r) => r.length === STAGE_HISTORY_HEADER.length)).toBe(true);
    expect(data.activities.every((r) => r.length === ACTIVITIES_HEADER.length)).toBe(true);
    expect(data.ownerHistory.every((r) => r.length === OWNER_HISTORY_HEADER.length)).toBe(true);
    expect(data.reps.every((r) => r.length === REPS_HEADER.length)).toBe(true);
  });

  it("writes only SLA status values, reassignments, and the planted typos", () => {
    const typos = manifest.entries.find((e) => e.kind === "statusTypo")?.values ?? [];
    const unknown = data.history.filter((h) => h[1] !== "" && !stageOf.has(h[1] as string));
    expect(unknown.map((h) => h[1]).sort()).toEqual([...typos].sort());
    expect(unknown.map((h) => h[0]).sort()).toEqual([...ids(manifest, "statusTypo")].sort());
    for (const h of data.history.filter((r) => r[1] === "")) expect(h[4]).toBe("Reassigned");
    const used = new Set(data.history.map((h) => h[1]));
    for (const value of stageOf.keys()) expect(used, value).toContain(value);
    const reassigned = new Set(data.history.filter((h) => h[1] === "").map((h) => h[0]));
    expect(reassigned.size / options.leads).toBeGreaterThan(0.03);
  });

  it("writes time stamps in the documented formats", () => {
    expect(data.leads.every((l) => LOCAL_T_RE.test(l[1] as string))).toBe(true);
    const badHistory = data.history.filter((h) => Number.isNaN(instant(h[2] as string, UTC_RE)));
    expect(badHistory.length).toBe(manifestCount(manifest, "badHistoryTimestamp"));
    expect(badHistory.map((h) => h[0])).toEqual(ids(manifest, "badHistoryTimestamp"));
    const badActivity = data.activities.filter((a) => Number.isNaN(instant(a[5] as string, LOCAL_SPACE_RE)));
    expect(badActivity.length).toBe(manifestCount(manifest, "badActivityTimestamp"));
    expect(badActivity.map((a) => a[1])).toEqual(ids(manifest, "badActivityTimestamp"));
    const [sy, sm, sd] = options.start.split("-").map(Number) as [number, number, number];
    const [ey, em, ed] = options.end.split("-").map(Number) as [number, number, number];
    const start = new TZDate(sy, sm - 1, sd, ZONE).getTime();
    const cutoff = new TZDate(ey, em - 1, ed + 1, ZONE).getTime();
    for (const t of createdAt.values()) expect(t >= start && t < cutoff).toBe(true);
    const times = data.history.map((h) => instant(h[2] as string, UTC_RE)).filter((t) => !Number.isNaN(t));
    expect(Math.max(...times)).toBeLessThan(cutoff);
    const assigned = data.ownerHistory.map((o) => instant(o[2] as string, LOCAL_SPACE_RE));
    expect(assigned.every((t) => t < cutoff)).toBe(true);
    const done = data.activities
      .map((a) => instant(a[5] as string, LOCAL_SPACE_RE))
      .filter((t) => !Number.isNaN(t));
    expect(Math.max(...done)).toBeLessThan(cutoff);
  });

  it("lists each lead's history in time order, except the planted out-of-order leads", () => {
    const unordered: string[] = [];
    for (const [id, rows] of historyByLead) {
      const times = rows.map((r) => instant(r[2] as string, UTC_RE)).filter((t) => !Number.isNaN(t));
      if (times.some((t, i) => i > 0 && t < (times[i - 1] as number))) unordered.push(id);
    }
    expect(unordered).toEqual(ids(manifest, "outOfOrder"));
    expect(manifestCount(manifest, "outOfOrder")).toBe(unordered.length);
  });

  it("plants exactly the history problems counted in the manifest", () => {
    const orphanRows = data.history.filter((h) => !leadIds.has(h[0] as string));
    expect(orphanRows.length).toBe(manifestCount(manifest, "unknownLeadHistory"));
    expect([...new Set(orphanRows.map((h) => h[0]))]).toEqual(ids(manifest, "unknownLeadHistory"));
    const early = data.history.filter(
      (h) => instant(h[2] as string, UTC_RE) < (createdAt.get(h[0] as string) ?? 0),
    );
    expect(early.map((h) => h[0])).toEqual(ids(manifest, "beforeCreation"));
    const rank = (status: string) =>
      ["inquiry", "mql", "sal", "sql", "opportunity", "won"].indexOf(stageOf.get(status) ?? "");
    const backward: string[] = [];
    for (const [id, rows] of historyByLead) {
      let top = -1;
      const at = (row: string[]) => instant(row[2] as string, UTC_RE);
      for (const row of [...rows].sort((a, b) => at(a) - at(b))) {
        const stage = stageOf.get(row[1] as string);
        if (stage === "recycled") top = -1;
        else if (stage !== undefined && rank(row[1] as string) >= 0) {
          if (rank(row[1] as string) < top) backward.push(id);
          top = Math.max(top, rank(row[1] as string));
        }
      }
    }
    expect(backward).toEqual(ids(manifest, "backwardMove"));
  });

  it("plants exactly the lead and activity problems counted in the manifest", () => {
    const byId = groupBy(data.leads, 0);
    const duplicated = [...byId].filter(([, rows]) => rows.length > 1).map(([id]) => id);
    expect(duplicated).toEqual(ids(manifest, "duplicateLeadId"));
    expect(data.leads.length - byId.size).toBe(manifestCount(manifest, "duplicateLeadId"));
    const unique = [...byId.values()].map((rows) => rows[0] as string[]);
    const where = (test: (l: string[]) => boolean) => unique.filter(test).map((l) => l[0]);
    expect(where((l) => l[9] === "")).toEqual(ids(manifest, "emptyLeadSource"));
    expect(where((l) => l[11] === "")).toEqual(ids(manifest, "emptyOwner"));
    const valid = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/;
    const undeliverable = [...ids(manifest, "invalidEmail"), ...ids(manifest, "markupName")].sort();
    expect(where((l) => !valid.test(l[4] as string))).toEqual(undeliverable);
    const probes = manifest.entries.find((e) => e.kind === "markupName")?.values ?? [];
    expect(where((l) => /[<>"']/.test(l[2] as string))).toEqual(ids(manifest, "markupName"));
    expect(unique.filter((l) => /[<>"']/.test(l[2] as string)).map((l) => [l[2], l[4]])).toEqual(
      probes.map((p) => [p, p]),
    );
    const placeholders = new Set(["Test Test", "asdf asdf", "Test Lead", "John Doe", "Mickey Mouse"]);
    expect(where((l) => placeholders.has(`${l[2]} ${l[3]}`))).toEqual(ids(manifest, "placeholderName"));
    const withValidEmail = unique.filter((l) => valid.test(l[4] as string));
    const reused = [...groupBy(withValidEmail, 4).values()].flatMap((rows) => rows.slice(1).map((l) => l[0]));
    expect(reused.sort()).toEqual([...ids(manifest, "sharedEmail")].sort());
    const orphanActivities = data.activities.filter((a) => !leadIds.has(a[1] as string));
    expect(orphanActivities.length).toBe(manifestCount(manifest, "unknownLeadActivity"));
    expect(orphanActivities.map((a) => a[1])).toEqual(ids(manifest, "unknownLeadActivity"));
    expect(funnelManifest(options)).toEqual(manifest);
  });

  it("names real reps (or the routing queue) and activity types everywhere", () => {
    const reps = new Set(data.reps.map((r) => r[0]));
    expect(reps.size).toBe(8);
    expect(reps.has(ROUTING_QUEUE)).toBe(false);
    const repOrQueue = (owner: string | undefined) => reps.has(owner) || owner === ROUTING_QUEUE;
    expect(data.history.every((h) => repOrQueue(h[3]))).toBe(true);
    // Only automated e-mails go out while a lead waits in the queue.
    expect(
      data.activities.every((a) => reps.has(a[2]) || (a[3] === "email_sequence" && a[2] === ROUTING_QUEUE)),
    ).toBe(true);
    expect(data.activities.some((a) => a[2] === ROUTING_QUEUE)).toBe(true);
    expect(data.leads.every((l) => l[11] === "" || repOrQueue(l[11]))).toBe(true);
    expect(data.ownerHistory.every((o) => reps.has(o[1]))).toBe(true);
    const types = new Set(data.activities.map((a) => a[3]));
    expect([...types].sort()).toEqual(["call", "email", "email_sequence", "meeting", "note"]);
    expect(new Set(data.activities.map((a) => a[0])).size).toBe(data.activities.length);
    const early = data.activities.filter(
      (a) => instant(a[5] as string, LOCAL_SPACE_RE) < (createdAt.get(a[1] as string) ?? 0),
    );
    expect(early).toEqual([]);
  });

  const zoneOf = new Map(data.reps.map((r) => [r[0] as string, r[2] as string]));
  // Leads with planted problems, except deleted leads (whose history is otherwise clean).
  const planted = new Set(
    manifest.entries.filter((e) => e.kind !== "unknownLeadHistory").flatMap((e) => e.leadIds),
  );

  it("puts every completed sales touch in its rep's working hours, on a working day", () => {
    const touches = data.activities.filter((a) => a[3] !== "email_sequence" && a[4] === "completed");
    const outside: string[][] = [];
    let checked = 0;
    for (const a of touches) {
      const at = instant(a[5] as string, LOCAL_SPACE_RE);
      if (Number.isNaN(at)) continue; // the planted bad time stamps
      checked++;
      const zone = zoneOf.get(a[2] as string);
      if (zone === undefined || !inHours(at, zone, REP_HOURS)) outside.push(a);
    }
    expect(outside).toEqual([]);
    expect(checked).toBe(touches.length - manifestCount(manifest, "badActivityTimestamp"));
    // The check has teeth: local New York times alone would put West-coast reps' touches outside.
    const west = touches.filter((a) => zoneOf.get(a[2] as string) === "America/Los_Angeles");
    expect(west.some((a) => !inHours(instant(a[5] as string, LOCAL_SPACE_RE), ZONE, REP_HOURS))).toBe(true);
  });

  it("puts reps' status changes in their working hours; automation and arrivals at any time", () => {
    const repStages = new Set(["sal", "sql", "opportunity", "won", "lost", "recycled", "disqualified"]);
    const rows = data.history.filter(
      (h) => !planted.has(h[0] as string) && repStages.has(stageOf.get(h[1] as string) ?? ""),
    );
    expect(rows.length).toBeGreaterThan(options.leads / 3);
    const outside = rows.filter(
      (h) => !inHours(instant(h[2] as string, UTC_RE), zoneOf.get(h[3] as string) ?? "", REP_HOURS),
    );
    expect(outside).toEqual([]);
    const offHours = (times: number[]) => times.filter((t) => !inHours(t, ZONE, DESK_HOURS)).length;
    expect(offHours([...createdAt.values()])).toBeGreaterThan(options.leads * 0.1);
    const sequences = data.activities.filter((a) => a[3] === "email_sequence");
    expect(offHours(sequences.map((a) => instant(a[5] as string, LOCAL_SPACE_RE)))).toBeGreaterThan(0);
  });

  it("routes queued leads to a rep once, after creation and before acceptance", () => {
    const queued = new Set(data.leads.filter((l) => l[11] === ROUTING_QUEUE).map((l) => l[0] as string));
    const routings = groupBy(data.ownerHistory, 0);
    expect([...routings.keys()].sort()).toEqual([...queued].sort());
    expect([...routings.values()].every((rows) => rows.length === 1)).toBe(true);
    expect(manifest.queueRoutedLeads).toBe(queued.size);
    expect(queued.size / options.leads).toBeGreaterThan(0.3);
    expect(queued.size / options.leads).toBeLessThan(0.4);
    const sal = new Set(sla.stages.find((s) => s.id === "sal")?.matches ?? []);
    const quick: number[] = [];
    for (const [id, [routing]] of routings) {
      const [, rep, text] = routing as [string, string, string];
      const assigned = instant(text, LOCAL_SPACE_RE);
      const created = createdAt.get(id) as number;
      expect(assigned).toBeGreaterThan(created);
      expect(inHours(assigned, ZONE, DESK_HOURS), `${id} routed at ${text}`).toBe(true);
      if (inHours(created, ZONE, DESK_HOURS) && assigned - created < 4 * 3_600_000)
        quick.push(assigned - created);
      const history = historyByLead.get(id) ?? [];
      const accepted = history
        .filter((h) => sal.has(h[1] as string))
        .map((h) => instant(h[2] as string, UTC_RE));
      if (accepted.length > 0) expect(assigned).toBeLessThan(Math.min(...accepted));
      for (const h of history) {
        const at = instant(h[2] as string, UTC_RE);
        if (at < assigned) expect(h[3], `${id} ${h[1]} before routing`).toBe(ROUTING_QUEUE);
        else expect(h[3], `${id} ${h[1]} after routing`).not.toBe(ROUTING_QUEUE);
        if (h[3] !== ROUTING_QUEUE && h[1] !== "") expect(at).toBeGreaterThanOrEqual(assigned);
      }
      expect(history.filter((h) => h[1] === "" && h[3] === rep)).toEqual([]); // routing is not a reassignment
    }
    // Within the desk's hours, routing takes minutes; otherwise it waits for the next morning.
    quick.sort((a, b) => a - b);
    expect(quick[Math.floor(quick.length / 2)] as number).toBeLessThan(30 * 60_000);
  });

  it("marks some calls and meetings as scheduled, each followed by the real touch", () => {
    expect(new Set(data.activities.map((a) => a[4]))).toEqual(new Set(["completed", "scheduled"]));
    const scheduled = data.activities.filter((a) => a[4] === "scheduled");
    expect(scheduled.length).toBe(manifest.scheduledActivities);
    expect(scheduled.every((a) => a[3] === "call" || a[3] === "meeting")).toBe(true);
    expect(data.activities.filter((a) => a[3] === "email_sequence").every((a) => a[4] === "completed")).toBe(
      true,
    );
    const callsAndMeetings = data.activities.filter((a) => a[3] === "call" || a[3] === "meeting");
    expect(scheduled.length / callsAndMeetings.length).toBeGreaterThan(0.05);
    expect(scheduled.length / callsAndMeetings.length).toBeLessThan(0.11);
    const byLead = groupBy(data.activities, 1);
    const [ey, em, ed] = options.end.split("-").map(Number) as [number, number, number];
    const cutoff = new TZDate(ey, em - 1, ed + 1, ZONE).getTime();
    let pending = 0;
    for (const s of scheduled) {
      const at = instant(s[5] as string, LOCAL_SPACE_RE);
      expect(inHours(at, zoneOf.get(s[2] as string) ?? "", REP_HOURS)).toBe(true);
      expect(s[5]).toMatch(/:(00|15|30|45):00$/);
      const real = (byLead.get(s[1] as string) ?? []).filter(
        (a) =>
          a[4] === "completed" &&
          a[3] === s[3] &&
          a[2] === s[2] &&
          instant(a[5] as string, LOCAL_SPACE_RE) > at,
      );
      if (real.length > 0) continue;
      // Still open at the export: the real touch comes after it.
      pending++;
      expect(cutoff - at, `${s[0]} is followed by a completed ${s[3]}`).toBeLessThan(21 * 86_400_000);
    }
    expect(pending).toBeLessThan(Math.max(3, scheduled.length / 10));
  });

  it("leaves some outcome reasons empty, more often for one or two reps", () => {
    const outcomes = data.history.filter((h) =>
      ["recycled", "disqualified", "lost"].includes(stageOf.get(h[1] as string) ?? ""),
    );
    const empty = outcomes.filter((h) => h[4] === "");
    expect(empty.length).toBe(manifest.outcomesWithoutReason);
    for (const o of ["recycled", "disqualified", "lost"] as const) {
      const rows = outcomes.filter((h) => stageOf.get(h[1] as string) === o);
      expect(manifest.reasons.byOutcome[o]).toEqual({
        rows: rows.length,
        withoutReason: rows.filter((h) => h[4] === "").length,
      });
    }
    const exits = outcomes.filter((h) => stageOf.get(h[1] as string) !== "lost");
    const share = exits.filter((h) => h[4] === "").length / exits.length;
    expect(share).toBeGreaterThan(0.07);
    expect(share).toBeLessThan(0.17);
    const rates = Object.entries(manifest.reasons.byRep).map(([rep, c]) => {
      const rows = outcomes.filter((h) => h[3] === rep);
      expect(c).toEqual({ rows: rows.length, withoutReason: rows.filter((h) => h[4] === "").length });
      return c.withoutReason / c.rows;
    });
    rates.sort((a, b) => a - b);
    expect(rates.length).toBe(8);
    expect(rates[7] as number).toBeGreaterThan(2.5 * (rates[3] as number)); // the worst vs the median
  });

  it("keeps lead ids growing with creation time", () => {
    const unique = [...new Map(data.leads.map((l) => [l[0], l])).values()];
    for (let i = 1; i < unique.length; i++) {
      expect((unique[i]?.[0] as string) > (unique[i - 1]?.[0] as string)).toBe(true);
      expect((unique[i]?.[1] as string) >= (unique[i - 1]?.[1] as string)).toBe(true);
    }
  });
});

describe("people and random helpers", () => {
  it("never produces two equal e-mail addresses by accident", () => {
    expect(new Set(FIRST_NAMES.map(slug)).size).toBe(FIRST_NAMES.length);
    expect(new Set(LAST_NAMES.map(slug)).size).toBe(LAST_NAMES.length);
    const emails = new Set<string>();
    for (let i = 0; i < 20_000; i++) emails.add(personFor(3, i).email);
    expect(emails.size).toBe(20_000);
    const pairs = new Set<string>();
    for (let i = 0; i < COMPANY_SPACE * 30; i++) {
      const p = personFor(3, i);
      pairs.add(`${p.company}|${p.email.split("@")[1]}`);
    }
    const companies = new Set([...pairs].map((d) => d.split("|")[0]));
    expect(companies.size).toBeGreaterThan(COMPANY_SPACE * 0.99);
    expect(new Set([...pairs].map((d) => d.split("|")[1])).size).toBe(pairs.size);
    expect(companies.size).toBe(pairs.size);
  });

  it("converts wall-clock times like TZDate, across DST changes", () => {
    const rng = new Rng(5);
    for (const zone of [ZONE, "America/Chicago", "America/Los_Angeles"]) {
      for (let i = 0; i < 500; i++) {
        const [y, mo, d, h, mi] = [2026, rng.int(1, 12), rng.int(1, 31), rng.int(3, 23), rng.int(0, 59)];
        expect(localToInstant(zone, y, mo, d, h, mi, 7)).toBe(localToInstantTz(zone, y, mo, d, h, mi, 7));
      }
    }
  });

  it("walks working time around lunch, weekends, holidays and the shutdown", () => {
    expect(DAYS_OFF.map((d) => d.date)).toEqual(DAYS_OFF_2026);
    const ny = (mo: number, d: number, h: number, mi = 0) => localToInstant(ZONE, 2026, mo, d, h, mi);
    const show = (ms: number, zone = ZONE) => formatLocal(ms, zone, " ");
    const sat = ny(3, 7, 12);
    expect(show(nextWorkingTime(sat, ZONE, REP_CALENDAR, 30))).toBe("2026-03-09 09:30:00");
    expect(show(nextWorkingTime(sat, ZONE, REP_CALENDAR, 200))).toBe("2026-03-09 13:20:00"); // after lunch
    const la = "America/Los_Angeles";
    const friEvening = localToInstant(la, 2026, 10, 30, 19, 5);
    expect(show(nextWorkingTime(friEvening, la, REP_CALENDAR), la)).toBe("2026-11-02 09:00:00");
    expect(show(nextWorkingTime(ny(5, 4, 12, 30), ZONE, REP_CALENDAR))).toBe("2026-05-04 13:00:00");
    expect(show(nextWorkingTime(ny(5, 4, 12, 30), ZONE, ROUTING_CALENDAR))).toBe("2026-05-04 12:30:00");
    expect(nextWorkingTime(ny(5, 4, 10), ZONE, REP_CALENDAR, 99)).toBe(ny(5, 4, 10));
    // Independence Day observed on Friday 3 July, then the weekend.
    expect(show(nextWorkingTime(ny(7, 2, 17, 30), ZONE, REP_CALENDAR))).toBe("2026-07-06 09:00:00");
    expect(show(addWorkingTime(ny(7, 2, 16, 30), 3_600_000, ZONE, REP_CALENDAR))).toBe("2026-07-06 09:30:00");
    // Summer shutdown on Friday 14 August.
    expect(show(addWorkingTime(ny(8, 13, 16), 2 * 3_600_000, ZONE, REP_CALENDAR))).toBe(
      "2026-08-17 10:00:00",
    );
    expect(show(addWorkingTime(ny(8, 13, 11), 2 * 3_600_000, ZONE, REP_CALENDAR))).toBe(
      "2026-08-13 14:00:00",
    );
    expect(show(addWorkingTime(ny(8, 13, 11), 5 * 3_600_000, ZONE, REP_CALENDAR))).toBe(
      "2026-08-17 09:00:00",
    );
    expect(show(addWorkingTime(ny(8, 13, 11), 6 * 3_600_000, ZONE, REP_CALENDAR))).toBe(
      "2026-08-17 10:00:00",
    );
    expect(show(lastWorkingMinuteBefore(ny(9, 8, 3), ZONE, REP_CALENDAR))).toBe("2026-09-04 16:59:00");
    expect(show(lastWorkingMinuteBefore(ny(9, 8, 12, 30), ZONE, REP_CALENDAR))).toBe("2026-09-08 11:59:00");
  });

  it("draws within bounds and repeats per seed", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    for (let i = 0; i < 1000; i++) {
      const x = a.int(3, 9);
      expect(x).toBe(b.int(3, 9));
      expect(x >= 3 && x <= 9).toBe(true);
      const f = a.next();
      expect(f).toBe(b.next());
      expect(f >= 0 && f < 1).toBe(true);
    }
    expect(new Rng(1).next()).not.toBe(new Rng(2).next());
    expect(() => new Rng(1).pick([])).toThrow(RangeError);
  });
});
