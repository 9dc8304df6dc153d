/** Where an `in_file` list is kept: the key of Dataset.lists and of the definition's context. */

/** The key of an `in_file` list: its path, or `path#column` when a column is named. */
export const listKey = (path: string, column: string | null): string =>
  column === null ? path : `${path}#${column}`;

/** Where a lead holds a field a definition reads: a property of Lead, or a header of its `extra`. */
export type FieldPlace = { lead: string } | { extra: string };
