/** What a kind of finding is: its severity, whether its row is used, its title and its fix. */

import type { Severity } from "../types.js";

export interface FindingKind {
  severity: Severity;
  /** The row this finding is about is not used by the audit (it is counted here instead). */
  drops: boolean;
  title: string;
  hint: string;
}
