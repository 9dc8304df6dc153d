/**
 * Wording a reader sees in every format (issue 17, "read every output once more"): an SLA file
 * that sets no target says so instead of "all 0 targets held", a section with nothing to show
 * says why, and counts take the singular at one.
 */

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import type { Report } from "../src/metrics/types.js";
import { changeFigure } from "../src/report/format.js";
import { makeStyle } from "../src/report/index.js";
import { qualityTable } from "../src/report/tables/quality.js";

/** The example SLA without its handoffs, lead definition and commitments: nothing left to judge. */
function noTargets(): string {
  const text = readFileSync("sla.example.yaml", "utf8");
  // The engagements source (the last one) goes too: it needs the engagement_types cut with the definition.
  const sources = text.slice(text.indexOf("\nsources:"), text.indexOf("\n  engagements:"));
  const cut = `${text.slice(0, text.indexOf("\nhandoffs:"))}${sources}\n`;
  const dir = mkdtempSync(join(tmpdir(), "fa-wording-"));
  const file = join(dir, "sla.yaml");
  writeFileSync(file, cut.replaceAll("examples/acme/", `${resolve("examples/acme")}/`));
  return file;
}

async function audit(sla: string, format: string) {
  const f = fakeIo({ NO_COLOR: "1" });
  const code = await main(["audit", "--sla", sla, "--format", format], f.io);
  expect(code, f.stderr()).toBe(0);
  return f.stdout();
}

describe("an SLA file that sets no target", () => {
  it("says there is none to judge in the terminal, Markdown and HTML", async () => {
    const sla = noTargets();
    const [table, md, html] = [await audit(sla, "table"), await audit(sla, "md"), await audit(sla, "html")];
    for (const out of [table, md, html]) expect(out).not.toMatch(/all 0 targets/i);
    expect(table).toContain("Targets: none to judge (the SLA file sets none)");
    expect(md).toContain("**➖ no target to judge (the SLA file sets none)**");
    expect(html).toContain("<strong>No target to judge</strong> (the SLA file sets none)");
    // The handoff sections say why they are empty, once each, not four empty tables.
    expect(md).toContain(
      "<summary>Handoff SLAs</summary>\n\n_no handoffs declared (`handoffs:` in the SLA file)_",
    );
    expect(md).not.toContain("_none_");
    expect(html.match(/no handoffs declared/g)).toHaveLength(2);
  });
});

describe("counts in words", () => {
  it("takes the singular at one: 1 row not used, 1 warning, 1 note", () => {
    const r = {
      inputs: { files: [{ not_used: 1 }] },
      quality: { warnings: 1, infos: 1, findings: [] },
    } as unknown as Report;
    expect(qualityTable(r, makeStyle(false))).toBe(
      "Data quality: 1 row not used, 1 warning, 1 note\nno findings",
    );
    const many = {
      ...r,
      inputs: { files: [{ not_used: 2 }] },
      quality: { warnings: 0, infos: 3, findings: [] },
    };
    expect(qualityTable(many as unknown as Report, makeStyle(false))).toBe(
      "Data quality: 2 rows not used, 0 warnings, 3 notes\nno findings",
    );
  });
});

describe("week over week figures in their kind", () => {
  it("shares in %, changes in points, hours with the clock's unit, counts signed", () => {
    // 0.585 -> 58.5%; 0.582 - 0.585 = -0.003 -> -0.3 pts; -0.0003 rounds to 0.0: no sign.
    expect(changeFigure("share", 0.585, "calendar", false)).toBe("58.5%");
    expect(changeFigure("share", -0.003, "calendar", true)).toBe("-0.3 pts");
    expect(changeFigure("share", -0.0003, "calendar", true)).toBe("0.0 pts");
    // 23.59 business hours: bh, not h; a change of +0.12 -> +0.1bh.
    expect(changeFigure("hours", 23.59, "business", false)).toBe("23.6bh");
    expect(changeFigure("hours", 0.12, "business", true)).toBe("+0.1bh");
    expect(changeFigure("hours", 47.6, "calendar", false)).toBe("47.6h");
    expect(changeFigure("count", -386, "calendar", true)).toBe("-386");
    expect(changeFigure("count", 2217, "calendar", false)).toBe("2,217");
    expect(changeFigure("count", null, "calendar", true)).toBe("–");
  });
});
