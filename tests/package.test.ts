/**
 * What the package ships (npm pack --dry-run, no network): the example a user is pointed to and
 * what it reads, the schema, the licence; not the example generator (scripts/generate), which only
 * `npm run examples` and the bench use, through tsx.
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..");
const bin = join(repo, "bin", "funnel-audit.js");
const built = existsSync(join(repo, "dist", "cli", "main.js"));

describe("the package", () => {
  it("ships the example SLA and the files it names, the schema and the licence, not the generator", () => {
    const r = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: repo,
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    const files = (JSON.parse(r.stdout)[0].files as { path: string }[]).map((f) => f.path);
    const example = readFileSync(join(repo, "sla.example.yaml"), "utf8");
    const named = [...example.matchAll(/^\s+(?:file|rates): (\S+)/gm)].map((m) => m[1] as string);
    // leads, stage history, activities, owner history, reps, engagements, money rates, opportunities
    expect(named.length).toBe(8);
    for (const f of [
      "LICENSE",
      "sla.example.yaml",
      "schema/sla.schema.json",
      "bin/funnel-audit.js",
      ...named,
    ])
      expect(files, f).toContain(f);
    // Neither its source nor a build of it (a dist/generate left by a build from before the move).
    expect(files.filter((f) => /(^|\/)generate\//.test(f) || f.startsWith("scripts/"))).toEqual([]);
    expect(files).toContain("dist/cli/main.js");
  });

  it("LICENSE is the MIT licence package.json names", () => {
    expect(JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).license).toBe("MIT");
    const text = readFileSync(join(repo, "LICENSE"), "utf8");
    expect(text).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} funnel-audit contributors\n/);
  });

  it.skipIf(!built)(
    "with no sla.yaml, the error names the bundled example by a path that works from this folder",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "funnel-package-"));
      try {
        const r = spawnSync(process.execPath, [bin, "audit"], { cwd: dir, encoding: "utf8" });
        expect(r.status).toBe(2);
        const path = /try --sla (\S+)\)/.exec(r.stderr)?.[1];
        expect(path, r.stderr).toBeDefined();
        expect(resolve(dir, path as string)).toBe(join(repo, "sla.example.yaml"));
        const again = spawnSync(process.execPath, [bin, "validate", "--sla", path as string], {
          cwd: dir,
          encoding: "utf8",
        });
        expect(again.status, again.stderr).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
