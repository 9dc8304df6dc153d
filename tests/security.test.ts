/**
 * Issue 16, security and privacy: one printable filter on every stream, CSV neutralisation of
 * full-width formula prefixes, a Content-Security-Policy on `sla render --format html`.
 */

import { describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { formatIssue, UserError } from "../src/errors.js";
import { neutralise } from "../src/report/csv.js";
import { printable } from "../src/text.js";

const DIR = "tests/fixtures/security";
// leads.csv's fifth header cell is OSC "set window title" (ESC ] 0;pwned BEL), "note", then U+202E;
// Its owners and sources hold U+202E, CSI as one C1 byte (U+009B), ESC [2J and U+2066;
// history.csv's second stage value is ESC [2J (clear the screen), U+2066, "Evil".
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

async function run(args: string[]) {
  const f = fakeIo({ NO_COLOR: "1" });
  const code = await main(args, f.io);
  return { code, out: f.stdout(), err: f.stderr() };
}

describe("the printable filter", () => {
  it.each([
    ["ESC and BEL", "\u001b]0;t\u0007x", "�]0;t�x"],
    ["C1 CSI", "\u009b2J", "�2J"],
    ["right-to-left override", "abc\u202Etxt.exe", "abc�txt.exe"],
    ["isolates", "\u2066a\u2069", "�a�"],
    ["marks", "\u200Eb\u200F", "�b�"],
    ["line separator", "a\u2028b", "a�b"],
    ["tab and newline stay", "a\tb\nc", "a\tb\nc"],
    ["plain text is untouched", "Zoë Ñúñez 株式会社", "Zoë Ñúñez 株式会社"],
  ])("%s", (_name, input, expected) => {
    expect(printable(input)).toBe(expected);
  });

  it("formatIssue filters every part of the line (file, path, message, hint)", () => {
    const line = formatIssue({
      severity: "error",
      file: "a\u001b[2J.csv",
      line: 3,
      path: "x\u202E",
      message: "bad \u001b]0;t\u0007",
      hint: "use \u2066",
    });
    expect(line).toBe("a�[2J.csv:3  error  x�: bad �]0;t�\n    hint: use �");
  });

  it("a UserError's message is printable (main prints it as is)", () => {
    expect(new UserError("header \u001b[31mred").message).toBe("header �[31mred");
  });

  it("validate prints no control or direction character from a header cell or a stage value", async () => {
    const { out, err } = await run(["validate", "--sla", `${DIR}/sla.yaml`]);
    expect(UNSAFE.test(out), out).toBe(false);
    expect(UNSAFE.test(err), err).toBe(false);
    // The values are still shown, made visible.
    expect(out).toContain("unused columns: �]0;pwned�note�");
    expect(out).toContain('undeclared stage value "�[2J�Evil" ×1');
  });

  it.each([["validate"], ["audit"]])(
    "a header cell quoted in a %s error reaches stderr filtered",
    async (cmd) => {
      const { code, err } = await run([cmd, "--sla", `${DIR}/missing.yaml`]);
      expect(code).toBe(2);
      expect(err).toContain("columns present: id, created_at, owner, source, �]0;pwned�note�");
      expect(UNSAFE.test(err), err).toBe(false);
    },
  );
});

describe("every report format", () => {
  it.each([
    ["audit", "table"],
    ["audit", "md"],
    ["conversion", "csv"],
    ["audit", "json"],
    ["audit", "html"],
  ])("%s --format %s: no control or direction character from the data, raw", async (cmd, format) => {
    const { code, out } = await run([cmd, "--sla", `${DIR}/sla.yaml`, "--by", "source", "--format", format]);
    expect(code).toBe(0);
    expect(out).toMatch(/ads|Evil/);
    expect(UNSAFE.test(out), out).toBe(false);
  });

  it("JSON keeps the exact value, written as escapes", async () => {
    const { out } = await run(["audit", "--sla", `${DIR}/sla.yaml`, "--by", "source", "--format", "json"]);
    expect(out).toContain('"ads\\u2066"');
    const keys = JSON.parse(out).conversion.breakdown.groups.map((g: { key: string }) => g.key);
    expect(keys).toContain("ads\u2066");
  });
});

describe("CSV neutralisation", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\uFF1DHYPERLINK(1)", "'\uFF1DHYPERLINK(1)"],
    ["\uFF0B1", "'\uFF0B1"],
    ["\uFF0D1", "'\uFF0D1"],
    ["\uFF20SUM(1)", "'\uFF20SUM(1)"],
    ["plain", "plain"],
  ])("%j -> %j", (cell, expected) => {
    expect(neutralise(cell)).toBe(expected);
  });

  it("a control character is shown as � (a carriage return first is then no formula start)", () => {
    expect(neutralise("\u001b[2Jx")).toBe("�[2Jx");
    expect(neutralise("\r=1")).toBe("�=1");
    expect(neutralise(-3)).toBe("-3");
  });
});

describe("sla render --format html", () => {
  it("carries the same Content-Security-Policy as the report", async () => {
    const agreement = await run(["sla", "render", "--sla", "sla.example.yaml", "--format", "html"]);
    const report = await run(["audit", "--sla", "sla.example.yaml", "--format", "html"]);
    const csp = (page: string) =>
      /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1];
    expect(csp(agreement.out)).toContain("default-src &#39;none&#39;");
    expect(csp(agreement.out)).toBe(csp(report.out));
  });
});
