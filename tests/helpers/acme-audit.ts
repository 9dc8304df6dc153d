/** The bundled example audited by the built CLI (`audit --sla sla.example.yaml --format json`), and its generator's manifest. */

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { funnelManifest } from "../../scripts/generate/acme.js";
import type { FunnelManifest } from "../../scripts/generate/manifest.js";

export const repo = join(import.meta.dirname, "..", "..");
const bin = join(repo, "bin", "funnel-audit.js");
/** Whether dist is built (the tests that spawn the CLI skip without it). */
export const built = existsSync(join(repo, "dist", "cli", "main.js"));

/** The manifest of examples/acme (the options of `npm run examples`). */
export function acmeManifest(): FunnelManifest {
  return funnelManifest({
    seed: 20260501,
    leads: 2000,
    start: "2026-05-01",
    end: "2026-10-31",
    timezone: "America/New_York",
  });
}

/** The JSON report of the example (with `extra` arguments), exit 0 asserted. */
export function auditAcme(extra: string[] = []): Record<string, unknown> {
  const r = spawnSync(
    process.execPath,
    [bin, "audit", "--sla", "sla.example.yaml", "--format", "json", ...extra],
    {
      cwd: repo,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}
