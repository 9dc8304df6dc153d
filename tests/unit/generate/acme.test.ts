import { readFileSync } from "node:fs";
import { TZDate } from "@date-fns/tz";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  ACTIVITIES_HEADER,
  collectFunnel,
  type FunnelOptions,
  funnelManifest,
  generateFunnel,
  LEADS_HEADER,
  REPS_HEADER,
  STAGE_HISTORY_HEADER,
} from "../../../src/generate/acme.js";
import { type FunnelManifest, manifestCount } from "../../../src/generate/manifest.js";
import { COMPANY_SPACE, FIRST_NAMES, LAST_NAMES, personFor, slug } from "../../../src/generate/people.js";
import { Rng } from "../../../src/generate/random.js";
import {
  formatLocal,
  localToInstant,
  localToInstantTz,
  nextWorkingTime,
} from "../../../src/generate/zone-time.js";

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
  sources: Record<string, { columns: Record<string, string> }>;
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
    expect(file("reps.csv")).toBe(csv(REPS_HEADER, acme.reps));
  });

  it("streams lazily, so a million leads start at once", () => {
    const first = generateFunnel({ ...ACME, leads: 1_000_000 }).next();
    expect(first.done).toBe(false);
    expect(first.value?.leads[0]?.[0]).toBe("L-0000001"); // seven digits: more than 999,999 ids
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

  it("uses the column names of sla.example.yaml", () => {
    const columns = (source: string) => Object.values(sla.sources[source]?.columns ?? {});
    expect([...LEADS_HEADER].sort()).toEqual(columns("leads").sort());
    expect([...STAGE_HISTORY_HEADER].sort()).toEqual(columns("stage_history").sort());
    expect(ACTIVITIES_HEADER).toEqual(["activity_id", ...columns("activities")]);
    expect(REPS_HEADER).toEqual(["rep", "team", "time_zone", "email"]);
    for (const row of [...data.leads, ...data.history, ...data.activities])
      expect(row.every((v) => typeof v === "string")).toBe(true);
    expect(data.leads.every((r) => r.length === LEADS_HEADER.length)).toBe(true);
    expect(data.history.every((r) => r.length === STAGE_HISTORY_HEADER.length)).toBe(true);
    expect(data.activities.every((r) => r.length === ACTIVITIES_HEADER.length)).toBe(true);
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
    const badActivity = data.activities.filter((a) => Number.isNaN(instant(a[4] as string, LOCAL_SPACE_RE)));
    expect(badActivity.length).toBe(manifestCount(manifest, "badActivityTimestamp"));
    expect(badActivity.map((a) => a[1])).toEqual(ids(manifest, "badActivityTimestamp"));
    const [sy, sm, sd] = options.start.split("-").map(Number) as [number, number, number];
    const [ey, em, ed] = options.end.split("-").map(Number) as [number, number, number];
    const start = new TZDate(sy, sm - 1, sd, ZONE).getTime();
    const cutoff = new TZDate(ey, em - 1, ed + 1, ZONE).getTime();
    for (const t of createdAt.values()) expect(t >= start && t < cutoff).toBe(true);
    const times = data.history.map((h) => instant(h[2] as string, UTC_RE)).filter((t) => !Number.isNaN(t));
    expect(Math.max(...times)).toBeLessThan(cutoff);
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
    expect(where((l) => !valid.test(l[4] as string))).toEqual(ids(manifest, "invalidEmail"));
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

  it("names real reps and activity types everywhere", () => {
    const reps = new Set(data.reps.map((r) => r[0]));
    expect(reps.size).toBe(8);
    expect(data.history.every((h) => reps.has(h[3]))).toBe(true);
    expect(data.activities.every((a) => reps.has(a[2]))).toBe(true);
    expect(data.leads.every((l) => l[11] === "" || reps.has(l[11]))).toBe(true);
    const types = new Set(data.activities.map((a) => a[3]));
    expect([...types].sort()).toEqual(["call", "email", "email_sequence", "meeting", "note"]);
    expect(new Set(data.activities.map((a) => a[0])).size).toBe(data.activities.length);
    const early = data.activities.filter(
      (a) => instant(a[4] as string, LOCAL_SPACE_RE) < (createdAt.get(a[1] as string) ?? 0),
    );
    expect(early).toEqual([]);
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
    const sat = localToInstant(ZONE, 2026, 3, 7, 12);
    expect(formatLocal(nextWorkingTime(sat, ZONE, 30), ZONE, " ")).toBe("2026-03-09 08:30:00");
    const friEvening = localToInstant("America/Los_Angeles", 2026, 10, 30, 19, 5);
    expect(
      formatLocal(nextWorkingTime(friEvening, "America/Los_Angeles", 0), "America/Los_Angeles", "T"),
    ).toBe("2026-11-02T08:00:00");
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
