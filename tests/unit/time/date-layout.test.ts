/** The date layout of a column, decided once from all its values (src/time/date-layout.ts, date-scan.ts). */

import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/errors.js";
import { settleSourceDates, suggestion } from "../../../src/ingest/date-scan.js";
import { decideDateLayout, tallyFor } from "../../../src/time/date-layout.js";
import { createTimestampParser } from "../../../src/time/timestamps.js";
import type { SourceDef } from "../../../src/types.js";

/** The decision over these values (line n+2 for the n-th, as under a header). */
function decide(values: string[], hint: string | null = null) {
  const t = tallyFor(hint);
  values.forEach((v, i) => {
    t.add(v, i + 2);
  });
  return { t, d: decideDateLayout(t, hint) };
}

describe("decideDateLayout", () => {
  it("reads a column day first when one value can only be day first, whatever the others", () => {
    // 06-08 and 02-07 fit both orders; 14-07 has no month 14: day first.
    const { d } = decide(["06-08-2020 15:38", "02-07-2020 09:05", "14-07-2020 11:20"]);
    expect(d).toMatchObject({ kind: "decided", order: "dmy", format: "dd-MM-yyyy HH:mm", by: "values" });
  });

  it("reads a column month first when one value can only be month first", () => {
    const { d } = decide(["3/8/2021 9:15 AM", "3/16/2021 2:20 PM", "4/1/2021 10:00:30 AM"]);
    expect(d).toMatchObject({ kind: "decided", order: "mdy", format: "M/d/yyyy h:mm:ss a" });
  });

  it("refuses a column whose every value fits both orders, offering both date_formats", () => {
    const { d } = decide(["06-08-2020 15:38", "02-07-2020 09:05"]);
    expect(d).toEqual({
      kind: "refused",
      why: "ambiguous",
      examples: [
        { line: 2, text: "06-08-2020 15:38" },
        { line: 3, text: "02-07-2020 09:05" },
      ],
      formats: ["dd-MM-yyyy HH:mm", "MM-dd-yyyy HH:mm"],
    });
  });

  it("refuses a column holding day-first-only and month-first-only values", () => {
    const { d } = decide(["13/08/2020", "08/13/2020", "01/02/2020"]);
    expect(d).toMatchObject({
      kind: "refused",
      why: "conflict",
      examples: [
        { line: 2, text: "13/08/2020" },
        { line: 3, text: "08/13/2020" },
      ],
    });
  });

  it("refuses a column whose values mostly fit no layout, and lets a few bad cells through", () => {
    expect(decide(["2020年6月8日", "2020年6月9日", "2020年6月10日", "13/08/2020"]).d).toMatchObject({
      kind: "refused",
      why: "unfit",
    });
    // One bad cell of three: a finding per row later, not a refusal.
    expect(decide(["n/a", "13/08/2020", "14/08/2020"]).d).toMatchObject({ kind: "decided", order: "dmy" });
  });

  it("decides two-digit years per column too: d/M/yy vs M/d/yy", () => {
    expect(decide(["2/5/24 1:51", "2/25/24 13:05"]).d).toMatchObject({ order: "mdy", format: "M/d/yy H:mm" });
    expect(decide(["06-08-20 15:38", "25-08-20 15:38"]).d).toMatchObject({ format: "dd-MM-yy HH:mm" });
    expect(decide(["2/5/24 1:51"]).d).toMatchObject({ kind: "refused", why: "ambiguous" });
  });

  it("takes dot separators, seconds on some values and 12-hour clocks", () => {
    expect(decide(["08.03.2021 15:15", "16.03.2021 09:00:10"]).d).toMatchObject({
      format: "dd.MM.yyyy HH:mm:ss",
    });
    // 12-hour: "13:00 PM" is no time, so it fits no order (counted as unfit, one of three).
    const { t } = decide(["3/8/2021 1:15 PM", "3/18/2021 12:00 AM", "3/9/2021 13:00 PM"]);
    expect(t.counts).toMatchObject({ mdy: 1, both: 1, none: 1 });
  });

  it("leaves ISO and month-name columns as they are", () => {
    expect(decide(["2020-08-06 15:38", "15 Apr, 2021 00:03:00"]).d).toEqual({ kind: "none" });
    // A stray numeric value in a mostly ISO column decides nothing (it is a finding if ambiguous).
    expect(decide(["2026-05-04 09:00", "2026-05-04 11:00", "05/04/2026"]).d).toEqual({ kind: "none" });
  });

  it("lets a preset's format settle an all-ambiguous column only when it reads every value", () => {
    // The salesforce preset's "M/d/yyyy h:mm a" reads US 12-hour values: settled month first.
    expect(decide(["3/8/2021 9:15 AM", "3/9/2021 1:00 PM"], "M/d/yyyy h:mm a").d).toMatchObject({
      kind: "decided",
      order: "mdy",
      by: "hint",
      format: "M/d/yyyy h:mm a",
    });
    // A European report export (24-hour) is not what the preset describes: refused, not read month first.
    expect(decide(["06/08/2020 15:38", "02/07/2020 09:05"], "M/d/yyyy h:mm a").d).toMatchObject({
      kind: "refused",
      why: "ambiguous",
    });
    // Values that say day first win over the preset's month-first format.
    expect(decide(["06/08/2020 3:38 PM", "25/08/2020 9:05 AM"], "M/d/yyyy h:mm a").d).toMatchObject({
      order: "dmy",
      by: "values",
    });
  });

  it("reads every value of a decided column in its layout: 06-08-2020 is 6 August", () => {
    const { d } = decide(["06-08-2020 15:38", "14-07-2020 11:20", "06-08-2020 15:38:20"]);
    const parser = createTimestampParser("UTC", d.kind === "decided" ? d.format : null, false);
    expect(parser.parse("06-08-2020 15:38")).toBe(Date.parse("2020-08-06T15:38:00Z"));
    expect(parser.parse("06-08-2020 15:38:20")).toBe(Date.parse("2020-08-06T15:38:20Z"));
    // Two-digit years: 00-69 are 2000-2069, 70-99 are 1970-1999.
    const yy = createTimestampParser("UTC", "d/M/yy H:mm", false);
    expect(yy.parse("2/5/24 1:51")).toBe(Date.parse("2024-05-02T01:51:00Z"));
    expect(yy.parse("2/5/99 1:51")).toBe(Date.parse("1999-05-02T01:51:00Z"));
  });
});

