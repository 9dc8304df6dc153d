/** Engagements no rule of the lead definition counts: the lead's first form, page views, e-mail clicks, webinars. */

import type { Rng } from "./random.js";
import { DAY } from "./zone-time.js";

/** One engagement before formatting. */
export interface EngagementEvent {
  at: number;
  type: string;
  detail: string;
}

export const SITE = "https://www.acme-analytics.com";
const PAGES = [
  "/product",
  "/integrations",
  "/customers",
  "/blog/self-serve-bi",
  "/blog/data-quality",
  "/security",
];
export const ASSETS = [
  "Ebook: The Modern Data Stack",
  "Report: BI Benchmark 2026",
  "Case Study: Redwood Logistics",
  "Guide: Forecasting Pipeline",
];
const EMAILS = ["Newsletter", "Nurture: Self-Serve BI", "Nurture: Data Quality", "Product Update"];
const FORMS = ["Contact Us", "Newsletter Signup", "Free Trial Signup"];

/** What the touches depend on. */
export interface TouchLead {
  created: number;
  source: string;
  campaign: string;
}

/** Time stamps as the export writes them: whole seconds. */
export const sec = (ms: number) => Math.floor(ms / 1000) * 1000;

/** The engagement that created the lead (null: imported or referred, no engagement). */
export function creationEngagement(rng: Rng, input: TouchLead): EngagementEvent | null {
  const at = sec(input.created);
  if (input.source === "Web Form" || input.source === "Paid Search")
    return { at, type: "form_fill", detail: rng.pick(FORMS) };
  if (input.source === "Webinar")
    return {
      at,
      type: "form_fill",
      detail: `Webinar Registration: ${input.campaign.replace(/^\S+ Webinar: /, "")}`,
    };
  return null;
}

/** Page views, e-mail clicks and webinars: engagements no rule counts. */
export function noise(rng: Rng, input: TouchLead, until: number): EngagementEvent[] {
  const out: EngagementEvent[] = [];
  const span = Math.min(60 * DAY, until - input.created);
  if (span <= 0) return out;
  const at = () => sec(input.created + rng.uniform(0, span));
  for (let k = rng.int(0, 4); k > 0; k--)
    out.push({ at: at(), type: "page_view", detail: SITE + rng.pick(PAGES) });
  for (let k = rng.int(0, 3); k > 0; k--)
    out.push({ at: at(), type: "email_click", detail: rng.pick(EMAILS) });
  if (input.source === "Webinar" && rng.chance(0.6))
    out.push({ at: at(), type: "webinar_attended", detail: input.campaign.replace(/^\S+ /, "") });
  return out;
}
