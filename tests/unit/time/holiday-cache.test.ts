/**
 * Issue 17, start-up: date-holidays' answers are kept in a file between runs (src/cli/holiday-cache.ts)
 * so a calendar naming a country does not load date-holidays at every start. The answers must be
 * date-holidays' own, a file that is not ours must be ignored, and a cache that cannot be written
 * must not change the run.
 */

import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type HolidaysClass from "date-holidays";
import { afterEach, describe, expect, it } from "vitest";
import { cacheFolder } from "../../../src/cli/cache-file.js";
import { fileHolidayCache } from "../../../src/cli/holiday-cache.js";
import {
  type HolidayCache,
  isKnownCountry,
  knownRegions,
  publicHolidayDates,
  useHolidayCache,
} from "../../../src/time/holidays.js";

const Holidays = createRequire(import.meta.url)("date-holidays") as typeof HolidaysClass;
const direct = (country: string, region: string | null, year: number) =>
  (region ? new Holidays(country, region) : new Holidays(country))
    .getHolidays(year, "en")
    .filter((h) => h.type === "public")
    .map((h) => h.date.slice(0, 10));

/** A store that records what it was asked and given. */
function memoryStore(planted: Record<string, string[]> = {}) {
  const kept = new Map<string, readonly string[]>(Object.entries(planted));
  const asked: string[] = [];
  const store: HolidayCache = {
    get: (key) => {
      asked.push(key);
      return kept.get(key);
    },
    set: (key, value) => {
      kept.set(key, value);
    },
  };
  return { store, kept, asked };
}

afterEach(() => useHolidayCache(null));

describe("the core asks the cache before date-holidays", () => {
  it("keeps what date-holidays answered, under a key per country, region and year", () => {
    const { store, kept } = memoryStore();
    useHolidayCache(store);
    // Germany, Bavaria, 2031: asked nowhere else in this file, so not yet known in this process.
    const dates = publicHolidayDates("de", "by", [2031]);
    expect(dates).toEqual([...new Set(direct("DE", "BY", 2031))].sort());
    expect(dates).toContain("2031-01-06"); // Epiphany: a Bavarian public holiday, not a federal one
    expect(kept.get("public/DE/BY/2031")).toEqual(direct("DE", "BY", 2031));
  });

  it("answers from the cache without asking date-holidays (a planted answer comes back)", () => {
    const { store, asked } = memoryStore({ "public/FR//2033": ["2033-07-14"], "regions/ZZ": ["Q1"] });
    useHolidayCache(store);
    expect(publicHolidayDates("FR", null, [2033])).toEqual(["2033-07-14"]);
    expect(knownRegions("zz")).toEqual(["Q1"]);
    expect(asked).toEqual(["public/FR//2033", "regions/ZZ"]);
  });

  it("the country list is date-holidays' own", () => {
    const { store, kept } = memoryStore();
    useHolidayCache(store);
    expect(isKnownCountry("us")).toBe(true);
    expect(isKnownCountry("XX")).toBe(false);
    // No earlier test of this file asked for the list, so this one asked date-holidays and kept it.
    const countries = kept.get("countries") ?? [];
    expect([...countries].sort()).toEqual(Object.keys(new Holidays().getCountries("en")).sort());
  });
});

