/**
 * Start-up: `--version`, `--help` and the bundled example's audit (2,000 leads), timed from outside
 * against `node -e 0` in the same run, the commands taking turns so a machine whose speed drifts
 * slows them alike. Targets (issue 17) as ratios to bare Node, whose start was 60 ms on the machine
 * they were set on: `--version` and `--help` under 150 ms (2.5×), the example under 600 ms (10×).
 */
import { join } from "node:path";
import { ROOT } from "./data.js";
import { median } from "./docs.js";
import { measure } from "./measure.js";

export interface StartupResult {
  runs: number;
  /** Median wall time per command, in ms. */
  medianMs: Record<string, number>;
  /** Median ÷ the median of `node -e 0`. */
  ratio: Record<string, number>;
  /** The ratio each command must stay under. */
  target: Record<string, number>;
}

const BARE = "node -e 0";
const bin = join(ROOT, "bin", "funnel-audit.js");
const COMMANDS: Record<string, { args: string[]; target: number | null }> = {
  [BARE]: { args: ["-e", "0"], target: null },
  "--version": { args: [bin, "--version"], target: 150 / 60 },
  "--help": { args: [bin, "--help"], target: 150 / 60 },
  "audit (example, table)": { args: [bin, "audit", "--sla", "sla.example.yaml"], target: 600 / 60 },
  "audit (example, json)": {
    args: [bin, "audit", "--sla", "sla.example.yaml", "--format", "json"],
    target: 600 / 60,
  },
};

/** Runs every command `runs` times, in turns; throws when one fails. */
export async function measureStartup(runs: number, log: (text: string) => void): Promise<StartupResult> {
  const times = new Map<string, number[]>(Object.keys(COMMANDS).map((k) => [k, []]));
  for (let i = 0; i < runs; i++)
    for (const [name, c] of Object.entries(COMMANDS)) {
      const m = await measure(process.execPath, c.args, ROOT);
      if (m.code !== 0)
        throw new Error(`start-up: ${name} exited ${m.code}: ${m.stderr.trim().slice(0, 300)}`);
      times.get(name)?.push(m.wallMs);
    }
  const medianMs = Object.fromEntries([...times].map(([k, v]) => [k, median(v)]));
  const bare = medianMs[BARE] as number;
  const ratio = Object.fromEntries(Object.entries(medianMs).map(([k, v]) => [k, v / bare]));
  const target = Object.fromEntries(
    Object.entries(COMMANDS).flatMap(([k, c]) => (c.target === null ? [] : [[k, c.target]])),
  );
  for (const [k, ms] of Object.entries(medianMs)) {
    const t = target[k];
    const verdict =
      t === undefined ? "" : ` (target < ${t.toFixed(1)}×: ${(ratio[k] as number) < t ? "pass" : "FAIL"})`;
    log(
      `start-up: ${k.padEnd(24)} ${ms.toFixed(0).padStart(6)} ms, ${(ratio[k] as number).toFixed(2)}× bare Node${verdict}`,
    );
  }
  return { runs, medianMs, ratio, target };
}
