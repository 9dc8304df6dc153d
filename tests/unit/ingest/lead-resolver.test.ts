/** The ids other files use for a lead (leadResolver): Salesforce's null id names nobody. */

import { describe, expect, it } from "vitest";
import { isNullId, leadResolver } from "../../../src/ingest/index.js";
import type { Lead } from "../../../src/types.js";

const lead = (id: string, convertedContactId: string | null) => ({ id, convertedContactId }) as Lead;

describe("leadResolver", () => {
  // Two leads whose ConvertedContactId was exported as the null id (never converted), one converted.
  const leads = [
    lead("00Q8a00001x16JGEAY", "000000000000000AAA"),
    lead("00Q8a00001x16JHEAY", "000000000000000AAA"),
    lead("00Q8a00001x16JIEAY", "0038a00000Abc12AAA"),
  ];
  const map = new Map(leads.map((l) => [l.id, l]));
  const resolve = leadResolver({ get: (id: string) => map.get(id), values: () => leads } as never);

  it("joins a task on the null id to no lead (it used to join them all to one lead)", () => {
    expect(resolve("000000000000000AAA")).toBeNull();
    expect(resolve("000000000000000")).toBeNull();
  });

  it("still joins a converted lead's contact, by 18 or 15 characters", () => {
    expect(resolve("0038a00000Abc12AAA")).toBe("00Q8a00001x16JIEAY");
    expect(resolve("0038a00000Abc12")).toBe("00Q8a00001x16JIEAY");
    expect(resolve("00Q8a00001x16JG")).toBe("00Q8a00001x16JGEAY");
  });

  it("knows the null id in both lengths and nothing else", () => {
    expect(
      ["000000000000000", "000000000000000AAA", "0000000000000000", "00Q000000000000"].map(isNullId),
    ).toEqual([true, true, false, false]);
  });
});
