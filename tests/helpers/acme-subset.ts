/** The acme example cut to its first leads, in a temporary folder: CLI tests that run many times. */

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const repo = join(import.meta.dirname, "..", "..");
const acme = join(repo, "examples", "acme");

/**
 * Copies the acme files keeping the rows of leads L-000001 to L-{leads} (every row naming a later
 * lead dropped), with `edit` applied to each file's text, and sla.example.yaml pointing at them.
 * Returns the folder and the SLA file's path.
 */
export function acmeSubset(
  leads = 300,
  edit: (file: string, text: string) => string = (_f, t) => t,
): { dir: string; sla: string } {
  const dir = mkdtempSync(join(tmpdir(), "acme-subset-"));
  const files = ["leads.csv", "stage_history.csv", "activities.csv", "owner_history.csv", "reps.csv"];
  for (const f of [...files, "engagements.csv", "competitors.csv", "Opportunity.csv", "rates.csv"]) {
    const lines = readFileSync(join(acme, f), "utf8").split("\n");
    const kept = lines.filter((l, i) => {
      const id = /L-(\d{6})/.exec(l);
      return i === 0 || !id || Number(id[1]) <= leads;
    });
    writeFileSync(join(dir, f), edit(f, kept.join("\n")));
  }
  const sla = join(dir, "sla.yaml");
  writeFileSync(sla, readFileSync(join(repo, "sla.example.yaml"), "utf8").replaceAll("examples/acme/", ""));
  return { dir, sla };
}
