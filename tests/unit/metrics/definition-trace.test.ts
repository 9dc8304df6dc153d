/** `trace` explains a lead against the definition: the six leads of tests/helpers/definition-leads.ts. */
import { describe, expect, it } from "vitest";
import { traceDefinitions } from "../../../src/metrics/definition-trace.js";
import { obligationContext } from "../../../src/metrics/tallies.js";
import { makeStyle } from "../../../src/report/style.js";
import { traceJson, traceText } from "../../../src/report/trace.js";
import type { Timeline } from "../../../src/types.js";
import { AS_OF, config, timelines } from "../../helpers/definition-leads.js";

const of = (id: string) => timelines().find((t) => t.lead.id === id) as Timeline;
const trace = (id: string) =>
  traceDefinitions(config(), of(id), [], obligationContext(config(), [], AS_OF), AS_OF);

describe("traceDefinitions", () => {
  it("C at its MQL entry: not excluded, title failed (Analyst), no demo in the 30 days before", () => {
    const [entry] = trace("C").entries;
    expect(entry?.met).toBe(false);
    expect(entry?.criteria.map((c) => [c.name, c.held, c.detail])).toEqual([
      ["free mail", false, 'email = "c@acme.io"'],
      ["title vp", false, 'title = "Analyst"'],
      ["demo in 30d", false, "0 demo_request in the 30d before (at least 1)"],
    ]);
  });
  it("A: the demo row counted is named by its place; the pass clock met in 2h", () => {
    const { entries, passes } = trace("A");
    expect(entries[0]?.criteria[2]?.rows).toEqual([{ file: "e.csv", line: 2 }]);
    expect(passes.map((o) => [o.handoff, o.status, o.latencyMs])).toEqual([
      ["mql-pass", "met", 2 * 3_600_000],
    ]);
  });
  it("D never entered: no entry, and the pass clock missed", () => {
    const { entries, passes } = trace("D");
    expect(entries).toEqual([]);
    expect(passes.map((o) => o.status)).toEqual(["missed"]);
  });
  it("the text and JSON traces carry the verdicts", () => {
    const t = of("B");
    const d = trace("B");
    const data = { timeline: t, obligations: d.passes, asOf: AS_OF, definitions: d };
    const text = traceText(data, config(), makeStyle(false));
    expect(text).toContain("mql (journey 1) entered 2026-01-06 00:00 → not met");
    expect(text).toContain('✗ free mail: email = "b@gmail.com"');
    const json = JSON.parse(traceJson(data, config()));
    expect(json.definitions[0].criteria[0]).toMatchObject({
      name: "free mail",
      kind: "exclusion",
      held: true,
    });
    expect(json.engagements).toEqual([
      { at: "2026-01-06T00:00:00Z", type: "demo_request", place: "e.csv:2" },
    ]);
  });
});
