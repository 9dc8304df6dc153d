/** The writer takes a report in pieces (a large JSON report is never one string), atomically as before. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runs, writeFilesSafely } from "../src/cli/io.js";

const tmp = () => mkdtempSync(join(tmpdir(), "fa-stream-"));

function* pieces(n: number, failAt = -1): Generator<string> {
  for (let i = 0; i < n; i++) {
    if (i === failAt) throw new Error("the renderer failed half way");
    yield `{"i": ${i}}\n`;
  }
}

describe("writing a report in pieces", () => {
  it("joins the pieces into runs of about the size asked, in order", () => {
    // 10 pieces of 9 characters ({"i": 0}\n), runs of at least 20: 3 + 3 + 3 + 1 pieces.
    expect([...runs(pieces(10), 20)].map((r) => r.length)).toEqual([27, 27, 27, 9]);
    expect([...runs(pieces(10), 20)].join("")).toBe([...pieces(10)].join(""));
    expect([...runs("whole")]).toEqual(["whole"]);
  });

  it("a file gets every piece, through a temporary file renamed over it", async () => {
    const dir = tmp();
    const out = join(dir, "r.json");
    writeFileSync(out, "old report");
    await writeFilesSafely(new Map([[out, pieces(100_000)]]), () => undefined);
    expect(readFileSync(out, "utf8")).toBe([...pieces(100_000)].join(""));
    expect(readdirSync(dir)).toEqual(["r.json"]);
  });

  it("a renderer failing half way leaves the old report and no temporary file", async () => {
    const dir = tmp();
    const out = join(dir, "r.json");
    writeFileSync(out, "old report");
    await expect(
      writeFilesSafely(new Map([[out, pieces(300_000, 200_000)]]), () => undefined),
    ).rejects.toThrow(/cannot write/);
    expect(readFileSync(out, "utf8")).toBe("old report");
    expect(readdirSync(dir)).toEqual(["r.json"]);
  });

  it("stdout gets the pieces in runs, the same text", async () => {
    const got: string[] = [];
    await writeFilesSafely(new Map([["-", pieces(1000)]]), (t) => void got.push(t));
    expect(got.join("")).toBe([...pieces(1000)].join(""));
  });
});
