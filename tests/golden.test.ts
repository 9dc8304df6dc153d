/**
 * Golden cases: each folder under tests/golden holds args.txt (one argument per line, run from
 * the repository root) and expected/{stdout.txt, stderr.txt, exit.txt}. main() runs with a fake
 * Io, colour off. Refresh after a reviewed change with `npx vitest run tests/golden.test.ts -u`.
 */

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";

const root = join(import.meta.dirname, "golden");
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("golden", () => {
  it.each(cases)("%s", async (name) => {
    const dir = join(root, name);
    const args = readFileSync(join(dir, "args.txt"), "utf8")
      .split("\n")
      .filter((a) => a !== "");
    const run = fakeIo({ NO_COLOR: "1" });
    const code = await main(args, run.io);
    await expect(run.stdout()).toMatchFileSnapshot(join(dir, "expected", "stdout.txt"));
    await expect(run.stderr()).toMatchFileSnapshot(join(dir, "expected", "stderr.txt"));
    await expect(`${code}\n`).toMatchFileSnapshot(join(dir, "expected", "exit.txt"));
  });
});
