import { describe, expect, it } from "vitest";
import { createTimestampParser } from "../../../src/time/timestamps.js";

const utc = (iso: string) => Date.parse(iso);

describe("createTimestampParser", () => {
  it("runs under a host zone unlike any SLA zone used here (guards the tests below)", () => {
    // Pacific/Chatham is +13:45 in January: a host-zone leak would shift every naive time.
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe("Pacific/Chatham");
    expect(new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset()).toBe(-825);
  });

  it.each([
    ["naive time in UTC", "UTC", "2026-05-04T09:30:00", "2026-05-04T09:30:00Z"],
    ["naive time in New York (EDT)", "America/New_York", "2026-05-04T09:30:00", "2026-05-04T13:30:00Z"],
    ["naive time in New York (EST)", "America/New_York", "2026-01-15T09:30:00", "2026-01-15T14:30:00Z"],
    ["naive time in Kolkata (+05:30)", "Asia/Kolkata", "2026-05-04T09:30:00", "2026-05-04T04:00:00Z"],
    ["naive time without seconds", "America/New_York", "2026-05-04T09:30", "2026-05-04T13:30:00Z"],
    ["space separator", "America/New_York", "2026-05-04 09:30:00", "2026-05-04T13:30:00Z"],
    ["date-only = local midnight (New York)", "America/New_York", "2026-05-04", "2026-05-04T04:00:00Z"],
    ["date-only = local midnight (Kolkata)", "Asia/Kolkata", "2026-05-04", "2026-05-03T18:30:00Z"],
    ["date-only = midnight (UTC)", "UTC", "2026-05-04", "2026-05-04T00:00:00Z"],
    ["surrounding spaces", "UTC", "  2026-05-04  ", "2026-05-04T00:00:00Z"],
    ["Z overrides the SLA zone", "America/New_York", "2026-05-04T09:30:00Z", "2026-05-04T09:30:00Z"],
    ["+02:00 offset", "America/New_York", "2026-05-04T09:30:00+02:00", "2026-05-04T07:30:00Z"],
    ["-04:00 offset", "Asia/Kolkata", "2026-05-04T09:30:00-04:00", "2026-05-04T13:30:00Z"],
    ["+0200 offset without colon", "America/New_York", "2026-05-04T09:30:00+0200", "2026-05-04T07:30:00Z"],
    ["+02 hour-only offset", "America/New_York", "2026-05-04T09:30:00+02", "2026-05-04T07:30:00Z"],
    ["+14:00 offset (Kiribati)", "UTC", "2026-05-04T09:30:00+14:00", "2026-05-03T19:30:00Z"],
    ["+13:45 offset (Chatham)", "UTC", "2026-01-15T09:30:00+13:45", "2026-01-14T19:45:00Z"],
    ["fractional seconds, naive", "America/New_York", "2026-05-04T09:30:00.123", "2026-05-04T13:30:00.123Z"],
    [
      "fractional seconds with Z (to the millisecond)",
      "UTC",
      "2026-05-04T09:30:00.123456Z",
      "2026-05-04T09:30:00.123Z",
    ],
    ["decimal comma", "UTC", "2026-05-04T09:30:00,5Z", "2026-05-04T09:30:00.500Z"],
    ["29 February in a leap year", "UTC", "2028-02-29", "2028-02-29T00:00:00Z"],
    ["24:00 is the end of the day", "UTC", "2026-05-04T24:00:00", "2026-05-05T00:00:00Z"],
  ])("%s: %s %j", (_name, zone, text, expected) => {
    expect(createTimestampParser(zone).parse(text)).toBe(utc(expected));
  });

  it.each([
    ["year only", "2026"],
    ["year and month", "2026-05"],
    ["day/month/year", "31/02/2026"],
    ["US export format", "5/4/2026 9:30 AM"],
    ["30 February", "2026-02-30"],
    ["29 February in a common year", "2026-02-29"],
    ["month 13", "2026-13-01"],
    ["hour 25", "2026-05-04T25:00"],
    ["minute 60", "2026-05-04T09:60"],
    ["second 60", "2026-05-04T09:30:60"],
    ["hour without minutes", "2026-05-04T09"],
    ["one-digit hour", "2026-05-04 9:30"],
    ["basic format date", "20260504"],
    ["basic format time", "2026-05-04T0930"],
    ["words", "yesterday"],
    ["empty", ""],
    ["spaces only", "   "],
  ])("rejects %s: %j", (_name, text) => {
    expect(createTimestampParser("UTC").parse(text)).toBeNull();
  });

  // date-fns validates only an offset's minutes; "+25:00" must not become a time 25 hours away.
  it("rejects an offset beyond ±14:00", () => {
    expect(createTimestampParser("UTC").parse("2026-05-04T09:30:00+25:00")).toBeNull();
  });

  it("names the formats it accepts, for hints", () => {
    expect(createTimestampParser("UTC").accepts).toBe(
      "ISO 8601 (2026-05-04T09:30:00Z, 2026-05-04 09:30:00) or a date (2026-05-04); for other formats set date_format: on the source",
    );
  });
});

describe("createTimestampParser: DST in America/New_York (documents what it does)", () => {
  const ny = createTimestampParser("America/New_York");

  it.each([
    ["the minute before the gap is EST", "2026-03-08T01:59:00", "2026-03-08T06:59:00Z"],
    // 02:00–02:59 do not exist on 8 March 2026: a time in the gap moves forward by the gap's hour,
    // i.e. it reads as if the clocks had not yet changed (02:30 EST = 03:30 EDT).
    ["02:00 in the gap reads as 03:00 EDT", "2026-03-08T02:00:00", "2026-03-08T07:00:00Z"],
    ["02:30 in the gap reads as 03:30 EDT", "2026-03-08T02:30:00", "2026-03-08T07:30:00Z"],
    ["03:00 after the gap is EDT", "2026-03-08T03:00:00", "2026-03-08T07:00:00Z"],
    ["midnight of the gap day is EST", "2026-03-08", "2026-03-08T05:00:00Z"],
    ["the minute before the overlap is EDT", "2026-11-01T00:59:00", "2026-11-01T04:59:00Z"],
    // 01:00–01:59 happen twice on 1 November 2026: a naive time takes the first (EDT, -04:00).
    ["01:00 in the overlap takes the first (EDT)", "2026-11-01T01:00:00", "2026-11-01T05:00:00Z"],
    ["01:30 in the overlap takes the first (EDT)", "2026-11-01T01:30:00", "2026-11-01T05:30:00Z"],
    ["01:59:59 in the overlap takes the first (EDT)", "2026-11-01T01:59:59", "2026-11-01T05:59:59Z"],
    ["02:00 after the overlap is EST", "2026-11-01T02:00:00", "2026-11-01T07:00:00Z"],
    ["an explicit offset picks the second 01:30 (EST)", "2026-11-01T01:30:00-05:00", "2026-11-01T06:30:00Z"],
  ])("%s: %j", (_name, text, expected) => {
    expect(ny.parse(text)).toBe(utc(expected));
  });

  it("a naive time in the gap and the real time one hour later are the same instant", () => {
    expect(ny.parse("2026-03-08T02:15:00")).toBe(ny.parse("2026-03-08T03:15:00"));
  });
});
