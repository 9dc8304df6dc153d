/** The headers (and time-stamp formats) of standard CRM exports, per source kind. */

/**
 * Presets: the headers (and time-stamp formats) that standard CRM exports use, per source kind.
 * A field's candidates are tried in order; the first column present (and, per row, the first
 * non-empty cell among present ones) wins. Columns named in the SLA file override a preset.
 * Sources: docs/export-formats.md.
 */

import type { SourceKind } from "../types.js";

export interface PresetDefaults {
  columns: Record<string, string[]>;
  dateFormat?: string;
}

export type PresetName = "salesforce" | "hubspot" | "marketo";

export const PRESETS: Record<PresetName, Partial<Record<SourceKind, PresetDefaults>>> = {
  salesforce: {
    leads: {
      // API names (Data Loader, Workbench) first, then report labels.
      columns: {
        id: ["Id", "Lead ID", "Lead Id"],
        created_at: ["CreatedDate", "Create Date", "Created Date"],
        owner: ["Owner.Name", "Lead Owner", "OwnerId", "Owner ID"],
        source: ["LeadSource", "Lead Source"],
        campaign: ["Campaign", "Primary Campaign Source"],
        company: ["Company", "Company / Account"],
        email: ["Email"],
        first_name: ["FirstName", "First Name"],
        last_name: ["LastName", "Last Name"],
        name: ["Name", "Full Name"],
        title: ["Title"],
        company_size: ["NumberOfEmployees", "No. of Employees"],
        country: ["Country"],
        stage: ["Status", "Lead Status"],
        stage_at: ["LastModifiedDate", "Last Modified Date"],
        converted_contact_id: ["ConvertedContactId", "Converted Contact ID"],
        converted_opportunity_id: ["ConvertedOpportunityId", "Converted Opportunity ID"],
      },
      dateFormat: "M/d/yyyy h:mm a",
    },
    stage_history: {
      columns: {
        lead_id: ["LeadId", "Lead ID", "Lead Id"],
        field: ["Field", "Field / Event"],
        old_value: ["OldValue", "Old Value"],
        stage: ["NewValue", "New Value"],
        at: ["CreatedDate", "Edit Date", "Created Date"],
        owner: ["CreatedBy.Name", "Edited By"],
        reason: [],
      },
      dateFormat: "M/d/yyyy h:mm a",
    },
    activities: {
      columns: {
        lead_id: ["WhoId", "Name ID", "Lead ID", "Contact ID"],
        owner: ["Owner.Name", "Assigned", "OwnerId", "Assigned To"],
        // Type is optional and often empty: TaskSubtype (Call, Email, Task, …) stands in, then a
        // call direction (CallType Inbound/Outbound) makes the row a call.
        type: ["Type", "TaskSubtype", "Task Subtype", "Task Type"],
        call_type: ["CallType", "Call Type"],
        subtype: ["TaskSubtype", "Task Subtype"],
        status: ["Status"],
        // When the task was done; ActivityDate ("Due Date") is a due date, never a touch.
        at: ["CompletedDateTime", "Completed Date/Time", "CreatedDate", "Created Date", "Date Created"],
      },
      dateFormat: "M/d/yyyy h:mm a",
    },
    engagements: {
      // CampaignMember (Data Loader): a member is a lead, or a contact after conversion; the
      // response date is a date only; the status is the campaign's own word for what happened.
      columns: {
        lead_id: ["LeadId", "ContactId"],
        lead_email: [],
        at: ["FirstRespondedDate"],
        type: ["Status"],
        detail: ["Campaign.Name"],
      },
    },
    opportunities: {
      // The Opportunity object (Data Loader API names, then report labels): no lead column; the
      // Lead export's ConvertedOpportunityId joins. CloseDate is a date; CreatedDate a time stamp.
      columns: {
        id: ["Id", "Opportunity ID", "Opportunity Id"],
        lead_id: [],
        lead_email: [],
        amount: ["Amount"],
        currency: ["CurrencyIsoCode", "Opportunity Currency", "Amount Currency"],
        stage: ["StageName", "Stage"],
        is_won: ["IsWon", "Won"],
        is_closed: ["IsClosed", "Closed"],
        created_at: ["CreatedDate", "Created Date"],
        closed_at: ["CloseDate", "Close Date"],
        source: ["LeadSource", "Lead Source"],
        owner: ["Owner.Name", "Opportunity Owner", "OwnerId", "Owner ID"],
      },
    },
    opportunity_history: {
      // OpportunityHistory (a row per stage or amount change, with the values from then on), or
      // OpportunityFieldHistory (Field Amount/StageName, OldValue, NewValue).
      columns: {
        opportunity_id: ["OpportunityId", "Opportunity ID"],
        stage: ["StageName", "Stage"],
        amount: ["Amount"],
        at: ["CreatedDate", "Created Date", "Edit Date"],
        field: ["Field", "Field / Event"],
        old_value: ["OldValue", "Old Value"],
        new_value: ["NewValue", "New Value"],
      },
    },
    reps: {
      // The User object: Name is a compound field some exports leave out; TimeZoneSidKey is an IANA zone.
      columns: {
        id: ["Id", "User ID"],
        name: ["Name", "Full Name"],
        first_name: ["FirstName", "First Name"],
        last_name: ["LastName", "Last Name"],
        timezone: ["TimeZoneSidKey"],
      },
    },
  },
  hubspot: {
    leads: {
      columns: {
        id: ["Record ID", "Record ID - Contact", "Contact ID", "VID"],
        created_at: ["Create Date", "Create date", "Created Date"],
        owner: ["Contact owner", "Contact Owner", "HubSpot Owner"],
        source: ["Original Source", "Original source", "Original Source Type"],
        campaign: ["Original Source Drill-Down 1", "Original source drill-down 1"],
        company: ["Company Name", "Company name", "Associated Company"],
        email: ["Email"],
        first_name: ["First Name", "First name"],
        last_name: ["Last Name", "Last name"],
        title: ["Job Title", "Job title"],
        company_size: ["Number of Employees", "Number of employees"],
        country: ["Country/Region", "Country"],
        stage: ["Lifecycle Stage", "Lifecycle stage"],
        stage_at: [],
      },
    },
    opportunities: {
      // The deals export: the contact by id ("Associated Contact IDs", several joined by ";") or
      // as "Associated Contact" writes it (a name and e-mail, or an e-mail).
      columns: {
        id: ["Record ID", "Deal ID", "Record ID - Deal"],
        lead_id: ["Associated Contact IDs", "Associated Contact ID"],
        lead_email: ["Associated Contact", "Associated Contact Email"],
        amount: ["Amount"],
        currency: ["Deal currency code", "Currency"],
        stage: ["Deal Stage", "Deal stage"],
        is_won: ["Is Closed Won"],
        is_closed: ["Is Deal Closed?", "Is Closed"],
        created_at: ["Create Date", "Create date"],
        closed_at: ["Close Date", "Close date"],
        source: ["Original Source Type", "Original Source", "Original source"],
        owner: ["Deal owner", "Deal Owner"],
      },
    },
    engagements: {
      // Form submissions (contacts API `form-submissions`, timestamp in epoch ms: write epoch:
      // epoch_ms) and event occurrences (`e_visited_page`, occurredAt ISO 8601).
      columns: {
        lead_id: ["canonical-vid", "objectId"],
        lead_email: [],
        at: ["timestamp", "occurredAt"],
        type: ["eventType"],
        detail: ["title", "properties"],
      },
    },
    activities: {
      columns: {
        // Never "Record ID": in an activities export it is the activity's own id.
        lead_id: ["Associated Contact IDs", "Associated Contact", "Contact ID"],
        // Exports that carry no contact id name the contact by e-mail.
        lead_email: ["Associated Contact Email", "Contact Email"],
        owner: ["Activity assigned to", "Assigned to", "HubSpot Owner", "Activity Owner"],
        type: ["Activity type", "Activity Type", "Engagement Type", "Type"],
        status: ["Call outcome", "Call status", "Status"],
        at: ["Activity date", "Activity Date", "Create date", "Created Date"],
      },
    },
  },
  marketo: {
    engagements: {
      // Bulk Activity Extract: leadId is Marketo's own id (bridge it with lead_key:), activityDate
      // UTC ISO 8601, activityTypeId per instance; empty cells written "null" (engagements.ts).
      columns: {
        lead_id: ["leadId"],
        lead_email: [],
        at: ["activityDate"],
        type: ["activityTypeId"],
        detail: ["primaryAttributeValue"],
      },
    },
  },
};
