/**
 * Files that are not CSV text as given (issue 16, Messages): a gzip or xlsx file named .csv,
 * UTF-16 without a byte-order mark, UTF-32; an SLA file in UTF-16 or with CR-only line ends.
 * Each is said plainly, with what to do, and exits 2; or is read when it can be.
 */

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { LEADS, makeFifo, twoLeadSla } from "./helpers/two-leads.js";

const dir = mkdtempSync(join(tmpdir(), "binary-input-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sla = (leads: string, extra = "") => twoLeadSla(leads, extra ? [`    ${extra}`] : []);

let n = 0;
async function auditOf(bytes: Uint8Array, extra = "") {
  const name = `leads-${n++}.csv`;
  writeFileSync(join(dir, name), bytes);
  const file = join(dir, `sla-${n}.yaml`);
  writeFileSync(file, sla(name, extra));
  const run = fakeIo({ NO_COLOR: "1" });
  const code = await main(["audit", "--sla", file, "--format", "json"], run.io);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

describe("a data file that is not CSV text", () => {
  it.each([
    ["gzip", gzipSync(LEADS), "is a gzip file, not CSV: decompress it"],
    [
      "xlsx (a ZIP)",
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
      "is a ZIP file (an Excel .xlsx workbook",
    ],
    ["xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), "Excel 97-2003 workbook"],
    ["UTF-32", Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from("I\0\0\0d\0\0\0")]), "UTF-32"],
    [
      "UTF-16 without a byte-order mark",
      Buffer.from(LEADS, "utf16le"),
      "set encoding: utf-16le on the source",
    ],
  ])("%s: exit 2 saying what the file is and what to do, no stack", async (_, bytes, said) => {
    const r = await auditOf(bytes);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(said);
    expect(r.stderr).not.toContain("missing column");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("UTF-16 without a byte-order mark reads with the encoding it names", async () => {
    const r = await auditOf(Buffer.from(LEADS, "utf16le"), "encoding: utf-16le");
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).coverage.line).toBe("2 of 2 leads");
  });
});

describe("the SLA file", () => {
  const leads = join(dir, "plain.csv");
  writeFileSync(leads, LEADS);
  const run = async (bytes: Uint8Array) => {
    const file = join(dir, `sla-text-${n++}.yaml`);
    writeFileSync(file, bytes);
    const io = fakeIo({ NO_COLOR: "1" });
    const code = await main(["audit", "--sla", file, "--format", "json"], io.io);
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  };

  it.each([
    [
      "UTF-16 with a byte-order mark (Notepad's Unicode)",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sla("plain.csv"), "utf16le")]),
    ],
    ["UTF-16 without one", Buffer.from(sla("plain.csv"), "utf16le")],
    ["CR-only line ends (classic Mac)", Buffer.from(sla("plain.csv").replaceAll("\n", "\r"))],
    ["CRLF line ends", Buffer.from(sla("plain.csv").replaceAll("\n", "\r\n"))],
  ])("%s is read", async (_, bytes) => {
    const r = await run(bytes);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).coverage.line).toBe("2 of 2 leads");
  });

  it("a gzip file given as the SLA file says so", async () => {
    const r = await run(gzipSync(sla("plain.csv")));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("the SLA file is not text: it is a gzip file");
  });
});

describe("a source that is a pipe or a device", () => {
  it("a named pipe (as <(zcat leads.csv.gz) gives) is read once and audited", async () => {
    const fifo = join(dir, "leads.fifo");
    if (!makeFifo(fifo)) return;
    writeFileSync(join(dir, "plain-for-fifo.csv"), LEADS);
    // The writer starts after the reader has begun: the date scan, the encoding check and the rows
    // all read one copy of what came through the pipe.
    const writer = spawn("sh", ["-c", `cat ${join(dir, "plain-for-fifo.csv")} > ${fifo}`]);
    const file = join(dir, "sla-fifo.yaml");
    writeFileSync(file, sla("leads.fifo"));
    const run = fakeIo({ NO_COLOR: "1" });
    const code = await main(["audit", "--sla", file, "--format", "json"], run.io);
    writer.kill();
    expect(code, run.stderr()).toBe(0);
    expect(JSON.parse(run.stdout()).coverage.line).toBe("2 of 2 leads");
  });

  it("/dev/zero is refused from its first bytes (binary), nothing copied", async () => {
    const file = join(dir, "sla-zero.yaml");
    writeFileSync(file, sla("/dev/zero"));
    const run = fakeIo({ NO_COLOR: "1" });
    expect(await main(["audit", "--sla", file], run.io)).toBe(2);
    expect(run.stderr()).toContain("cannot read /dev/zero: it holds binary data (NUL bytes), not CSV text");
  });
});
