/**
 * Child process of the bench: computes the figures in DuckDB with N threads and prints them with
 * the timings as JSON on stdout. Usage: `tsx scripts/bench/duckdb-run.ts SLA_FILE THREADS`.
 */
import { duckdbFigures } from "./duckdb.js";
import { readBenchSla } from "./sla.js";

const [file, threads] = process.argv.slice(2);
if (!file) throw new Error("usage: duckdb-run.ts SLA_FILE [THREADS]");
const result = await duckdbFigures(readBenchSla(file), Number(threads ?? 2));
process.stdout.write(`${JSON.stringify(result)}\n`);
