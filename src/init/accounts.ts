/** Whether a header is an accounts or companies export (a lookup's file: init/lookups.ts). */

import type { PresetName } from "../config/presets.js";

/** What recognizeFile (detect.ts) says of such a file. */
export interface AccountsExport {
  object: string;
  role: "lookup";
  preset: PresetName;
}

/**
 * A Salesforce Account or a HubSpot companies export (init/lookups.ts joins it to the leads): an
 * id, a name and a fit column, and nothing only a person has (e-mail, last name, lead status).
 */
export function recognizeAccounts(have: ReadonlySet<string>): AccountsExport | null {
  const any = (...names: string[]) => names.some((n) => have.has(n));
  if (any("email", "lastname", "firstname", "status", "leadstatus", "stagename", "recordidcontact"))
    return null;
  const fit = any("industry", "numberofemployees", "employees", "annualrevenue", "billingcountry");
  if (fit && any("id", "accountid") && any("name", "accountname"))
    return { object: "Salesforce Account", role: "lookup", preset: "salesforce" };
  if (fit && any("recordid", "companyid", "recordidcompany") && any("companyname", "name"))
    return { object: "HubSpot companies", role: "lookup", preset: "hubspot" };
  return null;
}
