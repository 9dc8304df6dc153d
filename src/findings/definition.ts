/** The catalogue's findings about lead fields the written definition reads. */

import type { FindingKind } from "./kind.js";

export const DEFINITION_KINDS = {
  definition_value_unreadable: {
    severity: "warning",
    drops: false,
    title:
      "a size or amount a definition compares with a range cannot be read as a number (the lead does not meet that criterion)",
    hint: 'write it as a number or a range ("250", "1,000-5,000", "50+", "$1.2M"), or fix the column in the CRM',
  },
  lookup_unknown_key: {
    severity: "info",
    drops: false,
    title: "lead whose key is not in a lookup file (sources.lookups): it gets none of that file's columns",
    hint: "add the key to the lookup file, or correct the lead's value in the CRM",
  },
} as const satisfies Record<string, FindingKind>;
