/** The fictional sales organisation of Acme Analytics: reps, their habits, sources and campaigns. */

/*
 * The fictional sales organisation of Acme Analytics: inbound reps, their habits, and the
 * marketing sources and campaigns that feed them.
 */

/** How quickly a rep touches a lead after accepting it. */
export type TouchHabit = "fast" | "normal" | "slow" | "neglectful";

/** An inbound sales rep. */
export interface Rep {
  name: string;
  team: "East" | "West";
  timeZone: string;
  email: string;
  /** Multiplier on the time the rep takes to answer an MQL (1 = typical). */
  responsePace: number;
  touchHabit: TouchHabit;
  /** Which synonym of sal this rep's page layout writes. */
  acceptLabel: "Sales Accepted" | "Working - Contacted";
  /** Probability that the rep leaves the reason of a recycle, disqualification or loss empty. */
  skipsReason: number;
}

function rep(
  name: string,
  team: Rep["team"],
  timeZone: string,
  responsePace: number,
  touchHabit: TouchHabit,
  acceptLabel: Rep["acceptLabel"],
  skipsReason = 0.07,
): Rep {
  const email = `${name
    .toLowerCase()
    .replace(/[^a-z ]/g, "")
    .replace(" ", ".")}@acme-analytics.com`;
  return { name, team, timeZone, email, responsePace, touchHabit, acceptLabel, skipsReason };
}

/** The eight inbound reps, East team first. */
export const REPS: readonly Rep[] = [
  rep("Priya Raman", "East", "America/New_York", 0.35, "fast", "Working - Contacted"),
  rep("Marcus Bell", "East", "America/New_York", 1, "normal", "Sales Accepted"),
  rep("Elena Petrova", "East", "America/New_York", 0.9, "normal", "Sales Accepted"),
  rep("Tom Whitaker", "East", "America/New_York", 2.2, "slow", "Working - Contacted", 0.24),
  rep("Dana Whitfield", "West", "America/Chicago", 1, "normal", "Sales Accepted"),
  rep("Luis Ortega", "West", "America/Chicago", 1.4, "neglectful", "Sales Accepted", 0.32),
  rep("Kenji Watanabe", "West", "America/Los_Angeles", 0.8, "normal", "Working - Contacted"),
  rep("Sarah Lindqvist", "West", "America/Los_Angeles", 1.1, "normal", "Sales Accepted"),
];

/** The owner of leads that wait to be routed to a rep (not a rep; not in reps.csv). */
export const ROUTING_QUEUE = "Lead Routing Queue";

/** Owner index standing for {@link ROUTING_QUEUE} (rep owners are indexes into {@link REPS}). */
export const QUEUE = -2;

/** The owner name of an owner index: a rep's full name, or the routing queue. */
export function ownerName(owner: number): string {
  return owner === QUEUE ? ROUTING_QUEUE : (REPS[owner] as Rep).name;
}

/** Indexes into {@link REPS} of each team's members. */
export const TEAM_MEMBERS: Readonly<Record<Rep["team"], readonly number[]>> = {
  East: REPS.flatMap((r, i) => (r.team === "East" ? [i] : [])),
  West: REPS.flatMap((r, i) => (r.team === "West" ? [i] : [])),
};

/** A lead source with its share of volume, its quality, and its campaign topics. */
export interface LeadSource {
  name: string;
  /** Relative share of new leads. */
  share: number;
  /** Multiplier on every forward conversion probability (1 = average). */
  quality: number;
  /** Campaign names; `{Q}` is replaced by the creation quarter, e.g. `2026-Q3`. */
  campaigns: readonly string[];
  /** Probability that the lead becomes an MQL the moment it is created (e.g. a demo request). */
  instantMql: number;
}

/** The five lead sources. Partner Referral converts best, Paid Search worst. */
export const LEAD_SOURCES: readonly LeadSource[] = [
  {
    name: "Web Form",
    share: 30,
    quality: 1,
    campaigns: ["{Q} Website: Demo Request", "{Q} Website: Contact Us", "{Q} Website: Pricing Page"],
    instantMql: 0.4,
  },
  {
    name: "Webinar",
    share: 20,
    quality: 1.02,
    campaigns: [
      "{Q} Webinar: Data Quality",
      "{Q} Webinar: Forecasting Pipeline",
      "{Q} Webinar: Self-Serve BI",
    ],
    instantMql: 0.1,
  },
  {
    name: "Paid Search",
    share: 25,
    quality: 0.68,
    campaigns: ["{Q} Paid Search: Brand", "{Q} Paid Search: Competitor Terms"],
    instantMql: 0.15,
  },
  {
    name: "Trade Show",
    share: 13,
    quality: 0.95,
    campaigns: ["{Q} Trade Show: Data Summit Boston", "{Q} Trade Show: Big Data London"],
    instantMql: 0.05,
  },
  {
    name: "Partner Referral",
    share: 12,
    quality: 1.45,
    campaigns: ["{Q} Partner: Northwind Consulting", "{Q} Partner: Fabrikam Data Services"],
    instantMql: 0.5,
  },
];

/** The campaign name for a template and a creation date. */
export function campaignName(template: string, year: number, month: number): string {
  return template.replace("{Q}", `${year}-Q${Math.floor((month - 1) / 3) + 1}`);
}
