/** The canonical fields of each source kind: what `columns:` may map a header to. */

export const LEAD_FIELDS = [
  "id",
  "created_at",
  "owner",
  "source",
  "campaign",
  "company",
  "email",
  "first_name",
  "last_name",
  "name",
  "title",
  "company_size",
  "country",
  "stage",
  "stage_at",
  "converted_contact_id",
  // Salesforce Lead.ConvertedOpportunityId: the opportunity the lead became (issue 21).
  "converted_opportunity_id",
] as const;
export const HISTORY_FIELDS = ["lead_id", "stage", "at", "owner", "reason", "field", "old_value"] as const;
// lead_email: the lead named by e-mail (HubSpot "Associated Contact Email"), when a row has no lead id;
// call_type: a call's direction (Salesforce CallType), which makes a row with no type a call.
export const ACTIVITY_FIELDS = [
  "lead_id",
  "lead_email",
  "owner",
  "type",
  "call_type",
  "subtype",
  "status",
  "at",
] as const;
export const OWNER_FIELDS = ["lead_id", "owner", "at"] as const;
// first_name + last_name give the name when there is no name column (Salesforce User).
export const REP_FIELDS = ["id", "name", "first_name", "last_name", "team", "timezone", "calendar"] as const;
export const STAGE_DATE_FIELDS = ["lead_id", "owner"] as const;

export const ENGAGEMENT_FIELDS = ["lead_id", "lead_email", "at", "type", "detail"] as const;

// Opportunities (issue 21): the lead by id or e-mail (HubSpot "Associated Contact"), the amount
// and its currency, the stage and Salesforce's IsWon/IsClosed, when created and closed.
export const OPPORTUNITY_FIELDS = [
  "id",
  "lead_id",
  "lead_email",
  "amount",
  "currency",
  "stage",
  "is_won",
  "is_closed",
  "created_at",
  "closed_at",
  "source",
  "owner",
] as const;
// OpportunityHistory (a row per change: stage and amount from then on) or OpportunityFieldHistory
// (Field, OldValue, NewValue).
export const OPPORTUNITY_HISTORY_FIELDS = [
  "opportunity_id",
  "stage",
  "amount",
  "at",
  "field",
  "old_value",
  "new_value",
] as const;
