/** The written lead definition as the pipeline uses it: criteria per stage, engagements, engagement sources. */

import type { ClockWindow, Millis, Place } from "./base.js";

/** A duration as the SLA file writes it (`30d`, `1bd`) and what the clock makes of it (as config.ts's Window). */
export type Span = ClockWindow & { text: string };

/** Domain classes an e-mail rule can name (built-in lists, docs/definitions.md). */
export type EmailClass = "free" | "disposable" | "role" | "invalid" | "business";

/** How a field's value is tested. Exactly one test per fit criterion. */
export type FieldTest =
  /** Case-insensitive regular expression, searched in the value. */
  | { kind: "matches"; pattern: string }
  /** The value equals one of these, compared case-insensitively after trimming. */
  | { kind: "in"; values: string[] }
  /** As `in`, the list read from a file's column (competitors.csv); the file is read by ingest. */
  | { kind: "in_file"; file: string; path: string; column: string | null }
  /** A number or a range as people type it (`1,000-5,000`, `50+`, `$1.2M`) lies within [min, max]. */
  | { kind: "range"; min: number | null; max: number | null }
  /** The e-mail's domain belongs to one of these classes. */
  | { kind: "email"; classes: EmailClass[] }
  /** The field holds a non-empty value. */
  | { kind: "present" };

interface CriterionBase {
  /** The name reports use: the SLA's `name:`, or one written from the rule (`title matches vp|director`). */
  name: string;
  /** Where the SLA file states it, for messages. */
  line: number;
  column: number;
}

/** A fit rule over a lead field (a canonical field such as `title`, or any header of the leads file). */
export interface FieldCriterion extends CriterionBase {
  kind: "field";
  field: string;
  test: FieldTest;
  /** True for `not:` inside the test (`not_in`, `not_matches`): the criterion holds when the test fails. */
  negated: boolean;
}

/** A behaviour rule: at least `atLeast` engagements of these types in [T - within, T] (ever, when within is null). */
export interface EngagementCriterion extends CriterionBase {
  kind: "engagement";
  types: string[];
  atLeast: number;
  within: Span | null;
}

/** `all:` / `any:` of criteria. */
export interface GroupCriterion extends CriterionBase {
  kind: "all" | "any";
  of: Criterion[];
}

export type Criterion = FieldCriterion | EngagementCriterion | GroupCriterion;

/** One defined stage: met when no exclusion (its own, or the SLA's `never:`) matches and `rule` holds. */
export interface StageDefinition {
  stage: string;
  /** The top-level `all:` or `any:`; its direct members are the criteria reports count failures of. */
  rule: GroupCriterion;
  /** Go-nowhere criteria: any that holds makes the entry not met (the SLA's `never:` first, then the stage's own). */
  exclude: Criterion[];
  /** Marketing's own clock (leakage): from first meeting the definition to entering the stage. Null: not judged. */
  passWithin: Span | null;
  passTarget: number | null;
  /** Calendar marketing's clock counts on (null: the SLA's default calendar, or calendar time). */
  passCalendar: string | null;
}

export interface LeadDefinitions {
  /** Engagement types the rules and the sources' `types:` may name (`engagement_types:`). */
  engagementTypes: string[];
  stages: StageDefinition[];
  /** The go-nowhere criteria (`never:`) as written once; each stage's `exclude` starts with copies of them. */
  never?: Criterion[];
}

/** How one engagement source maps raw values to engagement types. */
export interface EngagementTypeRule {
  type: string;
  /** Raw type values (a pair `["4", "Form"]` joined with "\u0000" when the type is two columns). */
  values: string[];
  /** The detail equals one of these (case-insensitive); empty: no condition. */
  detailIn: string[];
  /** The detail contains this text (case-insensitive); null: no condition. */
  detailContains: string | null;
}

/** The engagement-specific part of an `engagements:` source (the rest is its SourceDef). */
export interface EngagementMapping {
  /** One type for every row of the file (HubSpot form submissions); null: read from the type column(s). */
  fixedType: string | null;
  rules: EngagementTypeRule[];
  /** Raw type values listed so that they are not findings. */
  ignore: string[];
  /** Naive time stamps are read in this zone (null: the SLA's). */
  timezone: string | null;
  /** The lead column holds e-mails rather than lead ids (matched case-insensitively). */
  matchBy: "id" | "email";
  /** How a date without a time meets a lookback: at the start or the end of its day, or a finding. */
  dateOnly: "start_of_day" | "end_of_day" | "reject";
  /** A column must hold one of these values for the row to count (CampaignMember `HasResponded: true`). */
  where: Record<string, string[]>;
  /** The cell value that means empty (Marketo writes `null`). */
  nullValue: string | null;
  /** Epoch time stamps: `epoch_ms` or `epoch_s`; null: text time stamps. */
  epoch: "epoch_ms" | "epoch_s" | null;
  /**
   * True when `columns.type` names two headers read together as one raw value (their cells joined
   * with "\u0000", Pardot `type` + `type_name`); false or absent: its headers are candidates, the
   * first non-empty cell wins, as in every other source.
   */
  typePair?: boolean;
  /** The bridge from the vendor id in the lead column to the lead (`lead_key:`); absent: none. */
  bridge?: EngagementBridge | null;
}

/** `lead_key:`: a file mapping the engagement's vendor id (Marketo, Pardot) to a lead id or e-mail. */
export interface EngagementBridge {
  /** As written in the SLA file, and joined to its folder. */
  file: string;
  path: string;
  /** The bridge's header holding the vendor id. */
  from: string;
  /** The bridge's header holding the lead id, or the e-mail (`to: email`). */
  to: string;
  /** `to` names e-mails: matched to the leads' e-mails, ignoring case. */
  toEmail: boolean;
  /** The bridge's e-mail header, used when the `to` cell is empty (`fallback: email`); null: none. */
  fallback: string | null;
}

/** One engagement as ingest keeps it: a lead, an engagement type, an instant. */
export interface Engagement {
  leadId: string;
  type: string;
  at: Millis;
  place: Place;
}
