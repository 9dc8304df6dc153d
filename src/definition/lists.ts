/** Where an `in_file` list is kept, and where a lead holds each field a definition reads. */

import { DIMENSION_FIELD, type Lead } from "../types.js";

/** The key of an `in_file` list: its path, or `path#column` when a column is named. */
export const listKey = (path: string, column: string | null): string =>
  column === null ? path : `${path}#${column}`;

/** Where a lead holds a field a definition reads: a property of Lead, or a header of its `extra`. */
export type FieldPlace = { lead: string } | { extra: string };

/** Lead fields by their canonical name in the SLA file, and the Lead property holding each. */
export const CANONICAL: Readonly<Record<string, keyof Lead>> = {
  ...DIMENSION_FIELD,
  id: "id",
  email: "email",
  name: "name",
};
