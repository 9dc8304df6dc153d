/** --redact: personal data out of every output, figures unchanged, tokens stable. */

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { finding } from "../src/findings.js";
import type { Dataset } from "../src/ingest/dataset.js";
import { qualityRows } from "../src/metrics/quality.js";
import { redactor, redactToken } from "../src/report/redact.js";
import { clip } from "../src/text.js";

const KEY = "test-key: tokens stable across runs";

async function run(args: string[], key: string | undefined = KEY) {
  const f = fakeIo({ NO_COLOR: "1", ...(key ? { FUNNEL_AUDIT_REDACT_KEY: key } : {}) });
  expect(await main(args, f.io)).toBe(0);
  return f.stdout();
}

const emails = readFileSync("examples/acme/leads.csv", "utf8")
  .split("\n")
  .slice(1)
  .map((l) => l.split(",")[4] ?? "")
  .filter((e) => e.includes("@") && e.length > 3);
const reps = ["Priya Raman", "Dana Whitfield", "Tom Whitaker", "Luis Ortega"];

describe("--redact", () => {
  it("removes e-mails, lead and rep names and companies from the JSON report; figures are the same", async () => {
    const plain = JSON.parse(await run(["audit", "--sla", "sla.example.yaml", "--format", "json"]));
    const text = await run(["audit", "--sla", "sla.example.yaml", "--format", "json", "--redact"]);
    for (const secret of [...emails.slice(0, 200), ...reps])
      expect(text.includes(secret), secret).toBe(false);
    const redacted = JSON.parse(text);
    expect(redacted.latency).toEqual({ ...plain.latency });
    expect(redacted.conversion).toEqual(plain.conversion);
    expect(
      redacted.compliance.reps.map((r: { rep: string }) => r.rep).every((r: string) => r.startsWith("rep-")),
    ).toBe(true);
  });

  it("gives the same tokens on every run under the same key (reports can be compared week over week)", async () => {
    const a = await run(["compliance", "--sla", "sla.example.yaml", "--redact", "--format", "csv"]);
    const b = await run(["compliance", "--sla", "sla.example.yaml", "--redact", "--format", "csv"]);
    expect(a).toBe(b);
    expect(a).toMatch(/^compliance-[a-z-]+,rep-[0-9a-f]{16},/m);
  });

  it("gives other tokens under another key, and under no key a key for this run only, said on stderr", async () => {
    const args = ["compliance", "--sla", "sla.example.yaml", "--redact", "--format", "csv"];
    const a = await run(args);
    const b = await run(args, "another key");
    expect(a).not.toBe(b);
    const f = fakeIo({ NO_COLOR: "1" });
    expect(await main(args, f.io)).toBe(0);
    expect(f.stdout()).not.toBe(a);
    expect(f.stderr()).toContain("set FUNNEL_AUDIT_REDACT_KEY");
  });

  it("redacts a trace too", async () => {
    const out = await run(["trace", "L-000006", "--sla", "sla.example.yaml", "--redact"]);
    expect(out).toMatch(/Lead L-000006 · name-[0-9a-f]{16} · company-[0-9a-f]{16}/);
    for (const r of reps) expect(out.includes(r)).toBe(false);
  });
});

describe("--redact on values the dictionary does not know", () => {
  it("an e-mail and a phone in a --by group of an unmapped column become tokens", async () => {
    // tests/fixtures/security/leads.csv: contact = ann.lee@client.com (L1), +44 20 7946 0958 (L2).
    const args = [
      "conversion",
      "--sla",
      "tests/fixtures/security/sla.yaml",
      "--by",
      "contact",
      "--format",
      "csv",
    ];
    const plain = await run(args);
    expect(plain).toContain("ann.lee@client.com");
    const out = await run([...args, "--redact"]);
    expect(out).not.toMatch(/ann\.lee|client\.com|7946|0958/);
    // The stacked CSV (one file, a `table` column): the group's row, its column before `groups`
    // (how many values the row adds up: 1, it is not the folded row).
    const group = (token: string) =>
      new RegExp(`^conversion-by-contact,.*,inquiry,mql,1,0,.*,${token},1$`, "m");
    expect(out).toMatch(group(redactToken(KEY, "email", "ann.lee@client.com")));
    expect(out).toMatch(group(redactToken(KEY, "phone", "442079460958")));
  });
});

