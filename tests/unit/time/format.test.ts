import { TZDate } from "@date-fns/tz";
import { formatISO } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatInstant, formatShort } from "../../../src/time/format.js";

// formatInstant was date-fns's formatISO of a TZDate; it is now written from zone.ts alone (the
// date-fns index cost about 95 ms at every start). date-fns stays a dev dependency for this check.
const ZONES = [
  "UTC",
  "America/New_York",
  "America/Los_Angeles",
  "Europe/London",
  "Europe/Madrid",
  "Asia/Kolkata", // +05:30
  "Asia/Kathmandu", // +05:45
  "Pacific/Chatham", // +12:45 / +13:45
  "America/St_Johns", // -03:30 / -02:30
  "Australia/Lord_Howe", // half-hour daylight saving
  "Pacific/Kiritimati", // +14:00
  "Pacific/Pago_Pago", // -11:00
];

describe("formatInstant", () => {
  it("writes the wall time and the offset by hand (hand-checked instants)", () => {
    // 2026-10-31T21:00Z is 17:00 in New York (EDT, -4h) and 10:45 on 1 November in Chatham (+13:45).
    const t = Date.UTC(2026, 9, 31, 21, 0, 0);
    expect(formatInstant(t, "America/New_York")).toBe("2026-10-31T17:00:00-04:00");
    expect(formatInstant(t, "Pacific/Chatham")).toBe("2026-11-01T10:45:00+13:45");
    expect(formatInstant(t, "UTC")).toBe("2026-10-31T21:00:00Z");
    // Kolkata is +05:30 all year: 21:00Z + 5:30 = 02:30 the next day; seconds kept, milliseconds not.
    expect(formatInstant(t + 7_999, "Asia/Kolkata")).toBe("2026-11-01T02:30:07+05:30");
    expect(formatShort(t, "America/New_York")).toBe("2026-10-31 17:00");
  });

  it("equals date-fns's formatISO(new TZDate(t, zone)) from 1970 to 2100", () => {
    const from = Date.UTC(1970, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), fc.constantFrom(...ZONES), (t, zone) => {
        expect(formatInstant(t, zone)).toBe(formatISO(new TZDate(t, zone)));
      }),
      { numRuns: 3000 },
    );
  });

  it("equals formatISO at every 30 minutes of a year, each daylight-saving change included", () => {
    // offsetAt trusts a UTC day (then an hour) whose two ends have one offset: a change inside
    // one must show here. Lord Howe moves by 30 minutes; Chatham changes at 02:45 local.
    for (const zone of ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Pacific/Chatham"])
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 1_800_000)
        if (formatInstant(t, zone) !== formatISO(new TZDate(t, zone)))
          expect(formatInstant(t, zone), `${zone} ${t}`).toBe(formatISO(new TZDate(t, zone)));
  });
});
