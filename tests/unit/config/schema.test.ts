import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { slaJsonSchema } from "../../../src/config/schema.js";
import { WINDOW_PATTERN } from "../../../src/config/window.js";

const root = new URL("../../../", import.meta.url);
const schemaPath = fileURLToPath(new URL("schema/sla.schema.json", root));

describe("schema/sla.schema.json", () => {
  it("exists", () => {
    expect(existsSync(schemaPath), "schema/sla.schema.json is missing: run npm run schema").toBe(true);
  });

  it("is the JSON Schema of the zod schema, as `npm run schema` writes it", () => {
    const onDisk = existsSync(schemaPath) ? readFileSync(schemaPath, "utf8") : "";
    expect(
      onDisk,
      "schema/sla.schema.json is out of date with src/config/schema.ts: run npm run schema",
    ).toBe(`${JSON.stringify(slaJsonSchema(), null, 2)}\n`);
  });

  it("publishes the window pattern the parser uses, so editors flag the same windows", () => {
    const schema = slaJsonSchema() as {
      properties: { handoffs: { items: { properties: { within: { pattern: string } } } } };
    };
    expect(schema.properties.handoffs.items.properties.within.pattern).toBe(WINDOW_PATTERN.source);
  });

  it("requires the keys every SLA file must have and forbids unknown ones", () => {
    const schema = slaJsonSchema() as { required: string[]; additionalProperties: boolean };
    expect([...schema.required].sort()).toEqual(["sources", "stages", "timezone", "version"]);
    expect(schema.additionalProperties).toBe(false);
  });
});

describe("sla.example.yaml", () => {
  it("points editors at the published schema on its first line", () => {
    const text = readFileSync(new URL("sla.example.yaml", root), "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=./schema/sla.schema.json");
  });
});
