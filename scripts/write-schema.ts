/** Writes schema/sla.schema.json from the zod schema of the SLA file (`npm run schema`). */

import { mkdirSync, writeFileSync } from "node:fs";
import { slaJsonSchema } from "../src/config/schema.js";

const target = new URL("../schema/sla.schema.json", import.meta.url);
mkdirSync(new URL("./", target), { recursive: true });
writeFileSync(target, `${JSON.stringify(slaJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);