describe("redactor (pure: the key is passed in)", () => {
  const company = `Acme ${"x".repeat(290)} Holdings`;
  const dataset = {
    leads: [{ email: "jane.smith@client.com", name: "Jane Smith", company, owner: "Priya Raman" }],
    reps: [],
    history: { owners: () => [] },
    activities: { owners: () => [] },
  } as unknown as Dataset;
  const scrub = redactor(dataset, KEY);

  it("tokens are 64 bits of HMAC-SHA-256 under the key, not a bare hash anyone can recompute", () => {
    const t = redactToken(KEY, "email", "jane.smith@client.com");
    expect(t).toMatch(/^email-[0-9a-f]{16}$/);
    const bare = createHash("sha256").update("email\u0000jane.smith@client.com").digest("hex");
    expect(t.slice(6)).not.toBe(bare.slice(0, 16));
    expect(redactToken("other", "email", "jane.smith@client.com")).not.toBe(t);
    expect(scrub("jane.smith@client.com")).toBe(t);
  });

  it("replaces e-mails and phones it was never told about, in free text", () => {
    const out = scrub("lost: asked to call bob@other.io or +1 (555) 123-4567, else 555-123-4567; Jane Smith");
    expect(out).not.toMatch(/bob|other\.io|555|4567|Jane|Smith/);
    // The same number written two ways is one token (the digits, 15551234567 and 5551234567, differ).
    expect(scrub("+1 555 123 4567")).toBe(scrub("+1 (555) 123-4567"));
    expect(out).toContain(redactToken(KEY, "name", "Jane Smith"));
  });

  it.each([
    "2026-01-05",
    "2026-10-31T17:00:00-04:00",
    "2026-10-31 17:00",
    "05.01.2026",
    "L-000006",
    "51234567",
    "12,345 rows",
    "2026-W20",
    "rep-0123456789abcdef",
    "1 of 2 leads (50.0%)",
  ])("leaves %j as it is (a date, an id, a count is no phone)", (text) => {
    expect(scrub(text)).toBe(text);
  });

  it("redacts before a clip can hide a value: a long known value cut in the middle leaks neither end", () => {
    const out = scrub(clip(company, 200));
    expect(out).toMatch(/characters cut/);
    expect(out).not.toMatch(/Acme|xx|Holdings/);
  });

  it("a name or an e-mail cut in two at a clip is removed on both sides of the cut", () => {
    // 92 "a" + " Jane Sm" is the 100-character head clip(…, 200) keeps; the 50-character tail
    // starts inside the e-mail: "ith@client.com" must not stay.
    const text = `${"a".repeat(92)} Jane Sm${"b".repeat(300)}jane.sm${"ith@client.com and more"}${"c".repeat(27)}`;
    const cut = clip(text, 200);
    expect(cut.slice(-50).startsWith("ith@client.com")).toBe(true);
    const out = scrub(cut);
    expect(out).not.toMatch(/Jane|Sm|ith@|client/);
    expect(out).toContain(`${"a".repeat(92)} `);
    expect(out).toContain(" and more");
  });
});

describe("issue 17: --redact replaces whole values, never a part of a word", () => {
  // The report that showed it: a company named "ea" turned "linear" into "lincompany-…r".
  const dataset = {
    leads: [{ email: null, name: null, company: "ea", owner: "Priya Raman" }],
    reps: [],
    history: { owners: () => [] },
    activities: { owners: () => [] },
  } as unknown as Dataset;
  const scrub = redactor(dataset, KEY);
  const ea = redactToken(KEY, "company", "ea");

  it('leaves "linear" as it is, and replaces "ea" where it stands alone', () => {
    expect(scrub("linear")).toBe("linear");
    expect(scrub("ea")).toBe(ea);
    expect(scrub("linear pipeline; lost to ea (ea, EA) after a year")).toBe(
      `linear pipeline; lost to ${ea} (${ea}, EA) after a year`,
    );
    // Letters of any script count as a word: "eaú" and "éea" are other words.
    expect(scrub("éea eaú ea.")).toBe(`éea eaú ${ea}.`);
  });
});

describe("issue 16: a long value is redacted whole, then clipped", () => {
  // A 261-character e-mail and a 229-character name (a spreadsheet's merged cells), each longer
  // than the 200 characters a finding's value shows.
  const email = `${"jane.smith".repeat(25)}@client.com`;
  const name = `Jane ${"Q".repeat(215)} Smithson`;
  const dataset = {
    leads: [{ email, name, company: null, owner: "Priya Raman" }],
    reps: [],
    history: { owners: () => [] },
    activities: { owners: () => [] },
  } as unknown as Dataset;
  const scrub = redactor(dataset, KEY);
  const place = { file: "leads.csv", line: 2 };

  it("a finding's value and message show the tokens, and no part of the e-mail or the name", () => {
    const findings = [
      finding("unknown_stage", place, `stage "${name}" of ${email} is not declared`, {
        value: `${name} / ${email}`,
      }),
    ];
    const [row] = qualityRows(findings, scrub);
    const shown = JSON.stringify(row);
    expect(shown).not.toMatch(/jane|smith|client|QQ|Smithson/i);
    expect(row?.values[0]?.value).toBe(
      `${redactToken(KEY, "name", name)} / ${redactToken(KEY, "email", email)}`,
    );
    expect(row?.examples[0]?.message).toContain(redactToken(KEY, "email", email));
  });

  it("without --redact the value is clipped as before: 100 + 50 characters, the cut counted from the whole", () => {
    const value = `${name} / ${email}`; // 229 + 3 + 261 = 493 characters
    // 2,000 characters: clipped to 800 when found, to 200 when shown; the count is still of the whole.
    const long = `${"h".repeat(1000)}${"t".repeat(1000)}`;
    const [row] = qualityRows([finding("unknown_stage", place, "m", { value })]);
    expect(row?.values[0]?.value).toBe(clip(value, 200));
    expect(row?.values[0]?.value).toContain("(343 characters cut)"); // 493 − 100 − 50
    const [again] = qualityRows([finding("unknown_stage", place, "m", { value: long })]);
    expect(again?.values[0]?.value).toBe(`${"h".repeat(100)}… (1850 characters cut) …${"t".repeat(50)}`); // 2,000 − 150
  });
});
