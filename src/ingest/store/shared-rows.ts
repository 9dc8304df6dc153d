/** A LeadRows' columns and grouping as they cross to another thread (LeadRows.share, adopt). */

import type { Page } from "../../paged.js";
import type { SharedLeads } from "./lead-runs.js";
import type { SharedPlaces } from "./places.js";
import type { SharedTimes } from "./times.js";

/** A LeadRows' columns and grouping as another thread reads them (LeadRows.share). */
export interface SharedRows {
  n: number;
  lead: SharedLeads;
  at: SharedTimes;
  places: SharedPlaces;
  cols: Page[][];
  texts: string[];
  grouping: SharedGrouping;
}

/** Each lead's rows: their numbers in order (rows in any order), or spans of rows and the rows to skip in them (rows read lead by lead). */
export type SharedGrouping =
  | { start: Int32Array; order: Int32Array }
  | { from: Int32Array; to: Int32Array; skip: Uint32Array };
