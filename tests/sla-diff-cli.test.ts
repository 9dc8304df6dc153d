/** `sla diff` end to end: exit 0 with the changes, exit 2 with every error of both files (file:line:col). */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { edit } from "./helpers/edit.js";

const dir = mkdtempSync(join(tmpdir(), "sla-diff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base = readFileSync("sla.example.yaml", "utf8").replaceAll(
  "examples/acme/",
  `${process.cwd()}/examples/acme/`,
);
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const old = file("old.yaml", base);
const wider = file("new.yaml", edit(base, "within: 4bh", "within: 8bh"));
// Line 71 of the example holds `within: 1bd` (mql-response); line 81 `target: 0.8` (first-touch).
const badWindow = file("bad-window.yaml", edit(base, "within: 1bd", "within: soon"));
const badTarget = file("bad-target.yaml", edit(base, "target: 0.8\n", "target: 80\n"));

async function run(args: string[]) {
  const f = fakeIo({ NO_COLOR: "1" });
  const code = await main(["sla", "diff", ...args], f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}

describe("sla diff", () => {
  it("a changed window: exit 0, the change in words", async () => {
    const r = await run([old, wider]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "- **first-touch**: answered within **eight business hours** instead of **four business hours**.",
    );
  });

  it("the same agreement: no change, exit 0", async () => {
    const r = await run([old, old]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("No change: both files state the same agreement.");
  });

  it("invalid files: exit 2, the errors of both with file:line:col, nothing on stdout", async () => {
    const r = await run([badWindow, badTarget]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      new RegExp(`${badWindow.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:71:\\d+ +error`),
    );
    expect(r.stderr).toMatch(
      new RegExp(`${badTarget.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:81:\\d+ +error`),
    );
  });
});
