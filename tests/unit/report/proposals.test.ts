/** The proposals in each format, from a hand-written Proposals value: texts, escaping, widths. */

import { describe, expect, it } from "vitest";
import { PROPOSALS_DEFINITION, type Proposals } from "../../../src/metrics/proposals.js";
import type { Report } from "../../../src/metrics/types.js";
import { makeStyle } from "../../../src/report/index.js";
import { type ProposalsDoc, renderProposals } from "../../../src/report/proposals.js";
import { displayWidth } from "../../../src/report/width.js";

const proposals: Proposals = {
  definition: PROPOSALS_DEFINITION,
  handoffs: [
    {
      handoff: "first-touch",
      clock: "business",
      unit: "hours",
      within: "4bh",
      target: 0.8,
      compliance: 0.5,
      obligations: 3,
      decided: 2,
      window_needed: 5,
      window_needed_text: "5bh",
      candidates: [
        { window: "2bh", amount: 2, current: false, met: 0, late: 2, missed: 0, pending: 1, compliance: 0 },
        { window: "4bh", amount: 4, current: true, met: 1, late: 1, missed: 0, pending: 1, compliance: 0.5 },
      ],
      reps: [
        {
          rep: "<b>Ann|Lee</b>",
          obligations: 3,
          decided: 2,
          compliance: 0.5,
          window_needed: null,
          window_needed_text: null,
          small_sample: true,
        },
      ],
    },
  ],
  commitments: [
    {
      team: "marketing",
      commitment: "mqls",
      target: 30,
      judged: 4,
      kept: 3,
      proposed: 32,
      kept_at_proposed: 2,
    },
    {
      team: "sales",
      commitment: "acceptance",
      target: 0.7,
      judged: 4,
      kept: 1,
      proposed: 0.65,
      kept_at_proposed: 2,
    },
  ],
};

const doc: ProposalsDoc = {
  schema_version: 1,
  sla: { name: "Acme", file: "sla.yaml", timezone: "UTC" },
  as_of: "2026-01-15T00:00:00Z",
  period: { from: "2026-01-05T00:00:00Z", to: "2026-01-15T00:00:00Z" },
  coverage: { line: "7 of 7 leads", warning: null },
  proposals,
} as ProposalsDoc & { sla: Report["sla"] };

const style = (width: number) => makeStyle(0, { width });

describe("proposals formats", () => {
  it("Markdown: the current window marked, counts and shares in their units, a name escaped, not reached said", () => {
    const md = renderProposals(doc, "md", style(100));
    expect(md).toContain("| first-touch | 4bh | 80.0% | 50.0% | 5bh | 3 | 2 |");
    expect(md).toContain("| first-touch | 4bh (now) | 1 | 1 | 0 | 1 | 50.0% |");
    expect(md).toContain("| first-touch | \\<b\\>Ann\\|Lee\\</b\\> | 3 | 2† | 50.0% | not reached |");
    // a count commitment reads as a count, a share as a share
    expect(md).toContain("| marketing | MQLs delivered | 30 | 3 of 4 | 32 | 2 |");
    expect(md).toContain("| sales | MQLs accepted | 70.0% | 1 of 4 | 65.0% | 2 |");
  });

  it("CSV: raw values, one stacked file, the current window flagged", () => {
    const csv = renderProposals(doc, "csv", style(100)).split("\n");
    expect(csv[0]).toBe(
      "table,handoff,within,target,compliance,window_needed,obligations,decided,window,current,met,late,missed,pending,rep,small_sample,team,commitment,kept,judged,proposed,kept_at_proposed",
    );
    expect(csv).toContain("proposals-candidates,first-touch,,,0.5,,,,4bh,true,1,1,0,1,,,,,,,,");
    expect(csv).toContain("proposals-commitments,,,30,,,,,,,,,,,,,marketing,mqls,3,4,32,2");
  });

  it("terminal: every line fits the width; at 60 columns counts give way (named), a table too wide becomes records", () => {
    for (const width of [60, 100]) {
      const text = renderProposals(doc, "table", style(width));
      for (const line of text.split("\n")) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    }
    const narrow = renderProposals(doc, "table", style(60));
    expect(narrow).toContain("not shown at 60 columns: late, pending");
    // the windows table cannot fit even without its counts: one record per handoff
    expect(narrow).toMatch(/\nfirst-touch\n {2}window +4bh\n/);
  });

  it("HTML: one page with no script, values escaped; JSON: the document as it is", () => {
    const page = renderProposals(doc, "html", style(100));
    expect(page).toContain("&lt;b&gt;Ann|Lee&lt;/b&gt;");
    expect(page).not.toContain("<b>Ann");
    expect(page).not.toMatch(/<script/i);
    expect(JSON.parse(renderProposals(doc, "json", style(100)))).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