describe("the file the CLI keeps", () => {
  const fresh = () => mkdtempSync(join(tmpdir(), "fa-holidays-"));

  it("a second run reads what the first wrote, byte for byte the same answers", () => {
    const folder = fresh();
    const first = fileHolidayCache(folder);
    expect(first.get("public/US//2026")).toBeUndefined();
    first.set("public/US//2026", ["2026-01-01", "2026-07-03"]);
    first.set("countries", ["US", "DE"]);
    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^holidays-1-\d+\.\d+\.\d+\.json$/); // one file per date-holidays version
    const second = fileHolidayCache(folder);
    expect(second.get("public/US//2026")).toEqual(["2026-01-01", "2026-07-03"]);
    expect(second.get("countries")).toEqual(["US", "DE"]);
  });

  it("ignores a file that is not ours, and entries that are not lists of text", () => {
    const folder = fresh();
    const probe = fileHolidayCache(folder);
    probe.set("countries", ["US"]);
    const [name] = readdirSync(folder);
    const file = join(folder, name as string);
    writeFileSync(file, "not json at all");
    expect(fileHolidayCache(folder).get("countries")).toBeUndefined();
    writeFileSync(file, JSON.stringify({ countries: [1, 2], "regions/US": ["CA"] }));
    const mixed = fileHolidayCache(folder);
    expect(mixed.get("countries")).toBeUndefined();
    expect(mixed.get("regions/US")).toEqual(["CA"]);
  });

  it("a folder it cannot write to keeps answers for the run only, without an error", () => {
    const folder = fresh();
    // A folder under a plain file cannot be made, even by root (as a read-only folder could).
    writeFileSync(join(folder, "plain"), "");
    const cache = fileHolidayCache(join(folder, "plain", "inside"));
    expect(() => cache.set("countries", ["US"])).not.toThrow();
    expect(cache.get("countries")).toEqual(["US"]);
    expect(readdirSync(folder)).toEqual(["plain"]);
  });

  it("the folder: FUNNEL_AUDIT_CACHE, then XDG_CACHE_HOME, then ~/.cache; `off` keeps none", () => {
    expect(cacheFolder({ FUNNEL_AUDIT_CACHE: "/c", XDG_CACHE_HOME: "/x", HOME: "/h" })).toBe("/c");
    expect(cacheFolder({ XDG_CACHE_HOME: "/x", HOME: "/h" })).toBe(join("/x", "funnel-audit"));
    expect(cacheFolder({ HOME: "/h" })).toBe(join("/h", ".cache", "funnel-audit"));
    expect(cacheFolder({ FUNNEL_AUDIT_CACHE: "off", HOME: "/h" })).toBeNull();
    expect(cacheFolder({})).toBeNull(); // no home: nothing kept (the tests' fake environment)
  });

  it("the written file holds the answers sorted by key, so the same answers make the same bytes", () => {
    const a = fresh();
    const b = fresh();
    const ca = fileHolidayCache(a);
    ca.set("regions/US", ["CA"]);
    ca.set("countries", ["US"]);
    const cb = fileHolidayCache(b);
    cb.set("countries", ["US"]);
    cb.set("regions/US", ["CA"]);
    const read = (folder: string) => readFileSync(join(folder, readdirSync(folder)[0] as string), "utf8");
    expect(read(a)).toBe(read(b));
  });
});

describe("the CLI with a cache folder", () => {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
  const audit = (cache: string) =>
    spawnSync(
      process.execPath,
      ["bin/funnel-audit.js", "audit", "--sla", "sla.example.yaml", "--format", "json"],
      {
        cwd: repo,
        encoding: "utf8",
        env: { ...process.env, FUNNEL_AUDIT_CACHE: cache },
      },
    );

  it("the example's report is the same with no cache, a cold cache and a warm one", () => {
    const folder = mkdtempSync(join(tmpdir(), "fa-holidays-cli-"));
    const none = audit("off");
    const cold = audit(folder);
    const warm = audit(folder);
    expect(none.status).toBe(0);
    expect(cold.stdout).toBe(none.stdout);
    expect(warm.stdout).toBe(none.stdout);
    // The example's calendar names US holidays: the cold run kept the country list and its years.
    const [name] = readdirSync(folder);
    const kept = JSON.parse(readFileSync(join(folder, name as string), "utf8")) as Record<string, string[]>;
    expect(kept.countries).toContain("US");
    expect(kept["public/US//2026"]).toContain("2026-07-03"); // Independence Day observed (a Saturday)
  });
});
