/** Opportunities (`sources.opportunities`, issue 21): what the leads became, in money. */

import type { Millis, Place } from "./base.js";

/** What an opportunity is at an instant: still open, or closed won or lost. */
export type OpportunityState = "open" | "won" | "lost";

/** One change of an opportunity (OpportunityHistory, OpportunityFieldHistory, a deal's stage dates). */
export interface OpportunityChange {
  at: Millis;
  /** The amount from this instant on; absent: unchanged (null: emptied). */
  amount?: number | null;
  /** The stage from this instant on, as the file writes it, and the state it means; absent: unchanged. */
  stage?: string;
  state?: OpportunityState;
  place: Place;
}

export interface Opportunity {
  id: string;
  /**
   * The lead it came from (the lead's ConvertedOpportunityId, a lead column on the opportunity,
   * a deal's associated contact); null: no lead (sales-sourced).
   */
  leadId: string | null;
  createdAt: Millis;
  /** The amount as the file has it now; null when empty (counted apart, never as 0). */
  amount: number | null;
  /** An ISO code ("USD"), or the symbol as written ("$") when it names several; null: the SLA's currency. */
  currency: string | null;
  /** The state as the file has it now, and when it closed (CloseDate; null while open). */
  state: OpportunityState;
  closedAt: Millis | null;
  stage: string | null;
  /** The opportunity's own source and owner (LeadSource, OwnerId), for opportunities with no lead. */
  source: string | null;
  owner: string | null;
  place: Place;
  /**
   * The values it had before, oldest first: the first entry (at createdAt) holds the values it was
   * created with, each later one what changed. Empty when the exports carry no history: then the
   * current amount holds from creation, and the state is open until closedAt.
   */
  history: OpportunityChange[];
}
