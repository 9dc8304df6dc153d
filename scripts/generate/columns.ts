/** Column names of the generated files (those of sla.example.yaml, plus ids and extras). */

export const LEADS_HEADER: readonly string[] = [
  "lead_id",
  "created_at",
  "first_name",
  "last_name",
  "email",
  "company",
  "title",
  "company_size",
  "country",
  "lead_source",
  "campaign",
  "owner",
];
export const STAGE_HISTORY_HEADER: readonly string[] = ["lead_id", "status", "changed_at", "owner", "reason"];
export const ACTIVITIES_HEADER: readonly string[] = [
  "activity_id",
  "lead_id",
  "owner",
  "type",
  "status",
  "occurred_at",
];
export const OWNER_HISTORY_HEADER: readonly string[] = ["lead_id", "owner", "assigned_at"];
export const REPS_HEADER: readonly string[] = ["rep", "team", "time_zone", "email"];
