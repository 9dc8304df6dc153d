/** A LeadRows' columns and grouping as they cross to another thread (LeadRows.share, adopt). */

import type { Page } from "../../paged.js";

/** A LeadRows' columns and grouping as another thread reads them (LeadRows.share). */
export interface SharedRows {
  n: number;
  lead: Page[];
  at: Page[];
  file: Page[];
  line: Page[];
  cols: Page[][];
  texts: string[];
  start: Int32Array;
  order: Int32Array;
}
