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