const source = (preset: SourceDef["preset"] = null, dateFormat: string | null = null): SourceDef => ({
  kind: "leads",
  file: "Leads.csv",
  path: "Leads.csv",
  columns: {},
  explicit: [],
  preset,
  dateFormat,
  dateFormatDeclared: false,
  stagesOptional: false,
  delimiter: null,
  stages: {},
  declared: { line: 9, column: 16, path: "sources.leads.file" },
});

describe("settleSourceDates", () => {
  const header = ["Lead ID", "Create Date", "Converted Date"];
  const tallies = (created: string[], converted: string[]) => {
    const a = tallyFor(null);
    const b = tallyFor(null);
    created.forEach((v, i) => {
      a.add(v, i + 2);
    });
    converted.forEach((v, i) => {
      b.add(v, i + 2);
    });
    return new Map([
      [1, a],
      [2, b],
    ]);
  };

  it("gives the source its column's format and an info finding naming the evidence", () => {
    const out = settleSourceDates(
      source(),
      "sla.yaml",
      header,
      tallies(["06-08-2020 15:38", "14-07-2020 11:20"], []),
    );
    expect(out.format).toBe("dd-MM-yyyy HH:mm");
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({
      code: "date_layout",
      severity: "info",
      column: 2,
      place: { line: 3 },
    });
    expect(out.findings[0]?.message).toContain(
      '1 of 2 dates can only be day first (line 3 "14-07-2020 11:20")',
    );
  });

  it("lets an all-ambiguous column follow a decided column of the same file", () => {
    const out = settleSourceDates(
      source(),
      "sla.yaml",
      header,
      tallies(["14-07-2020 11:20"], ["06-08-2020"]),
    );
    expect(out.format).toBe("dd-MM-yyyy HH:mm");
    expect(out.findings.map((f) => f.message)[1]).toContain("the file's other date columns are day first");
  });

  it("refuses columns of one file that decide differently", () => {
    expect(() =>
      settleSourceDates(source(), "sla.yaml", header, tallies(["14-07-2020"], ["07-14-2020"])),
    ).toThrow(UserError);
  });

  it("refuses an all-ambiguous file with file, line, column and the date_format lines to add", () => {
    try {
      settleSourceDates(source(), "sla.yaml", header, tallies(["06-08-2020 15:38", "02-07-2020 09:05"], []));
      expect.unreachable();
    } catch (err) {
      expect((err as UserError).issues).toEqual([
        {
          severity: "error",
          file: "Leads.csv",
          line: 2,
          column: 2,
          message:
            'column "Create Date": every date fits both day first and month first (line 2 "06-08-2020 15:38", line 3 "02-07-2020 09:05"), so its layout cannot be told from its values',
          hint: 'add date_format: "dd-MM-yyyy HH:mm" (day first) or date_format: "MM-dd-yyyy HH:mm" (month first) under sources.leads in sla.yaml',
        },
      ]);
    }
  });

  it("names the preset when its format settled an ambiguous column", () => {
    const t = tallyFor("M/d/yyyy h:mm a");
    t.add("3/8/2021 9:15 AM", 2);
    const out = settleSourceDates(
      source("salesforce", "M/d/yyyy h:mm a"),
      "sla.yaml",
      header,
      new Map([[1, t]]),
    );
    expect(out.format).toBe("M/d/yyyy h:mm a");
    expect(out.findings[0]?.message).toContain(
      "the salesforce preset's format: all 1 dates fit either order",
    );
  });
});

describe("a format for year-first values (suggestion)", () => {
  const ex = (...texts: string[]) => texts.map((text, i) => ({ line: i + 2, text }));
  it.each([
    [["20210105", "20211231"], "yyyyMMdd"],
    [["2021/01/05 09:30", "2021/12/31 17:05"], "yyyy/MM/dd HH:mm"],
    [["2021.01.05 09:30:10"], "yyyy.MM.dd HH:mm:ss"],
  ])("%j → %s", (texts, format) => expect(suggestion(ex(...texts))).toBe(format));

  it.each([
    [["20211305"]], // month 13
    [["12345678"]], // an id, not a date
    [["05.01.2021"]], // not year first: the day/month decision's business
  ])("%j → none", (texts) => expect(suggestion(ex(...texts))).toBeNull());
});
